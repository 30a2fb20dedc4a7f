"""The tariff page's form: a new version (the service validates the rule; the form only parses)."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from jincun.network.choices import Mode
from jincun.network.models import AdminArea, Brand
from jincun.settlement.choices import PartyKind, PriceModel
from jincun.settlement.services.tariffs import EARNING_EVENTS


class TariffForm(forms.Form):
    code = forms.CharField(label=_("价目编码"), max_length=40)
    name = forms.CharField(label=_("名称"), max_length=80)
    party_kind = forms.ChoiceField(label=_("结算对象"), choices=PartyKind.choices)
    payee_brand = forms.ModelChoiceField(label=_("收款邮政企业"), queryset=Brand.objects.filter(is_postal=True),
                                         required=False)  # fmt: skip
    brand = forms.ModelChoiceField(label=_("品牌（空=所有）"), queryset=Brand.objects.all(), required=False)
    mode = forms.ChoiceField(
        label=_("合作模式"), choices=[("", _("所有模式")), *Mode.choices], required=False
    )
    area = forms.CharField(label=_("镇或村代码（空=全县）"), max_length=12, required=False)
    effective_from = forms.DateField(label=_("生效日期"), widget=forms.DateInput(attrs={"type": "date"}))
    event_types = forms.MultipleChoiceField(label=_("计费事件"), choices=[(e, e) for e in EARNING_EVENTS],
                                            widget=forms.CheckboxSelectMultiple)  # fmt: skip
    price_model = forms.ChoiceField(label=_("计价方式"), choices=PriceModel.choices)
    params = forms.CharField(label=_("价格参数 (JSON)"), initial='{"unit_fen": 100}')
    minimum_fen = forms.IntegerField(label=_("月保底(分)"), min_value=0, initial=0)

    def clean_params(self):
        try:
            value = json.loads(self.cleaned_data["params"])
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(_("不是有效的 JSON：%(error)s") % {"error": exc.msg}) from exc
        if not isinstance(value, dict):
            raise forms.ValidationError(_("参数应为 JSON 对象"))
        return value

    def clean_area(self):
        code = self.cleaned_data["area"].strip()
        if not code:
            return None
        area = AdminArea.objects.filter(code=code, level__in=["town", "village"]).first()
        if area is None:
            raise forms.ValidationError(_("未知的镇或村代码"))
        return area

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        area = data.pop("area")
        data["town"] = area if area is not None and area.level == "town" else None
        data["village"] = area if area is not None and area.level == "village" else None
        return data
