"""Jobs of the parcels app: the scan event partitions made ahead (PostgreSQL; nothing to do on SQLite)."""

from django_tasks import task

from jincun.parcels.partitions import ensure_partitions


@task()
def make_scan_partitions() -> list[str]:
    """Make this month's and the next months' partitions and empty the default one. Idempotent: a second run
    makes nothing. Part of the evening chain (`jincun.routing.tasks`)."""
    return ensure_partitions()
