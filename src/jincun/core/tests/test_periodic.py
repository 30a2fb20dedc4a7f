"""The worker starts every periodic chain once: a second start, a second worker or a restarted one queue
nothing more; a chain whose run failed is restarted by the next start."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from jincun.core import periodic

CHAINS = {"aggregates_refresh", "compliance_sweep", "evening_chain"}


@pytest.fixture(autouse=True)
def database_backend(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _ready():
    return sorted(
        DBTaskResult.objects.filter(status=TaskResultStatus.READY).values_list("task_path", flat=True)
    )


def test_each_chain_is_queued_once_however_often_the_worker_starts(db):
    first = periodic.start_all()
    assert {name for name, queued in first.items() if queued} == CHAINS  # no demo cameras: none queued
    assert periodic.start_all() == dict.fromkeys(first, False)
    assert len(_ready()) == len(CHAINS) == len(set(_ready()))


def test_a_chain_whose_run_failed_is_queued_again(db):
    periodic.start_all()
    DBTaskResult.objects.filter(task_path__endswith="compliance_sweep").update(status=TaskResultStatus.FAILED)
    assert periodic.start_all()["compliance_sweep"] is True


def test_the_worker_starts_the_chains_but_a_batch_run_does_not(db, monkeypatch):
    monkeypatch.setattr("jincun.core.management.commands.worker.call_command", lambda *args: None)
    call_command("worker", "--batch")
    assert _ready() == []
    call_command("worker")
    assert len(_ready()) == len(CHAINS)


def test_demo_cameras_keep_beating_and_the_silent_ones_stay_silent(db):
    from jincun.compliance.choices import FlagKind
    from jincun.compliance.models import StationFlag
    from jincun.compliance.services.video import device_for, record_heartbeat, sweep_flags
    from jincun.compliance.tasks import DEMO_DEVICE, beat_demo_cameras
    from jincun.network.tests.factories import StationFactory

    built = timezone.now() - dt.timedelta(hours=2)
    beating, silent = (StationFactory(cameras=2, video_platform="雪亮工程") for _ in range(2))
    record_heartbeat(device_for(beating, DEMO_DEVICE), built)
    assert periodic.start_all()["demo_cameras"] is True
    assert beat_demo_cameras() == 1
    sweep_flags()
    offline = set(
        StationFlag.objects.filter(kind=FlagKind.VIDEO_OFFLINE, cleared_at__isnull=True).values_list(
            "station_id", flat=True
        )
    )
    assert beating.pk not in offline and silent.pk in offline
