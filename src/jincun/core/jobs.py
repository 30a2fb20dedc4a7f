"""Run a job step once per key, across processes (`JobRun`)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone

from jincun.core.models import JobRun


def once(key: str, step: Callable[[], object]) -> tuple[bool, object]:
    """Run `step` unless `key` has run to the end already. Returns (ran, summary). The key row is taken
    and the step run in one transaction: a second process waits on the row, then sees it finished; a step
    that raises leaves no row."""
    with transaction.atomic():
        run = JobRun.objects.select_for_update().filter(key=key).first()
        if run is not None and run.finished_at is not None:
            return False, run.summary
        if run is None:
            try:
                with transaction.atomic():
                    run = JobRun.objects.create(key=key, started_at=timezone.now())
            except IntegrityError:  # another process took the key first: it has run (or is running) the step
                run = JobRun.objects.select_for_update().get(key=key)
                if run.finished_at is not None:
                    return False, run.summary
        summary = step()
        run.finished_at, run.summary = timezone.now(), _jsonable(summary)
        run.save(update_fields=["finished_at", "summary"])
        return True, run.summary


def _jsonable(value):
    if isinstance(value, dict | list | str | int | float | bool) or value is None:
        return value
    return str(value)
