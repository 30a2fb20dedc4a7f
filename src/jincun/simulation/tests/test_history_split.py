"""The history drawn in a second process (`history_split`): the same days as drawn in one, written whole, and
a failure on either side stops both."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction

from jincun.network.services.brands import ensure_default_brands
from jincun.parcels.models import HandoverList, Parcel, ScanEvent
from jincun.parcels.tests.factories import build_county
from jincun.simulation.history import _Generator, generate_history
from jincun.simulation.history_split import drawn_aside
from jincun.simulation.tests.recount import assert_equals_its_recount

UNTIL = dt.datetime(2025, 10, 16, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
DAYS = [dt.date(2025, 10, 14), dt.date(2025, 10, 15), dt.date(2025, 10, 16)]


@pytest.fixture(autouse=True)
def _brands():
    """The brands a migration gives; a transactional test's flush before this one may have removed them."""
    ensure_default_brands()


def _drawn(batches):
    """What a day's draw decides, leaving out ids (PostgreSQL's come from a shared sequence) and `now`."""
    out = []
    for day, batch in batches:
        events = [(r[2], r[5], r[8], r[13]) for r in batch.rows["event"]]
        parcels = [(r[1], r[4], r[17]) for r in batch.rows["parcel"]]
        out.append(
            (day, batch.parcels, batch.events, batch.states, batch.records, batch.wanted, events, parcels)
        )
    return out


@pytest.mark.django_db(transaction=True)
def test_drawn_aside_equals_drawn_in_process():
    build_county()
    alone = _drawn((d, _Generator(7, 0.02, UNTIL).draw_day(d)) for d in DAYS[:1])
    gen = _Generator(7, 0.02, UNTIL)
    aside = _drawn(drawn_aside(gen.draw_day, DAYS[:1]))
    assert aside == alone and alone[0][1] > 0


@pytest.mark.django_db(transaction=True)
def test_split_history_equals_its_recount():
    build_county()
    report = generate_history(3, start=DAYS[0], scale=0.01, seed=3, until=UNTIL, split=True)
    assert_equals_its_recount(report)
    assert report.records["lists"] == HandoverList.objects.count()
    numbers = list(HandoverList.objects.values_list("number", flat=True))
    assert len(set(numbers)) == len(numbers) and all(n.startswith("JJ2025101") for n in numbers)


@pytest.mark.django_db(transaction=True)
def test_a_failed_draw_stops_the_writer_with_its_cause():
    def draw(day):
        if day == DAYS[1]:
            raise ValueError("no such village")
        return day

    got = []
    with pytest.raises(RuntimeError, match="no such village"):
        for _day, value in drawn_aside(draw, DAYS):
            got.append(value)
    assert got == DAYS[:1]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's ids come from the identity sequence")
def test_ids_taken_by_another_writer_stop_the_day_unwritten():
    build_county()
    gen = _Generator(3, 0.01, UNTIL)
    batch = gen.draw_day(DAYS[0])
    first = batch.rows["parcel"][0][0]
    with connection.cursor() as cur:  # a writer beside the generator takes the id the day counted on
        cur.execute("UPDATE sqlite_sequence SET seq = %s WHERE name = 'parcels_parcel'", [first])
        if not cur.rowcount:
            cur.execute("INSERT INTO sqlite_sequence (name, seq) VALUES ('parcels_parcel', %s)", [first])
    with pytest.raises(RuntimeError, match="taken by another writer"), transaction.atomic():
        gen.write(batch)
    assert not Parcel.objects.exists() and not ScanEvent.objects.exists()
