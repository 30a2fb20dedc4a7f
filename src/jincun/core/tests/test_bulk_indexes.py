"""Indexes set aside for a bulk load: dropped with a record, made again after the block however it ends, and
made again by the next migrate when a load was killed half way. SQLite only (PostgreSQL: a no-op)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from jincun.core.bulk_indexes import _drop, indexes_deferred, restore_deferred_indexes
from jincun.core.models import DeferredIndex

TABLE = "parcels_scanevent"


def _indexes(table=TABLE) -> set[str]:
    with connection.cursor() as cur:
        cur.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = %s", [table])
        return {row[0] for row in cur.fetchall()}


sqlite_only = pytest.mark.skipif("connection.vendor != 'sqlite'", reason="PostgreSQL's bulk path is COPY")


@sqlite_only
@pytest.mark.django_db
def test_indexes_are_dropped_for_the_block_and_made_again_after_it():
    before = _indexes()
    assert "scan_parcel_id" in before
    with indexes_deferred([TABLE]) as dropped:
        assert "scan_parcel_id" in dropped and "scan_type_at" in dropped
        left = _indexes()
        assert not left & set(dropped)
        assert any(name.startswith("sqlite_autoindex") for name in left)  # the column UNIQUE stays
        assert set(DeferredIndex.objects.values_list("name", flat=True)) == set(dropped)
    assert _indexes() == before
    assert not DeferredIndex.objects.exists()


@sqlite_only
@pytest.mark.django_db
def test_a_failed_block_still_gets_its_indexes_back():
    before = _indexes()
    with pytest.raises(ValueError), indexes_deferred([TABLE]):
        raise ValueError("the load failed")
    assert _indexes() == before


@sqlite_only
@pytest.mark.django_db
def test_a_load_killed_half_way_leaves_records_the_next_migrate_makes_again():
    from jincun.core.apps import _restore_indexes

    before = _indexes()
    dropped = _drop([TABLE])  # what a killed load leaves: no block ended
    assert dropped and not _indexes() & set(dropped)
    _restore_indexes(sender=None)  # the post_migrate hook
    assert _indexes() == before
    assert restore_deferred_indexes() == []


@sqlite_only
@pytest.mark.django_db
def test_an_index_that_cannot_be_made_stays_recorded_with_its_reason():
    DeferredIndex.objects.create(
        name="broken", table=TABLE, sql='CREATE INDEX "broken" ON "no_such_table" ("x")'
    )
    failed = restore_deferred_indexes()
    assert len(failed) == 1 and failed[0].startswith("broken:")
    assert DeferredIndex.objects.filter(name="broken").exists()


@pytest.mark.django_db
def test_a_long_history_builds_its_indexes_after_it_and_equals_its_recount():
    from jincun.parcels.tests.factories import build_county
    from jincun.simulation.history import generate_history
    from jincun.simulation.tests.recount import assert_equals_its_recount

    build_county()
    before = _indexes() if connection.vendor == "sqlite" else set()
    until = dt.datetime(2025, 10, 16, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    report = generate_history(
        3, start=dt.date(2025, 10, 14), scale=0.01, seed=3, until=until, defer_indexes=True
    )
    assert_equals_its_recount(report)
    if connection.vendor == "sqlite":
        assert _indexes() == before
    assert not DeferredIndex.objects.exists()
