"""Daily aggregates equal a recount from the events, whether built incrementally or rebuilt."""

import datetime as dt
import io
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from jincun.network.demo import build_demo
from jincun.parcels.aggregates import rebuild_aggregates, refresh_aggregates
from jincun.parcels.models import DailyVolume, Grain, ScanEvent
from jincun.simulation.services import run_simulation

TZ = ZoneInfo("Asia/Shanghai")
METRICS = {
    ("at_hub", "inbound"): "in_hub",
    ("signed", "inbound"): "in_signed",
    ("collected", "outbound"): "out_collected",
    ("handed_to_brand", "outbound"): "out_handed",
    ("problem", "inbound"): "problem",
    ("problem", "outbound"): "problem",
}


def recount() -> dict[str, Counter]:
    """Straight from the events, in Python: a second implementation to hold the SQL to."""
    events = ScanEvent.objects.filter(result="applied").select_related("parcel").order_by("id")
    hub_at: dict[int, dt.datetime] = {}
    grains = {g: Counter() for g in Grain.values}
    for e in events:
        p = e.parcel
        if e.state_after == "at_hub":
            hub_at.setdefault(p.id, e.at)
        metric = METRICS.get((e.state_after, p.direction))
        if metric is None:
            continue
        day = e.at.astimezone(TZ).date()
        village = p.village_id or ""
        town = village[:9] + "000" if village else ""
        grains["V"][(day, metric, village, town, p.route_kind)] += 1
        grains["T"][(day, metric, town, p.route_kind)] += 1
        grains["B"][(day, metric, town, p.brand_id)] += 1
        if metric == "in_signed":
            hours = -1
            if p.id in hub_at:
                hours = min(int((e.at - hub_at[p.id]).total_seconds() // 3600), 720)
            grains["H"][(day, metric, town, hours)] += 1
    return grains


def stored() -> dict[str, Counter]:
    grains = {g: Counter() for g in Grain.values}
    for r in DailyVolume.objects.all():
        key = {
            "V": (r.day, r.metric, r.village_code, r.town_code, r.route_kind),
            "T": (r.day, r.metric, r.town_code, r.route_kind),
            "B": (r.day, r.metric, r.town_code, r.brand_id),
            "H": (r.day, r.metric, r.town_code, r.hours),
        }[r.grain]
        grains[r.grain][key] += r.count
    return grains


@pytest.fixture
def simulated(yiyuan):
    build_demo(yiyuan, seed=3)
    run_simulation(2, start=dt.date(2026, 10, 12), seed=3, scale=0.002)
    return yiyuan


def test_incremental_refresh_and_rebuild_both_equal_the_recount(simulated):
    first = refresh_aggregates()
    assert first.events > 100
    run_simulation(1, start=dt.date(2026, 10, 14), seed=4, scale=0.002)  # events land after the first refresh
    second = refresh_aggregates()
    assert second.events_from == first.events_to and second.events > 0
    assert refresh_aggregates().events == 0  # nothing new: nothing counted twice
    expected = recount()
    assert sum(expected["V"].values()) > 0 and expected["H"]
    assert {k: v for k, v in expected["V"].items() if k[1] == "out_collected"}  # autumn: apples go out
    assert stored() == expected
    rebuild_aggregates()
    assert stored() == expected
    rebuild_aggregates(dt.date(2026, 10, 13), dt.date(2026, 10, 13))
    assert stored() == expected


def test_partial_rebuild_after_lost_rows_restores_only_those_days(simulated):
    refresh_aggregates()
    expected = recount()
    DailyVolume.objects.filter(day=dt.date(2026, 10, 12)).delete()
    DailyVolume.objects.filter(day=dt.date(2026, 10, 13)).update(count=999)
    call_command("rebuild_aggregates", "--start", "2026-10-12", "--end", "2026-10-13", stdout=io.StringIO())
    assert stored() == expected


def test_late_event_counts_on_the_day_it_happened(simulated):
    refresh_aggregates()
    before = DailyVolume.objects.filter(grain="T", metric="problem").count()
    from jincun.parcels import services
    from jincun.parcels.models import Parcel

    parcel = Parcel.objects.filter(state="at_station").first()
    services.open_problem(
        parcel, "damaged", note="晚到的破损登记", at=dt.datetime(2026, 10, 13, 9, tzinfo=TZ)
    )
    refresh_aggregates()
    assert stored() == recount()
    assert DailyVolume.objects.filter(grain="T", metric="problem").count() >= before
