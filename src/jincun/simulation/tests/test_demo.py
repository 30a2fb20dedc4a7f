"""The demo network tells the policy's story: under 80% at mid-2020, past 80% by end-2020, 100% by end-2021."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from jincun.agri.models import Project
from jincun.api.models import ApiToken
from jincun.core.models import User
from jincun.network.choices import Mode, StationStatus
from jincun.network.coverage import coverage_at
from jincun.network.demo import build_demo, hub_code
from jincun.network.geo import county_outline
from jincun.network.models import AdminArea, Agreement, Station, TownNode
from jincun.network.tests.factories import HubFactory
from jincun.parcels.models import Parcel
from jincun.routing.models import Plan
from jincun.simulation.rates import DEMO_SCALE

D = dt.date


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_demo_then_coverage_prints_100_percent_end_2021_and_under_80_mid_2020(yiyuan):
    output = run("demo", "--history-days", "2")
    assert "jincun-demo" in output and "jc_" in output  # logins and the ZTO token are printed
    assert "模拟历史" in output and Parcel.objects.exists()  # parcel traffic through the services
    # The projects' targets are scaled by the volume the demo simulates (the dashboard compares the two).
    assert set(Project.objects.values_list("volume_scale", flat=True)) == {DEMO_SCALE}
    assert f"演示件量为全县的 {DEMO_SCALE:.0%}" in output
    # The route plan page has the past days, today and tomorrow, each planned from its own parcels.
    today = timezone.localdate()
    planned = set(Plan.objects.values_list("date", flat=True))
    assert planned == {today + dt.timedelta(days=n) for n in range(-2, 2)}
    assert Plan.objects.get(date=today - dt.timedelta(days=1)).runs.exists()
    assert "结算：" in output  # last month rated and drafted (statements only where it had traffic)
    assert "100.0%" in run("coverage", "--at", "2021-12-31")
    mid_2020 = run("coverage", "--at", "2020-06-30", "--format", "json")
    assert '"share": 0.' in mid_2020
    assert coverage_at(D(2020, 6, 30)).share < 0.8
    assert coverage_at(D(2020, 12, 31)).share >= 0.8
    assert coverage_at(D(2021, 12, 31)).share == 1.0
    assert "已有演示网络" in run("demo", "--if-new")
    assert Station.objects.count() == Station.objects.filter(village__code__startswith="370323").count()


def test_demo_network_is_plausible(yiyuan):
    result = build_demo(yiyuan, seed=7)
    assert TownNode.objects.filter(hub=result.hub).count() == 12
    assert {a.mode for a in Agreement.objects.all()} == set(Mode.values)
    brands_with_agreements = set(Agreement.objects.values_list("brand__code", flat=True))
    assert {"ZTO", "YTO", "STO", "YUNDA", "JT", "POST", "EMS", "SF", "JD", "DBL"} <= brands_with_agreements
    assert Agreement.objects.filter(valid_to__isnull=False).exists()  # at least one agreement ended
    statuses = set(Station.objects.values_list("status", flat=True))
    assert statuses == set(StationStatus.values)
    stations = list(Station.objects.all())
    assert 0 < sum(not s.meets_standard for s in stations) < len(stations) // 5
    outline = county_outline("370323").buffer(0.01)
    from shapely.geometry import Point

    units = AdminArea.objects.villages().in_county("370323")
    assert not units.filter(lat__isnull=True).exists()
    assert all(u.location_approximate and outline.contains(Point(u.lon, u.lat)) for u in units)
    proxy = User.objects.get(username="proxy").assignment
    assert proxy.villages.exists() and all(
        Agreement.objects.filter(village=v, mode=Mode.PROXY).exists() for v in proxy.villages.all()
    )
    assert User.objects.get(username="station").assignment.station.meets_standard
    assert {u.role for u in User.objects.all()} >= {
        "admin", "regulator", "hub_operator", "town_operator", "station_keeper", "village_proxy", "brand_user",
    }  # fmt: skip


def _snapshot():
    return list(
        Station.objects.order_by("code").values_list("code", "keeper_name", "lat", "lon", "opened_on")
    )


def test_same_seed_same_network(yiyuan):
    snapshots = []
    for _ in range(2):
        with transaction.atomic():
            build_demo(yiyuan, seed=11)
            snapshots.append(_snapshot())
            transaction.set_rollback(True)
    assert snapshots[0] == snapshots[1] and len(snapshots[0]) > 400


def test_demo_refuses_a_second_network_without_if_new(yiyuan):
    HubFactory(code=hub_code(yiyuan), county=yiyuan)
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="already has a demo network"):
        run("demo", "--history-days", "0")
    assert ApiToken.objects.count() == 0


def test_demo_names_an_unknown_county_code(yiyuan):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="no county with code 999.*loaded: 370323000000"):
        run("demo", "--history-days", "0", "--county", "999")
