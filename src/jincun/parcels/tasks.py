"""Background jobs: the retention sweep (remind, then overdue for return) and the SMS outbox.

`retention_sweep` is idempotent; run it periodically (`jincun retention` from cron, or enqueue it with
`schedule_retention()` — which enqueues only after the caller's transaction commits).
"""

from django.db import transaction
from django_tasks import task

from jincun.parcels.services.notify import send_queued
from jincun.parcels.services.purge import purge_personal_data
from jincun.parcels.services.retention import run_retention


@task()
def retention_sweep() -> dict:
    report = run_retention()
    return {"checked": report.checked, "reminded": report.reminded, "overdue": report.overdue}


@task()
def purge_personal_data_job() -> int:
    log = purge_personal_data()
    return log.parcels if log else 0


@task()
def send_sms_outbox() -> int:
    return send_queued()


def schedule_retention() -> None:
    transaction.on_commit(lambda: retention_sweep.enqueue())
