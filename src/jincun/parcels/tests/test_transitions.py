"""The transition table: every allowed move is accepted, forbidden ones refused, and the stored state is
always the projection of the stored events."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jincun.parcels import transitions
from jincun.parcels.choices import Direction, State
from jincun.parcels.models import Parcel, ScanEvent
from jincun.parcels.services import ingest_scans, record_consent
from jincun.parcels.services.scans import write_creations
from jincun.parcels.tests.factories import build_county

T0 = dt.datetime(2024, 10, 10, 8, 0, tzinfo=dt.UTC)
ALL = [s.value for s in State]


def _pairs(direction):
    for state in ALL:
        for to in ALL:
            yield state, to, transitions.can_move(direction, state, to)


def test_the_documented_journeys_are_allowed():
    inbound = ["manifested", "at_hub", "sorted", "to_town", "at_town", "to_village", "at_station", "signed"]
    proxy = ["at_town", "at_service_center", "with_proxy", "signed"]
    postal = ["sorted", "to_postal", "on_mail_route", "signed"]
    outbound = ["created", "collected", "to_town", "at_town", "to_hub", "at_hub", "handed_to_brand"]
    for direction, path in [
        ("inbound", inbound),
        ("inbound", proxy),
        ("inbound", postal),
        ("outbound", outbound),
    ]:
        for a, b in zip(path, path[1:], strict=False):
            assert transitions.can_move(direction, a, b), (a, b)
    assert transitions.project("inbound", [(s, T0) for s in inbound]) == "signed"
    assert transitions.project("outbound", [(s, T0) for s in outbound]) == "handed_to_brand"


@pytest.mark.parametrize(
    ("direction", "state", "to"),
    [
        ("inbound", "manifested", "signed"),
        ("inbound", "at_hub", "at_station"),
        ("inbound", "signed", "at_hub"),
        ("inbound", "signed", "problem"),
        ("inbound", "returned", "at_hub"),
        ("inbound", "at_town", "to_hub"),
        ("inbound", "sorted", "handed_to_brand"),
        ("outbound", "collected", "at_station"),
        ("outbound", "at_hub", "sorted"),
        ("outbound", "handed_to_brand", "lost"),
        ("outbound", "created", "refused"),
        ("inbound", "at_service_center", "at_station"),
    ],
)
def test_forbidden_moves_are_refused(direction, state, to):
    assert not transitions.can_move(direction, state, to)
    assert transitions.step(direction, state, None, to, T0).reason == "impossible_transition"


def test_table_is_closed_over_known_states():
    for direction in ("inbound", "outbound"):
        for state in ALL:
            assert transitions.allowed(direction, state) <= set(ALL)
    # terminal states go nowhere
    for state in ("signed", "returned", "handed_to_brand"):
        assert transitions.allowed("inbound", state) == set() or state == "signed"
    assert transitions.allowed("inbound", "signed") == set()


@pytest.mark.django_db
@pytest.mark.parametrize("direction", ["inbound", "outbound"])
def test_every_allowed_move_is_accepted_by_the_service(direction):
    county = build_county()
    first = transitions.FIRST_STATE[direction]
    moves = [(s, to) for s, to, ok in _pairs(direction) if ok]
    assert len(moves) > 20
    for n, (state, to) in enumerate(moves):
        parcel = Parcel.objects.create(
            waybill=f"TM{direction[0].upper()}{n:06d}",
            brand=county.brand,
            direction=direction,
            state=state,
            state_at=T0,
        )
        assert parcel.state != first or state == first
        if to == "at_station":  # no parcel enters a station without the recipient's consent
            record_consent("", "station", parcel=parcel, at=T0)
        outcome = ingest_scans(
            [{"waybill": parcel.waybill, "event_type": to, "at": T0 + dt.timedelta(hours=1)}]
        )[0]
        assert (outcome.status, outcome.reason) == ("accepted", ""), (state, to, outcome)
        parcel.refresh_from_db()
        assert parcel.state == to


EVENT = st.sampled_from([s for s in ALL if s not in ("manifested", "created")])


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    direction=st.sampled_from(["inbound", "outbound"]),
    steps=st.lists(st.tuples(EVENT, st.integers(-3, 6), st.booleans()), min_size=1, max_size=14),
)
def test_state_is_always_the_projection_of_stored_events(direction, steps):
    county = build_county()
    n = Parcel.objects.count()
    first = transitions.FIRST_STATE[direction]
    parcel = Parcel.objects.create(waybill=f"HY{n:08d}", brand=county.brand, direction=direction, state=first)
    write_creations([(parcel, T0, None)])
    sent = []
    for index, (event_type, hours, resend) in enumerate(steps):
        event = {
            "waybill": parcel.waybill,
            "event_type": event_type,
            "at": T0 + dt.timedelta(hours=hours + index),
        }
        ingest_scans([event, event] if resend else [event], device_id="")
        sent.append(event)
    parcel.refresh_from_db()
    stored = list(ScanEvent.objects.filter(parcel=parcel).order_by("id").values_list("event_type", "at"))
    assert parcel.state == transitions.project(direction, stored)
    assert len(set(ScanEvent.objects.filter(parcel=parcel).values_list("idem_key", flat=True))) == len(stored)
    assert len(stored) <= len(sent) + 1
    assert Direction(direction)
