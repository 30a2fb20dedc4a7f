"""`jincun worker` and `jincun serve` leave no orphan processes behind when they are stopped."""

import signal

import pytest
from django.core.management import call_command


def test_worker_runs_without_the_autoreloading_parent(monkeypatch):
    seen = []
    monkeypatch.setattr(
        "jincun.core.management.commands.worker.call_command", lambda *args: seen.append(args)
    )
    call_command("worker", "--batch")
    assert "--no-reload" in seen[0] and "--batch" in seen[0]


def test_sigterm_becomes_an_interrupt_so_serve_stops_its_children():
    from jincun.core.management.commands.serve import _interrupt

    with pytest.raises(KeyboardInterrupt):
        _interrupt(signal.SIGTERM, None)
