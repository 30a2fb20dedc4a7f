"""Atomic numbers: `take(key, n)` reserves n consecutive values of a named counter in one statement."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection, transaction

from jincun.parcels.models import Sequence


def take(key: str, n: int = 1, *, issued_before: Callable[[], int] | None = None) -> range:
    """The next `n` values of counter `key`.

    One UPDATE … RETURNING (SQLite ≥ 3.35 and PostgreSQL). It holds the row lock until the caller's transaction ends, so concurrent callers queue on it
    and never see the same value; a missing counter is created with `ignore_conflicts` so two first
    callers do not collide either. `issued_before()` (asked only when the counter is new) counts numbers
    handed out before counters existed, so they are never issued again."""
    table = Sequence._meta.db_table
    with transaction.atomic(), connection.cursor() as cur:
        bump = f"UPDATE {table} SET value = value + %s WHERE key = %s RETURNING value"
        cur.execute(bump, [n, key])
        row = cur.fetchone()
        if row is None:
            start = issued_before() if issued_before else 0
            Sequence.objects.bulk_create([Sequence(key=key, value=start)], ignore_conflicts=True)
            cur.execute(bump, [n, key])
            row = cur.fetchone()
    return range(row[0] - n + 1, row[0] + 1)
