"""Tariffs: add a version (never edit one), and find the one that applies to a parcel on a day."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from jincun.parcels.choices import State
from jincun.settlement import rating
from jincun.settlement.choices import PartyKind, PriceModel
from jincun.settlement.models import Tariff

# The events that may earn (data per tariff picks among them): delivered, proxy batch, outbound collected,
# handed to brand, postal handover and route, returned.
EARNING_EVENTS = [
    State.SIGNED,
    State.AT_STATION,
    State.WITH_PROXY,
    State.COLLECTED,
    State.HANDED_TO_BRAND,
    State.TO_POSTAL,
    State.ON_MAIL_ROUTE,
    State.RETURNED,
]


@transaction.atomic
def add_tariff_version(
    *,
    code: str,
    name: str,
    party_kind: str,
    effective_from: dt.date,
    event_types: list[str],
    price_model: str,
    params: dict,
    brand=None,
    mode: str = "",
    town=None,
    village=None,
    payee_brand=None,
    minimum_fen: int = 0,
    by=None,
) -> Tariff:
    """A new tariff version. Refused with a reason: an unknown party (there is no villager party: picking up
    is free), events that cannot earn, parameters that cannot price, or a version already starting that day."""
    reasons = []
    if party_kind not in PartyKind.values:
        reasons.append(f"结算对象只能是品牌、站点、邮政或村委代办，不能是 {party_kind!r}（村民取件免费）")
    bad = [e for e in event_types if e not in EARNING_EVENTS]
    if not event_types or bad:
        reasons.append(f"计费事件须取自 {', '.join(EARNING_EVENTS)}")
    reasons += rating.validate_params(price_model, params)
    if party_kind == PartyKind.POSTAL and payee_brand is None:
        reasons.append("邮政代投价目须指定收款的邮政企业")
    if price_model == PriceModel.SHARE and party_kind == PartyKind.BRAND:
        reasons.append("分成只用于应付方（站点等）")
    if village is not None and town is not None:
        reasons.append("范围为镇或村，二选一")
    if reasons:
        raise ValidationError(reasons)
    scope = dict(party_kind=party_kind, brand=brand, mode=mode, town=town, village=village)
    if Tariff.objects.filter(**scope, effective_from=effective_from).exists():
        raise ValidationError("该范围在这一天已有版本；新价格请用更晚的生效日期")
    return Tariff.objects.create(
        code=code, name=name, effective_from=effective_from, event_types=list(event_types),
        price_model=price_model, params=params, payee_brand=payee_brand, minimum_fen=minimum_fen,
        created_by=by, **scope,
    )  # fmt: skip


def applicable_tariff(party_kind: str, *, brand_id, mode: str, village, day: dt.date, event_type: str):
    """The tariff that rates one event (same rule as the SQL: most specific scope, then latest version)."""
    town_id = village.parent_id if village is not None else None
    candidates = [
        t
        for t in Tariff.objects.filter(party_kind=party_kind, effective_from__lte=day)
        if event_type in t.event_types
        and (not t.brand_id or t.brand_id == brand_id)
        and (not t.mode or t.mode == mode)
        and (not t.village_id or (village is not None and t.village_id == village.pk))
        and (not t.town_id or t.town_id == town_id)
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda t: (t.specificity, t.effective_from))
