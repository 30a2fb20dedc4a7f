"""The job worker survives (issue 16): `serve` restarts a dead worker with backoff, the worker beats a
heartbeat, and /healthz and the admin's job page tell a dead worker from a live one."""

import datetime as dt
import os
import signal
import subprocess
import sys
import time

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from jincun.core import worker_health
from jincun.core.management.commands.serve import watch
from jincun.core.supervisor import Supervised
from jincun.testing.clients import logged_in

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]


def _until(condition, seconds=10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_killed_worker_is_restarted_with_a_growing_delay():
    deaths = []
    child = Supervised(
        "sleeper",
        lambda: subprocess.Popen(SLEEPER),
        first_delay=0.1,
        on_death=lambda code, n, delay: deaths.append((code, n, delay)),
    )
    child.start()
    try:
        for round_ in (1, 2):
            pid = child.process.pid
            os.kill(pid, signal.SIGKILL)

            def restarted(pid=pid):
                child.check()
                return child.process.pid != pid and child.process.poll() is None

            assert _until(restarted), "the killed child was not restarted"
            assert child.restarts == round_
        assert deaths == [(-signal.SIGKILL, 1, 0.1), (-signal.SIGKILL, 2, 0.2)]
    finally:
        child.stop(timeout=5)
    assert child.process.poll() is not None


def test_serve_keeps_restarting_the_worker_while_the_web_server_runs():
    web = Supervised("web", lambda: subprocess.Popen([sys.executable, "-c", "import time; time.sleep(1.5)"]))
    web.start()
    worker = Supervised("quitter", lambda: subprocess.Popen([sys.executable, "-c", "pass"]), first_delay=0.05)
    worker.start()
    try:
        assert watch(web, worker, poll=0.05, startup=0.5) == 0
    finally:
        worker.stop(timeout=5)
    assert worker.restarts >= 2


def test_serve_restarts_a_killed_web_server_and_stops_on_one_that_cannot_start():
    runs = iter(
        [
            "import os, signal, time; time.sleep(0.3); os.kill(os.getpid(), signal.SIGKILL)",  # killed
            "import time; time.sleep(0.3)",  # then asked to stop: exit 0
        ]
    )
    web = Supervised("web", lambda: subprocess.Popen([sys.executable, "-c", next(runs)]), first_delay=0.05)
    web.start()
    try:
        assert watch(web, None, poll=0.02, startup=0.1) == 0
    finally:
        web.stop(timeout=5)
    assert web.restarts == 1

    failing = Supervised("web", lambda: subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"]))
    failing.start()
    assert watch(failing, None, poll=0.02, startup=5.0) == 3  # a port in use: reported, not retried forever


def test_the_worker_beats_while_it_runs(monkeypatch):
    beats = []
    monkeypatch.setattr(worker_health, "beat", lambda now=None: beats.append(now))
    heartbeat = worker_health.start_beating(interval=0.05)
    try:
        assert _until(lambda: len(beats) >= 3, 5)
    finally:
        heartbeat.stop()
    stopped_at = len(beats)
    time.sleep(0.15)
    assert (
        len(beats) == stopped_at
    )  # a stopped worker writes no more beats (the next test's database is free)


@pytest.fixture
def no_heartbeat(db):
    cache.delete_many([worker_health.BEAT_KEY, worker_health.RESTARTS_KEY])
    yield
    cache.delete_many([worker_health.BEAT_KEY, worker_health.RESTARTS_KEY])


def test_healthz_is_503_without_a_live_worker_and_200_with_one(client, no_heartbeat):
    answer = client.get("/healthz")
    assert answer.status_code == 503
    body = answer.json()
    assert body["database"] is True and body["worker"]["alive"] is False
    assert body["worker"]["heartbeat_age_s"] is None
    worker_health.beat(timezone.now() - dt.timedelta(minutes=5))  # a worker that stopped beating
    assert client.get("/healthz").status_code == 503
    worker_health.beat()
    answer = client.get("/healthz")
    assert answer.status_code == 200 and answer.json()["worker"]["alive"] is True
    assert set(answer.json()["jobs"]) == {"queued", "running", "failed", "last_finished_at"}


def test_the_job_page_shows_the_admin_a_dead_worker_and_its_restarts(no_heartbeat):
    worker_health.record_restart(1, 3, 4.0)
    admin = logged_in("admin")
    page = admin.get(reverse("core:jobs")).content.decode()
    assert "任务进程未运行" in page and "已自动重启 3 次" in page and "退出码 1" in page
    worker_health.beat()
    assert "任务进程运行中" in admin.get(reverse("core:jobs")).content.decode()
    assert logged_in("hub_operator").get(reverse("core:jobs")).status_code == 403
