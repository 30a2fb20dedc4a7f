"""`served_since`: since when a village is served, by whom, by which mode — and who recorded it."""

import datetime as dt

import pytest

from jincun.network.choices import Mode
from jincun.network.queries import served_since
from jincun.network.services.agreements import save_agreement
from jincun.network.tests.factories import (
    AgreementFactory,
    BrandFactory,
    StationFactory,
    TownNodeFactory,
    UserFactory,
    VillageFactory,
)

D = dt.date


@pytest.fixture
def village(db):
    return VillageFactory()


def test_unbroken_service_reaches_back_to_the_first_agreement(village):
    station = StationFactory(village=village, opened_on=D(2019, 12, 1))
    AgreementFactory(station=station, valid_from=D(2020, 1, 1), valid_to=D(2020, 6, 30))
    AgreementFactory(station=station, valid_from=D(2020, 7, 1), mode=Mode.ECOMMERCE)
    service = served_since(village, D(2021, 1, 1))
    assert service.since == D(2020, 1, 1) and service.first_served == D(2020, 1, 1)
    assert [s.mode for s in service.current] == [Mode.ECOMMERCE]


def test_a_gap_restarts_the_count(village):
    station = StationFactory(village=village, opened_on=D(2019, 12, 1))
    AgreementFactory(station=station, valid_from=D(2020, 1, 1), valid_to=D(2020, 6, 30))
    AgreementFactory(station=station, valid_from=D(2020, 8, 1))
    assert served_since(village, D(2021, 1, 1)).since == D(2020, 8, 1)
    assert served_since(village, D(2020, 7, 15)).since is None


def test_closed_station_ends_service_and_town_wide_proxy_takes_over(village):
    station = StationFactory(village=village, opened_on=D(2020, 1, 1), closed_on=D(2021, 3, 1))
    AgreementFactory(station=station, valid_from=D(2020, 2, 1))
    node = TownNodeFactory(town=village.parent)
    AgreementFactory(station=None, village=None, town=village.parent, town_node=node, mode=Mode.PROXY,
                     valid_from=D(2021, 3, 1))  # fmt: skip
    service = served_since(village, D(2021, 6, 1))
    closed = next(s for s in service.spans if not s.town_wide)
    assert closed.serves_to == D(2021, 2, 28)
    assert service.since == D(2020, 2, 1)
    assert [(s.mode, s.town_wide, s.via) for s in service.current] == [
        (Mode.PROXY, True, node.service_center_name)
    ]


def test_history_tells_who_recorded_the_agreement_and_how_often_it_changed(village):
    station = StationFactory(village=village, opened_on=D(2020, 1, 1))
    user = UserFactory(username="registrar")
    brand = BrandFactory(code="HIST")
    agreement = save_agreement(
        {"brand": "HIST", "mode": Mode.JOINT, "village": village.code, "station": station.code,
         "valid_from": D(2020, 4, 1)},
        user=user,
    )  # fmt: skip
    save_agreement({"valid_to": D(2022, 1, 31)}, agreement=agreement, user=user, reason="品牌退出")
    service = served_since(village, D(2021, 1, 1))
    (span,) = service.spans
    assert (span.brand_code, span.recorded_by, span.changes) == (brand.code, "registrar", 1)
    latest = agreement.history.latest()
    assert latest.history_user == user and latest.history_change_reason == "品牌退出"
    assert served_since(village, D(2022, 2, 1)).since is None


def test_an_agreement_deleted_from_the_registry_is_listed_as_removed_not_served(village):
    station = StationFactory(village=village, opened_on=D(2020, 1, 1))
    agreement = AgreementFactory(station=station, valid_from=D(2020, 2, 1))
    user = UserFactory(username="cleaner")
    agreement._history_user = user
    agreement.delete()
    service = served_since(village, D(2021, 1, 1))
    assert service.spans == [] and service.since is None
    (removed,) = service.removed
    assert (removed.brand_code, removed.valid_from, removed.removed_by) == (
        agreement.brand.code,
        D(2020, 2, 1),
        "cleaner",
    )


@pytest.mark.django_db
def test_served_on_a_day_is_one_rule_valid_agreement_and_station_in_service():
    """`Agreement.serves_on` (coverage, the village page and the map all ask it)."""
    from jincun.network.coverage import CoverageData
    from jincun.network.tests.factories import CountyFactory

    station = StationFactory(opened_on=D(2020, 1, 1), closed_on=D(2021, 1, 1))
    agreement = AgreementFactory(station=station, valid_from=D(2020, 3, 1))
    open_day, closed_day = D(2020, 6, 1), D(2021, 6, 1)
    assert agreement.serves_on(open_day) and not agreement.serves_on(closed_day)
    assert agreement.valid_on(closed_day)  # valid, but its station is closed: not served
    assert not agreement.serves_on(D(2020, 2, 1))  # station open, agreement not begun
    data = CoverageData(CountyFactory().code)
    assert station.village_id in data.served(open_day) and station.village_id not in data.served(closed_day)
