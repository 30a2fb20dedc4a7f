"""Forms of the work pages. Rules (name match, prohibited items, the ID check digit) are checked again by
the services; the form only shapes the input and says early what is missing."""

from django import forms
from django.utils.translation import gettext_lazy as _

from jincun.agri.models import Project
from jincun.core.resident_id import resident_id_valid
from jincun.network.models import Brand
from jincun.parcels.choices import Contents, HandoverKind, HandoverStatus, IdType


class CollectionForm(forms.Form):
    """揽收: the sender, their ID (实名收寄), the inspection (验视), weight, brand and farm-product project."""

    sender_name = forms.CharField(label=_("寄件人姓名"), max_length=64)
    sender_phone = forms.CharField(label=_("寄件人电话"), max_length=20)
    id_type = forms.ChoiceField(label=_("证件类型"), choices=IdType.choices)
    id_number = forms.CharField(label=_("证件号码"), max_length=32)
    id_name = forms.CharField(label=_("证件上的姓名"), max_length=64)
    recipient_name = forms.CharField(label=_("收件人姓名"), max_length=64)
    recipient_phone = forms.CharField(label=_("收件人电话"), max_length=20)
    recipient_address = forms.CharField(label=_("收件地址"), max_length=300)
    contents = forms.ChoiceField(label=_("内件品类（验视）"), choices=Contents.choices)
    contents_note = forms.CharField(label=_("验视说明"), max_length=200, required=False)
    inspected = forms.BooleanField(label=_("已当面验视内件"), required=True)
    weight_g = forms.IntegerField(label=_("重量（克）"), min_value=1, max_value=100_000)
    brand = forms.ModelChoiceField(
        label=_("快递品牌"), queryset=Brand.objects.filter(active=True), to_field_name="code"
    )

    def clean_id_number(self):
        """实名收寄 needs a real document number: a resident ID must carry its check digit."""
        number = self.cleaned_data["id_number"].strip().upper()
        if self.cleaned_data.get("id_type") == IdType.RESIDENT and not resident_id_valid(number):
            raise forms.ValidationError(_("身份证号码不正确（应为 18 位，末位校验码要对）"))
        if len(number) < 5:
            raise forms.ValidationError(_("证件号码太短"))
        return number

    project = forms.ModelChoiceField(
        label=_("农产品项目"),
        queryset=Project.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("不计入项目"),
        help_text=_("本村当年有效的项目，产季中的在前"),
    )

    def __init__(self, *args, projects=(), **kwargs):
        """`projects`: the station village's active projects (agri.services.active_projects)."""
        super().__init__(*args, **kwargs)
        codes = [p.code for p in projects]
        self.fields["project"].queryset = Project.objects.filter(code__in=codes)
        order = {code: i for i, code in enumerate(codes)}
        self.fields["project"].choices = [("", _("不计入项目"))] + [
            (p.code, p.name) for p in sorted(projects, key=lambda p: order[p.code])
        ]


class HandoverFilter(forms.Form):
    """Filters of the handover-list page; an empty or malformed field filters nothing."""

    status = forms.ChoiceField(
        label=_("状态"), required=False, choices=[("", _("全部状态")), *HandoverStatus.choices]
    )
    kind = forms.ChoiceField(
        label=_("类型"), required=False, choices=[("", _("全部类型")), *HandoverKind.choices]
    )
    day = forms.DateField(label=_("开单日期"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    number = forms.CharField(label=_("单号"), required=False, max_length=32)
