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


def take_many(wanted: dict[str, int], *, issued_before: Callable[[list[str]], dict[str, int]] | None = None,
              chunk: int = 400) -> dict[str, range]:  # fmt: skip
    """`take` for many counters at once (key → n): one UPDATE … RETURNING per chunk of keys, and for the
    counters not there yet one count (`issued_before(keys)` → key → numbers issued before), one insert and
    one more UPDATE. The same row locks as `take`, taken in key order."""
    wanted = {k: n for k, n in sorted(wanted.items()) if n > 0}
    found = _bump(wanted, chunk)
    missing = sorted(set(wanted) - set(found))
    if missing:
        with transaction.atomic():
            starts = issued_before(missing) if issued_before else {}
            Sequence.objects.bulk_create([Sequence(key=k, value=starts.get(k, 0)) for k in missing],
                                         ignore_conflicts=True)  # fmt: skip
            found.update(_bump({k: wanted[k] for k in missing}, chunk))
    return {k: range(found[k] - n + 1, found[k] + 1) for k, n in wanted.items()}


def _bump(wanted: dict[str, int], chunk: int) -> dict[str, int]:
    table, found, keys = Sequence._meta.db_table, {}, list(wanted)
    with transaction.atomic(), connection.cursor() as cur:
        for start in range(0, len(keys), chunk):
            part = keys[start : start + chunk]
            cases = " ".join("WHEN %s THEN %s" for _ in part)
            params = [x for k in part for x in (k, wanted[k])] + part
            cur.execute(
                f"UPDATE {table} SET value = value + CASE key {cases} END "
                f"WHERE key IN ({', '.join(['%s'] * len(part))}) RETURNING key, value",
                params,
            )
            found.update(dict(cur.fetchall()))
    return found
