"""Periodic jobs. django-tasks has no scheduler, so a periodic job queues its own next run when it runs; what
starts (or restarts) each chain is its `ensure` function, registered here by its app in `AppConfig.ready` and
called by `jincun worker` when it starts. An ensure is idempotent: it queues a run only if none is waiting, so a
restarted worker, a second worker or a chain broken by a failed run all end with exactly one run queued."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

_ENSURES: dict[str, Callable[[], bool]] = {}


def register(name: str, ensure: Callable[[], bool]) -> None:
    _ENSURES[name] = ensure


def start_all() -> dict[str, bool]:
    """Run every registered ensure; {name: True if it queued a run}."""
    return {name: bool(ensure()) for name, ensure in sorted(_ENSURES.items())}


def waiting(task) -> bool:
    """A run of `task` is queued and not started (the database backend; with another backend: never known)."""
    try:
        from django_tasks.base import TaskResultStatus
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - the database backend is the default install
        return False
    return DBTaskResult.objects.filter(task_path=task.module_path, status=TaskResultStatus.READY).exists()


def ensure_queued(task, run_after: dt.datetime | None = None) -> bool:
    """Queue `task` (at `run_after`) unless a run of it is already waiting. True if it queued one."""
    if waiting(task):
        return False
    (task.using(run_after=run_after) if run_after else task).enqueue()
    return True
