"""Is the background job worker alive, and are jobs getting done?

The worker beats a cache key (the cache is shared by every process: the database cache or Redis) every
`BEAT_SECONDS`; `serve`'s supervisor records each death and restart under another key. `/healthz` and the
admin's job page read both, plus django-tasks' own job rows.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

logger = logging.getLogger("jincun.worker")

BEAT_KEY = "jincun:worker:heartbeat"
RESTARTS_KEY = "jincun:worker:restarts"
BEAT_SECONDS = 10
STALE_SECONDS = 60  # a worker silent this long is taken for dead


def beat(now: dt.datetime | None = None) -> None:
    """Record that this worker process is alive (never raises: a locked database only skips a beat)."""
    now = now or timezone.now()
    try:
        cache.set(BEAT_KEY, {"at": now.isoformat(), "pid": os.getpid()}, timeout=None)
    except Exception:  # noqa: BLE001 — a missed beat must not kill the worker it reports on
        logger.warning("worker heartbeat not written", exc_info=True)


class Heartbeat:
    """The beating thread; `stop()` ends it and waits for a beat in progress, so nothing writes afterwards."""

    def __init__(self, interval: float):
        self._stopping = threading.Event()
        self._thread = threading.Thread(
            target=self._run, args=(interval,), name="jincun-heartbeat", daemon=True
        )
        self._thread.start()

    def _run(self, interval: float) -> None:
        while not self._stopping.is_set():
            beat()
            try:  # the thread's own connection: never hold it (nor SQLite's file) between beats
                connection.close()
            except Exception:  # noqa: BLE001
                logger.debug("heartbeat connection not closed", exc_info=True)
            self._stopping.wait(interval)

    def stop(self, timeout: float = 30.0) -> None:
        self._stopping.set()
        self._thread.join(timeout)


def start_beating(interval: float = BEAT_SECONDS) -> Heartbeat:
    """Beat now and then every `interval` seconds from a daemon thread, until `stop()`."""
    return Heartbeat(interval)


def record_restart(exit_code, restarts: int, next_delay: float) -> None:
    """The supervisor saw the worker die (`exit_code`) and restarts it after `next_delay` seconds."""
    try:
        cache.set(
            RESTARTS_KEY,
            {
                "count": restarts,
                "last_exit_code": exit_code,
                "last_death_at": timezone.now().isoformat(),
                "next_delay": next_delay,
            },
            timeout=None,
        )
    except Exception:  # noqa: BLE001 — recording must never stop the restart itself
        logger.warning("worker restart not recorded", exc_info=True)


def worker_needed() -> bool:
    """Jobs wait for a worker only with the database task backend (the immediate one runs them inline)."""
    return settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db.")


def _database_ok() -> bool:
    try:
        with connection.cursor() as cur:
            cur.execute("SELECT 1")
            return cur.fetchone()[0] == 1
    except Exception:  # noqa: BLE001 — any failure means: not reachable
        return False


def _cached(key: str):
    try:
        return cache.get(key)
    except Exception:  # noqa: BLE001 — a cache in the unreachable database reads as nothing
        return None


def worker_status(now: dt.datetime | None = None) -> dict:
    """alive, heartbeat age in seconds (None: never seen), pid, restarts recorded by the supervisor."""
    now = now or timezone.now()
    seen = _cached(BEAT_KEY) or {}
    at = dt.datetime.fromisoformat(seen["at"]) if seen.get("at") else None
    age = round((now - at).total_seconds(), 1) if at else None
    restarts = _cached(RESTARTS_KEY) or {}
    return {
        "alive": age is not None and age <= STALE_SECONDS,
        "heartbeat_age_s": age,
        "pid": seen.get("pid"),
        "restarts": restarts.get("count", 0),
        "last_exit_code": restarts.get("last_exit_code"),
        "last_death_at": restarts.get("last_death_at"),
    }


def jobs():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.all()


def job_counts() -> dict:
    """Queued (ready to run), running, failed jobs and when the last one finished."""
    from django.db.models import Max

    rows = jobs()
    return {
        "queued": rows.filter(status="READY").count(),
        "running": rows.running().count(),
        "failed": rows.failed().count(),
        "last_finished_at": rows.aggregate(last=Max("finished_at"))["last"],
    }


def health(now: dt.datetime | None = None) -> dict:
    """What `/healthz` answers: healthy when the database answers and, where jobs need a worker, a worker
    has beaten within `STALE_SECONDS`."""
    database = _database_ok()
    worker = worker_status(now)
    counts = job_counts() if database else {}
    last = counts.get("last_finished_at")
    healthy = database and (worker["alive"] or not worker_needed())
    return {
        "status": "ok" if healthy else "unhealthy",
        "database": database,
        "worker_needed": worker_needed(),
        "worker": worker,
        "jobs": {**counts, "last_finished_at": last.isoformat() if last else None},
    }
