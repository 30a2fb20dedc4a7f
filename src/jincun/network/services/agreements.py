"""Writing cooperation agreements (which brand reaches which village or town, how, via what, when).

Every rule the coverage figures depend on is checked here, before the database's own constraints, so a bad
request gets a reason rather than an integrity error; each write records who made it.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from jincun.core.imports import listed
from jincun.network.choices import AreaLevel, Mode
from jincun.network.models import AdminArea, Agreement, Brand, Station, TownNode

FIELDS = ["brand", "mode", "village", "town", "station", "town_node", "valid_from", "valid_to",
          "remind_after_days", "return_after_days", "note"]  # fmt: skip


class AgreementRefused(ValueError):
    def __init__(self, message: str, code: str = "invalid_agreement"):
        super().__init__(message)
        self.code = code


def save_agreement(
    values: dict, *, agreement: Agreement | None = None, user=None, reason: str = ""
) -> Agreement:
    """Create an agreement (agreement=None) or change the given one from `values`, whose keys are
    `brand` (code), `mode`, `village` / `town` (area codes), `station` (code), `town_node` (code),
    `valid_from`, `valid_to`, `remind_after_days`, `return_after_days`, `note`. Missing keys keep their
    value. Raises AgreementRefused."""
    creating = agreement is None
    with transaction.atomic():
        if creating:
            missing = [k for k in ("brand", "mode", "valid_from") if not values.get(k)]
            if not (values.get("village") or values.get("town")):
                missing.append("village/town")
            if missing:
                raise AgreementRefused(_("缺少：%(fields)s") % {"fields": listed(missing)}, "missing_fields")
            agreement = Agreement()
        else:
            agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        _apply(agreement, values)
        _validate(agreement)
        if user is not None and getattr(user, "pk", None):
            agreement._history_user = user
        agreement._change_reason = reason or ("新建协议" if creating else "修改协议")
        agreement.save()
    return agreement


def _apply(a: Agreement, values: dict) -> None:
    if "brand" in values and values["brand"] is not None:
        brand = Brand.objects.filter(code=values["brand"]).first()
        if brand is None or not brand.active:
            raise AgreementRefused(
                _("未知或已停用的品牌 %(brand)s") % {"brand": repr(values["brand"])}, "unknown_brand"
            )
        a.brand = brand
    if values.get("mode") is not None:
        if values["mode"] not in Mode.values:
            raise AgreementRefused(
                _("未知合作模式 %(mode)s；可用：%(allowed)s")
                % {"mode": repr(values["mode"]), "allowed": listed(Mode.values)},
                "bad_mode",
            )
        a.mode = values["mode"]
    if "village" in values or "town" in values:
        a.village = (
            _area(values.get("village"), AreaLevel.VILLAGE, _("未知村代码 %(code)s"))
            if values.get("village")
            else None
        )
        a.town = (
            _area(values.get("town"), AreaLevel.TOWN, _("未知镇代码 %(code)s"))
            if values.get("town")
            else None
        )
    if "station" in values:
        code = values["station"]
        a.station = Station.objects.select_related("village").filter(code=code).first() if code else None
        if code and a.station is None:
            raise AgreementRefused(_("未知站点 %(code)s") % {"code": code}, "unknown_station")
    if "town_node" in values:
        code = values["town_node"]
        a.town_node = TownNode.objects.filter(code=code).first() if code else None
        if code and a.town_node is None:
            raise AgreementRefused(_("未知镇级节点 %(code)s") % {"code": code}, "unknown_town_node")
    for key in ("valid_from", "valid_to", "remind_after_days", "return_after_days", "note"):
        if key in values and (values[key] is not None or key == "valid_to"):
            setattr(a, key, values[key])


def _area(code: str, level: str, refusal: str) -> AdminArea:
    area = AdminArea.objects.filter(code=code).first()
    if area is None or area.level != level:
        raise AgreementRefused(refusal % {"code": code}, "unknown_area")
    return area


def _validate(a: Agreement) -> None:
    if (a.village_id is None) == (a.town_id is None):
        raise AgreementRefused(_("须且只能填写村（village）或整镇（town）之一"), "village_xor_town")
    if not isinstance(a.valid_from, dt.date):
        raise AgreementRefused(_("生效日期无效"), "bad_date")
    if a.valid_to is not None and a.valid_to < a.valid_from:
        raise AgreementRefused(
            _("截止日期 %(to)s 早于生效日期 %(from)s") % {"to": a.valid_to, "from": a.valid_from}, "bad_date"
        )
    if a.return_after_days <= a.remind_after_days:
        raise AgreementRefused(_("退回天数须大于滞留提醒天数"), "bad_retention")
    if not (1 <= a.remind_after_days <= 60 and 1 <= a.return_after_days <= 90):
        raise AgreementRefused(_("滞留提醒天数应在 1–60、退回天数应在 1–90 之间"), "bad_retention")
    town_code = a.town_id or (a.village.parent_id if a.village_id else None)
    if a.mode == Mode.PROXY:
        if a.station_id:
            raise AgreementRefused(_("村委代办不经过村级站点，请不要填写站点"), "proxy_with_station")
        if a.town_node_id is None:
            a.town_node = TownNode.objects.filter(town_id=town_code).order_by("code").first()
            if a.town_node is None:
                raise AgreementRefused(_("该镇尚无镇级节点，村委代办无处存放包裹"), "no_town_node")
    if a.town_node_id and a.town_node.town_id != town_code:
        raise AgreementRefused(
            _("节点 %(node)s 不属于该协议的镇") % {"node": a.town_node.code}, "town_mismatch"
        )
    if a.station_id:
        station = a.station
        if a.village_id and station.village_id != a.village_id:
            raise AgreementRefused(
                _("站点 %(station)s 不在村 %(area)s") % {"station": station.code, "area": a.village_id},
                "station_mismatch",
            )
        if a.town_id and station.village.parent_id != a.town_id:
            raise AgreementRefused(
                _("站点 %(station)s 不在镇 %(area)s") % {"station": station.code, "area": a.town_id},
                "station_mismatch",
            )
