"""Atomic numbers: `take(key, n)` reserves n consecutive values of a named counter in one statement."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.db.models import F

from jincun.parcels.models import Sequence


def take(key: str, n: int = 1, *, issued_before: Callable[[], int] | None = None) -> range:
    """The next `n` values of counter `key`.

    The UPDATE holds the row lock until the caller's transaction ends, so concurrent callers queue on it
    and never see the same value; a missing counter is created with `ignore_conflicts` so two first
    callers do not collide either. `issued_before()` (asked only when the counter is new) counts numbers
    handed out before counters existed, so they are never issued again."""
    with transaction.atomic():
        if not Sequence.objects.filter(key=key).update(value=F("value") + n):
            start = issued_before() if issued_before else 0
            Sequence.objects.bulk_create([Sequence(key=key, value=start)], ignore_conflicts=True)
            Sequence.objects.filter(key=key).update(value=F("value") + n)
        last = Sequence.objects.values_list("value", flat=True).get(key=key)
    return range(last - n + 1, last + 1)
