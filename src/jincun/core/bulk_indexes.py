"""Indexes set aside for a bulk load on SQLite and made again after it, as a database restore does.

A county-year (`jincun generate-history --days 365`) writes 37 M scan events and 5 M parcels. Kept in place,
every index of those tables takes each row as it comes, and a key in random order (a parcel's phone, its
waybill, an event's idempotency key) dirties pages all over its B-tree each day: most of the generator's
write time and ~100 GB through the WAL for a 20 GB file. Built once at the end, each index is one sort.

Only while nothing else uses the database: a page or the API would find the tables without their indexes
(the generator already refuses to run beside another writer). The statements dropped are recorded in
`DeferredIndex` in the same transaction as the drop (SQLite's DDL is transactional), so a load killed half
way leaves them recorded; `restore_deferred_indexes` makes them again, and runs after every migrate. PostgreSQL
is left alone (its bulk path is COPY into month partitions).
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager

from django.db import DatabaseError, connection, transaction

from jincun.core.models import DeferredIndex


@contextmanager
def indexes_deferred(tables, *, enabled: bool = True):
    """Drop the indexes of `tables` (the ones made by CREATE INDEX, not the key or column UNIQUE ones)
    for the block, and make them again after it, whatever way it ends. Yields the names dropped."""
    if not enabled or connection.vendor != "sqlite":
        yield []
        return
    restore_deferred_indexes()  # what an interrupted load left
    dropped = _drop(tables)
    try:
        yield dropped
    finally:
        failed = restore_deferred_indexes()
        if failed and sys.exc_info()[0] is None:
            raise RuntimeError("indexes could not be made again: " + "; ".join(failed))


def _drop(tables) -> list[str]:
    marks = ", ".join(["%s"] * len(tables))
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(
            f"SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({marks}) ORDER BY tbl_name, name",
            list(tables),
        )
        found = cur.fetchall()
        for name, table, sql in found:
            DeferredIndex.objects.create(name=name, table=table, sql=sql)
            cur.execute(f'DROP INDEX "{name}"')
    return [name for name, _, _ in found]


def restore_deferred_indexes() -> list[str]:
    """Make every recorded index again, each in its own transaction with its record's delete. Returns the
    ones that failed ("name: reason"), which stay recorded; [] when all were made (or none was deferred)."""
    if connection.vendor != "sqlite" or "core_deferredindex" not in connection.introspection.table_names():
        return []
    failed = []
    pending = list(DeferredIndex.objects.order_by("table", "name"))
    if not pending:
        return []
    with connection.cursor() as cur:
        cur.execute("PRAGMA threads")
        threads = cur.fetchone()[0]
        cur.execute(f"PRAGMA threads = {os.cpu_count() or 1}")  # the sorter's helper threads
        try:
            for index in pending:
                try:
                    with transaction.atomic():
                        cur.execute(index.sql.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1)
                                    .replace("CREATE UNIQUE INDEX", "CREATE UNIQUE INDEX IF NOT EXISTS", 1))  # fmt: skip
                        index.delete()
                except DatabaseError as exc:
                    failed.append(f"{index.name}: {exc}")
        finally:
            cur.execute(f"PRAGMA threads = {threads}")
    return failed
