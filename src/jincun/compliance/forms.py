from django import forms
from django.utils.translation import gettext_lazy as _

from jincun.compliance.choices import ComplaintCategory, Responsible


class ComplaintForm(forms.Form):
    category = forms.ChoiceField(label=_("类别"), choices=ComplaintCategory.choices)
    text = forms.CharField(label=_("投诉内容"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=20)
    contact_name = forms.CharField(label=_("姓名（可不填）"), max_length=64, required=False)
    waybill = forms.CharField(label=_("运单号（可不填）"), max_length=40, required=False)


class AssignForm(forms.Form):
    responsible = forms.ChoiceField(label=_("责任方"), choices=Responsible.choices)
    brand = forms.CharField(label=_("品牌代码"), max_length=16, required=False)
    station = forms.CharField(label=_("站点编码"), max_length=32, required=False)


class StubForm(forms.Form):
    place = forms.CharField(label=_("地点"), max_length=64)
    batch = forms.CharField(label=_("批次/范围"), max_length=200)
    count = forms.IntegerField(label=_("数量"), min_value=1, max_value=10_000_000)
    method = forms.CharField(label=_("销毁方式"), max_length=64, initial=_("碎纸机粉碎"))
    destroyed_on = forms.DateField(label=_("销毁日期"), widget=forms.DateInput(attrs={"type": "date"}))
    witness = forms.CharField(label=_("监销人"), max_length=64)
