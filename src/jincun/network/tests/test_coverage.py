"""Coverage figures checked against small counties computed by hand."""

import datetime as dt

import pytest

from jincun.network.choices import Mode
from jincun.network.coverage import coverage_at, target_standings
from jincun.network.models import CoverageTarget
from jincun.network.tests.factories import (
    TEST_COUNTY,
    AgreementFactory,
    BrandFactory,
    CommunityFactory,
    CountyFactory,
    StationFactory,
    TownFactory,
    VillageFactory,
)

D = dt.date


@pytest.fixture
def county(db):
    """Two towns, 4 administrative villages and 1 community."""
    county = CountyFactory()
    t1, t2 = TownFactory(parent=county), TownFactory(parent=county)
    v = [
        VillageFactory(parent=t1),
        VillageFactory(parent=t1),
        VillageFactory(parent=t2),
        VillageFactory(parent=t2),
    ]
    community = CommunityFactory(parent=t1)
    return {"county": county, "towns": (t1, t2), "villages": v, "community": community}


def test_village_served_by_two_brands_counts_once(county):
    v = county["villages"]
    a, b = BrandFactory(code="AAA"), BrandFactory(code="BBB")
    station = StationFactory(village=v[0])
    AgreementFactory(brand=a, station=station)
    AgreementFactory(brand=b, station=station, mode=Mode.ECOMMERCE)
    report = coverage_at(D(2020, 6, 1), by="brand", county_code=TEST_COUNTY)
    assert (report.villages_served, report.villages_total) == (1, 4)
    assert report.share == 0.25
    assert {r.key: r.villages_served for r in report.rows} == {"AAA": 1, "BBB": 1}


def test_agreement_that_ends_stops_counting_the_day_after(county):
    v = county["villages"]
    AgreementFactory(station=StationFactory(village=v[1]), valid_from=D(2020, 1, 1), valid_to=D(2020, 12, 31))
    assert coverage_at(D(2020, 12, 31), county_code=TEST_COUNTY).villages_served == 1
    assert coverage_at(D(2021, 1, 1), county_code=TEST_COUNTY).villages_served == 0
    assert coverage_at(D(2019, 12, 31), county_code=TEST_COUNTY).villages_served == 0


def test_community_is_not_an_administrative_village(county):
    AgreementFactory(station=StationFactory(village=county["community"]))
    report = coverage_at(D(2021, 1, 1), county_code=TEST_COUNTY)
    assert report.villages_served == 0 and report.villages_total == 4
    assert (report.communities_served, report.communities_total) == (1, 1)


def test_town_wide_proxy_agreement_serves_every_village_of_the_town(county):
    t1, t2 = county["towns"]
    AgreementFactory(station=None, village=None, town=t2, mode=Mode.PROXY, valid_from=D(2021, 1, 1))
    report = coverage_at(D(2021, 2, 1), by="town", county_code=TEST_COUNTY)
    assert report.villages_served == 2
    assert {r.key: (r.villages_served, r.villages_total) for r in report.rows} == {
        t1.code: (0, 2),
        t2.code: (2, 2),
    }
    assert sorted(u["code"] for u in report.unserved) == sorted(v.code for v in county["villages"][:2])


def test_closed_station_no_longer_serves(county):
    station = StationFactory(village=county["villages"][0], closed_on=D(2020, 9, 1))
    AgreementFactory(station=station)
    assert coverage_at(D(2020, 8, 31), county_code=TEST_COUNTY).villages_served == 1
    assert coverage_at(D(2020, 9, 1), county_code=TEST_COUNTY).villages_served == 0


def test_by_mode_rows_list_every_mode(county):
    AgreementFactory(station=StationFactory(village=county["villages"][0]), mode=Mode.POSTAL)
    rows = {
        r.key: r.villages_served for r in coverage_at(D(2021, 1, 1), by="mode", county_code=TEST_COUNTY).rows
    }
    assert rows == {"joint": 0, "postal": 1, "ecommerce": 0, "proxy": 0}


def test_target_standings(county):
    c = county["county"]
    v = county["villages"]
    CoverageTarget.objects.create(county=c, name="半数", due=D(2020, 12, 31), share="0.5")
    CoverageTarget.objects.create(county=c, name="全覆盖", due=D(2021, 12, 31), share="1")
    for village in v[:2]:
        AgreementFactory(station=StationFactory(village=village), valid_from=D(2020, 6, 1))
    standings = {s.target.name: s.standing for s in target_standings(D(2021, 3, 1), county_code=TEST_COUNTY)}
    assert standings == {"半数": "met", "全覆盖": "behind"}


def test_cli_table_shows_each_target_standing(county):
    import io

    from django.core.management import call_command

    CoverageTarget.objects.create(county=county["county"], name="半数", due=D(2020, 12, 31), share="0.5")
    for village in county["villages"][:2]:
        AgreementFactory(station=StationFactory(village=village), valid_from=D(2020, 6, 1))
    out = io.StringIO()
    call_command("coverage", "--at", "2021-03-01", "--county", TEST_COUNTY, stdout=out)
    lines = out.getvalue().splitlines()
    assert "2/4 = 50.0%" in lines[0]
    assert lines[1].strip() == "目标 半数（2020-12-31 ≥ 50%）：已达成"
