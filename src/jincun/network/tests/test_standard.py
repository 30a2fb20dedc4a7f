"""The station standard has one definition (`network.standard`): its Python and SQL forms agree on every
combination, the station list filter, the API and the station page use it, and `mode` means the same thing on
the page and in the API (runs in that mode on the day)."""

import datetime as dt
import itertools

import pytest

from jincun.network import page_queries as pq
from jincun.network import queries, standard
from jincun.network.choices import Mode
from jincun.network.models import Station
from jincun.network.tests.factories import AgreementFactory, StationFactory, VillageFactory

# (keeper_name, keeper_phone, cameras, video_platform, filing_number) values, blanks and whitespace included
VALUES = {
    "keeper_name": ["王守站", "", "  "],
    "keeper_phone": ["13800001234", ""],
    "cameras": [2, 0],
    "video_platform": ["县平台", " "],
    "filing_number": ["鲁邮备000001", ""],
}


@pytest.mark.django_db
def test_python_and_sql_forms_agree_on_every_combination():
    village = VillageFactory()
    combos = list(itertools.product(*VALUES.values()))
    for n, combo in enumerate(combos):
        StationFactory(village=village, code=f"STD{n:04d}", **dict(zip(VALUES, combo, strict=True)))
    stations = Station.objects.filter(code__startswith="STD")
    met_in_sql = set(stations.filter(standard.q()).values_list("code", flat=True))
    met_in_python = {s.code for s in stations if standard.meets(s)}
    assert met_in_sql == met_in_python
    assert len(met_in_python) == 1  # only the station with every criterion met
    for criterion in standard.CRITERIA:
        in_sql = set(stations.filter(criterion.q()).values_list("code", flat=True))
        assert in_sql == {s.code for s in stations if criterion.met(s)}, criterion.code


@pytest.mark.django_db
def test_whitespace_keeper_fails_the_standard_everywhere():
    station = StationFactory(keeper_name="   ")
    assert not station.meets_standard and not station.has_named_keeper
    assert not queries.stations(meets_standard=True).filter(pk=station.pk).exists()
    assert queries.stations(meets_standard=False).filter(pk=station.pk).exists()
    assert dict(standard.checklist(station)) == {"专人负责收派": False, "视频监控接入": True, "已备案": True}


@pytest.mark.django_db
def test_mode_means_runs_in_that_mode_on_the_day_for_page_and_api():
    ended = AgreementFactory(mode=Mode.POSTAL, valid_from=dt.date(2020, 3, 1), valid_to=dt.date(2021, 6, 30))
    current = AgreementFactory(mode=Mode.POSTAL, valid_from=dt.date(2021, 7, 1))
    on = dt.date(2022, 1, 1)
    api = set(queries.stations(mode=Mode.POSTAL, day=on))
    page = set(pq.station_list({"mode": Mode.POSTAL}, pq.Viewer.ALL_BRANDS, on))
    assert api == page == {current.station}
    before = dt.date(2021, 1, 1)
    assert set(queries.stations(mode=Mode.POSTAL, day=before)) == {ended.station}
