"""Two real job workers on PostgreSQL never run one job twice (django-tasks-db claims a job with
`SELECT … FOR UPDATE SKIP LOCKED` and marks it running in the same transaction), and both take work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from jincun.testing.job_probe import probe

pytestmark = [pytest.mark.slow, pytest.mark.skipif("connection.vendor != 'postgresql'")]
ROOT = Path(__file__).resolve().parents[4]


def _worker_env() -> dict:
    db = connection.settings_dict
    url = f"postgresql://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT / "src"), "JINCUN_SMS_GATEWAY": "null"}


def test_two_workers_run_every_job_exactly_once(transactional_db, reload_reference_data, tmp_path):
    from django_tasks_db.models import DBTaskResult

    log = tmp_path / "runs.txt"
    jobs = 30
    for n in range(jobs):
        probe.enqueue(n, str(log), 0.15)
    command = [sys.executable, str(ROOT / "manage.py"), "db_worker", "--batch", "--no-startup-delay",
               "--interval", "0.05", "--no-reload"]  # fmt: skip
    workers = [subprocess.Popen(command, env=_worker_env(), cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE) for _ in range(2)]  # fmt: skip
    for worker in workers:
        _, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err.decode()[-2000:]
    runs = [line.split() for line in log.read_text().splitlines()]
    assert sorted(int(n) for n, _ in runs) == list(range(jobs))  # each once, none lost
    assert len({pid for _, pid in runs}) == 2  # both workers took jobs
    results = DBTaskResult.objects.filter(task_path="jincun.testing.job_probe.probe")
    assert results.count() == jobs and set(results.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert all(len(ids) == 1 for ids in results.values_list("worker_ids", flat=True))
