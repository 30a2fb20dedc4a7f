"""The villager lookup's answer: where the parcel is and what to do — and nothing else.

Every miss reads the same ("没有找到"), whether the code does not exist or the phone tail is wrong, so the
page cannot confirm that a parcel or a phone number exists.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jincun.parcels import queries

NOT_FOUND = {
    "tone": "warn",
    "headline": gettext_lazy("没有找到"),
    "text": gettext_lazy("请核对手机尾号和取件码（或运单号），或联系站点。"),
}


def describe_for_villager(phone_tail: str, code: str) -> dict:
    parcel = queries.find_for_villager(phone_tail, code)
    if parcel is None:
        return {key: str(value) for key, value in NOT_FOUND.items()}
    state = parcel.state
    if state == "at_station" and parcel.station is not None:
        return {
            "tone": "ok",
            "headline": parcel.pickup_code,
            "text": _("已到 %(station)s，凭取件码免费取件。营业时间 %(open)s–%(close)s。")
            % {
                "station": parcel.station.name,
                "open": parcel.station.opens_at.strftime("%H:%M"),
                "close": parcel.station.closes_at.strftime("%H:%M"),
            },
        }
    if state in ("at_service_center", "with_proxy"):
        return {
            "tone": "info",
            "headline": _("村委代办"),
            "text": _("包裹由村委代办员带回村里，请留意村委通知。"),
        }
    if state == "signed":
        return {
            "tone": "info",
            "headline": _("已签收"),
            "text": _("该包裹已签收。如非本人领取，请联系站点。"),
        }
    if state in ("refused", "returning", "returned", "overdue", "problem", "lost"):
        return {"tone": "warn", "headline": parcel.get_state_display(), "text": _("请联系站点或快递公司。")}
    return {
        "tone": "info",
        "headline": _("运输中"),
        "text": _("当前：%(state)s。到站后会短信通知取件码。") % {"state": parcel.get_state_display()},
    }
