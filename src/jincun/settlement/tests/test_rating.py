"""Rating: tariff choice by scope and date, each price model in fen, idempotent re-runs, closed periods."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from jincun.network.choices import Mode
from jincun.settlement.choices import PartyKind, PriceModel
from jincun.settlement.models import ChargeLine
from jincun.settlement.services.periods import close_period
from jincun.settlement.services.rating import rate_month
from jincun.settlement.services.statements import draft_statements
from jincun.settlement.services.tariffs import add_tariff_version
from jincun.settlement.tests.factories import brand_tariff, county, event, local, parcel

OCT = dt.date(2026, 10, 1)
NOV = dt.date(2026, 11, 1)


@pytest.fixture
def c(db):
    return county()


def _amounts(kind=PartyKind.BRAND):
    return sorted(ChargeLine.objects.filter(party_kind=kind).values_list("waybill", "amount_fen"))


def test_per_piece_rates_only_earning_applied_events_in_the_month(c):
    brand_tariff(c, unit_fen=150)
    p1, p2, p3 = parcel(c), parcel(c), parcel(c)
    event(p1, "signed", local(2026, 10, 3))
    event(p1, "at_station", local(2026, 10, 2))  # does not earn under this tariff
    event(p2, "signed", local(2026, 10, 31, 23))  # Shanghai's October, UTC's too
    event(p3, "signed", local(2026, 11, 1, 0))  # 2026-10-31 16:00 UTC: already November in Shanghai
    event(parcel(c), "signed", local(2026, 10, 5), result="refused")
    run = rate_month(OCT)
    assert run.lines_created == 2 and run.state == "done"
    assert _amounts() == [(p1.waybill, 150), (p2.waybill, 150)]


def test_rerun_is_idempotent(c):
    brand_tariff(c)
    for _ in range(3):
        event(parcel(c), "signed", local(2026, 10, 3))
    rate_month(OCT)
    before = list(ChargeLine.objects.values_list("id", "event_id", "amount_fen"))
    assert rate_month(OCT).lines_created == 0
    assert list(ChargeLine.objects.values_list("id", "event_id", "amount_fen")) == before


def test_most_specific_scope_wins_and_versions_by_date(c):
    brand_tariff(c, unit_fen=150)  # county-wide for the brand, from January
    add_tariff_version(
        code="brand-joint-village", name="东庄村派送", party_kind=PartyKind.BRAND, brand=c.brand,
        village=c.joint_village, effective_from=dt.date(2026, 1, 1), event_types=["signed"],
        price_model=PriceModel.PER_PIECE, params={"unit_fen": 200},
    )  # fmt: skip
    add_tariff_version(
        code="brand-joint-village", name="东庄村派送（调价）", party_kind=PartyKind.BRAND, brand=c.brand,
        village=c.joint_village, effective_from=dt.date(2026, 10, 16), event_types=["signed"],
        price_model=PriceModel.PER_PIECE, params={"unit_fen": 230},
    )  # fmt: skip
    add_tariff_version(
        code="brand-postal", name="邮快派送", party_kind=PartyKind.BRAND, mode=Mode.POSTAL,
        effective_from=dt.date(2026, 1, 1), event_types=["signed"], price_model=PriceModel.PER_PIECE,
        params={"unit_fen": 120},
    )  # fmt: skip
    early, late, postal, proxy = parcel(c), parcel(c), parcel(c, Mode.POSTAL), parcel(c, Mode.PROXY)
    event(early, "signed", local(2026, 10, 15, 23))
    event(late, "signed", local(2026, 10, 16, 0))
    event(postal, "signed", local(2026, 10, 5))
    event(proxy, "signed", local(2026, 10, 5))
    rate_month(OCT)
    # village beats county; the village's second version starts at Shanghai midnight on the 16th;
    # a brand-less postal tariff beats… nothing here: the brand's county-wide one is more specific (brand named)
    assert dict(_amounts()) == {
        early.waybill: 200,
        late.waybill: 230,
        postal.waybill: 150,
        proxy.waybill: 150,
    }


def test_weight_bands_round_up_each_started_kilogram(c):
    brand_tariff(
        c, price_model=PriceModel.WEIGHT_BAND,
        params={"bands": [[1000, 100], [3000, 180]], "extra_per_kg_fen": 50},
    )  # fmt: skip
    weights = {0: 100, 1000: 100, 1001: 180, 3000: 180, 3001: 230, 4000: 230, 4001: 280, None: 100}
    parcels = {}
    for w in weights:
        p = parcel(c, weight_g=w)
        parcels[p.waybill] = weights[w]
        event(p, "signed", local(2026, 10, 3))
    rate_month(OCT)
    assert dict(_amounts()) == parcels


def test_graduated_tiers_count_the_month_in_event_order_and_continue_across_runs(c):
    brand_tariff(c, price_model=PriceModel.GRADUATED, params={"tiers": [[2, 100], [3, 80], [None, 60]]})
    ps = [parcel(c) for _ in range(5)]
    for i, p in enumerate(ps[:4]):
        event(p, "signed", local(2026, 10, 1 + i))
    rate_month(OCT)
    event(ps[4], "signed", local(2026, 10, 2))  # rated later: the 5th piece of the month, not the 2nd
    rate_month(OCT)
    got = dict(_amounts())
    assert [got[p.waybill] for p in ps] == [100, 100, 80, 60, 60]


def test_share_is_half_up_of_the_brand_line(c):
    brand_tariff(c, unit_fen=155)
    add_tariff_version(
        code="station-share", name="站点分成", party_kind=PartyKind.STATION, effective_from=dt.date(2026, 1, 1),
        event_types=["signed"], price_model=PriceModel.SHARE, params={"share_bp": 3333},
    )  # fmt: skip
    brand_tariff(c, unit_fen=135, day=dt.date(2026, 10, 10))
    a, b = parcel(c), parcel(c)
    event(a, "signed", local(2026, 10, 3))  # 155 × 0.3333 = 51.66 → 52
    event(b, "signed", local(2026, 10, 12))  # 135 × 0.3333 = 44.9955 → 45
    rate_month(OCT)
    assert dict(_amounts(PartyKind.STATION)) == {a.waybill: 52, b.waybill: 45}
    assert (
        ChargeLine.objects.get(party_kind="station", waybill=a.waybill).party_key == f"station:{c.station.pk}"
    )


def test_minimum_tops_up_the_month(c):
    brand_tariff(c, unit_fen=100, minimum_fen=1000)
    for _ in range(3):
        event(parcel(c), "signed", local(2026, 10, 3))
    assert draft_statements(OCT) == []  # nothing rated yet: no party, no statement
    rate_month(OCT)
    draft_statements(OCT)
    [statement] = draft_statements(OCT)  # drafting again recomputes the top-up, does not add a second
    assert statement.total_fen == 1000
    assert statement.totals_by_kind == {
        "signed": {"count": 3, "fen": 300},
        "minimum": {"count": 1, "fen": 700},
    }


def test_closed_month_is_never_rewritten_late_event_lands_in_next_open_month(c):
    brand_tariff(c)
    on_time = parcel(c)
    event(on_time, "signed", local(2026, 10, 3))
    rate_month(OCT)
    draft_statements(OCT)
    close_period(OCT)
    late = parcel(c)
    event(late, "signed", local(2026, 10, 30))  # arrives after October closed
    with pytest.raises(ValidationError):
        rate_month(OCT)
    run = rate_month(NOV)
    assert run.late_lines == 1
    line = ChargeLine.objects.get(waybill=late.waybill)
    assert line.period.month == NOV
    assert ChargeLine.objects.filter(period__month=OCT).count() == 1


def test_no_villager_party(c):
    with pytest.raises(ValidationError, match="村民取件免费"):
        add_tariff_version(
            code="x", name="取件费", party_kind="villager", effective_from=dt.date(2026, 1, 1),
            event_types=["signed"], price_model=PriceModel.PER_PIECE, params={"unit_fen": 100},
        )  # fmt: skip
    assert set(PartyKind.values) == {"brand", "station", "postal", "proxy"}
