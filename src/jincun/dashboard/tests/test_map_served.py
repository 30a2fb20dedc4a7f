"""The map draws a station under a mode only on days its agreement serves (`Agreement.serves_on`)."""

import datetime as dt

import pytest

from jincun.dashboard.map_data import NO_AGREEMENT, map_data
from jincun.network.choices import Mode
from jincun.network.tests.factories import AgreementFactory, CountyFactory, StationFactory

D = dt.date


def _groups(county, day):
    return {key: {s["name"] for s in group} for key, group in map_data(county, day)["stations"].items()}


@pytest.mark.django_db
def test_station_mode_on_the_map_follows_served_on_the_day():
    station = StationFactory(opened_on=D(2020, 1, 1), closed_on=D(2022, 1, 1))
    AgreementFactory(station=station, mode=Mode.ECOMMERCE, valid_from=D(2020, 3, 1), valid_to=D(2020, 12, 31))
    county = CountyFactory()
    assert station.name in _groups(county, D(2020, 6, 1))[Mode.ECOMMERCE]
    assert station.name in _groups(county, D(2021, 6, 1))[NO_AGREEMENT]  # open, agreement over
    assert all(station.name not in names for names in _groups(county, D(2022, 6, 1)).values())  # closed
