"""Background jobs of settlement: a rating run asked for on the accountant's page (rate, then draft)."""

from django.db import transaction
from django_tasks import task

from jincun.settlement.models import RatingRun
from jincun.settlement.services.rating import rate_month
from jincun.settlement.services.statements import draft_statements


@task()
def rate_and_draft(run_id: int) -> int:
    """Carry out a queued rating run (its progress is the run's `done_steps`), then draft the month's
    statements. Returns the lines written."""
    run = RatingRun.objects.get(pk=run_id)
    run = rate_month(run.month, run=run)
    drafted = draft_statements(run.month)
    message = f"对账单 {len(drafted)} 张"
    RatingRun.objects.filter(pk=run.pk).update(message=message)
    return run.lines_created


def enqueue_rating(run: RatingRun) -> None:
    transaction.on_commit(lambda: rate_and_draft.enqueue(run.pk))
