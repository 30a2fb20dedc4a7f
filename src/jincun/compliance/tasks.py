"""Compliance jobs: flag stations (video offline, filing overdue) and escalate overdue complaints.

Idempotent: run every few minutes (`jincun compliance-sweep` from cron, or enqueue `compliance_sweep`).
"""

from django_tasks import task

from jincun.compliance.services.complaints import escalate_overdue
from jincun.compliance.services.video import sweep_flags


def run_sweep(now=None) -> dict:
    report = sweep_flags(now)
    report["escalated"] = escalate_overdue(now)
    return report


@task()
def compliance_sweep() -> dict:
    return run_sweep()
