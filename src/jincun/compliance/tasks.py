"""Compliance jobs: flag stations (video offline, filing overdue) and escalate overdue complaints, every few
minutes (started by `jincun worker`; also `jincun compliance-sweep` from cron). Idempotent.

In a demo installation the demo's cameras keep beating (`demo_cameras`), as a county's camera platform would, so
a demo left running is not all "video offline" half an hour after it was built; the cameras the demo made silent
stay silent."""

import datetime as dt

from django.utils import timezone
from django_tasks import task

from jincun.compliance.services.complaints import escalate_overdue
from jincun.compliance.services.video import record_heartbeat, sweep_flags
from jincun.core.periodic import ensure_queued

SWEEP_EVERY = dt.timedelta(minutes=5)
DEMO_DEVICE = "demo-cam-1"  # the name the demo registers its cameras under


def run_sweep(now=None) -> dict:
    report = sweep_flags(now)
    report["escalated"] = escalate_overdue(now)
    return report


@task()
def compliance_sweep() -> dict:
    report = run_sweep()
    ensure_sweep()
    return report


def ensure_sweep() -> bool:
    return ensure_queued(compliance_sweep, run_after=timezone.now() + SWEEP_EVERY)


def beat_demo_cameras(now=None) -> int:
    """A heartbeat from every active demo camera; the number of cameras."""
    from jincun.compliance.models import VideoDevice

    devices = list(VideoDevice.objects.filter(name=DEMO_DEVICE, active=True).select_related("station"))
    for device in devices:
        record_heartbeat(device, now)
    return len(devices)


@task()
def demo_cameras() -> int:
    beats = beat_demo_cameras()
    ensure_demo_cameras()
    return beats


def ensure_demo_cameras() -> bool:
    """Only where the demo made cameras."""
    from jincun.compliance.models import VideoDevice

    if not VideoDevice.objects.filter(name=DEMO_DEVICE).exists():
        return False
    return ensure_queued(demo_cameras, run_after=timezone.now() + SWEEP_EVERY)
