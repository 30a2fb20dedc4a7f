"""Rating from the accountant's page runs as a background job: the request only queues it, the page polls the
run's progress, and the job rates and drafts the month."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client

from jincun.core.models import User
from jincun.settlement.choices import RunState
from jincun.settlement.models import ChargeLine, RatingRun, Statement
from jincun.settlement.services.periods import close_period
from jincun.settlement.tests.factories import brand_tariff, county, event, local, parcel


@pytest.fixture
def accountant(db):
    user = User.objects.create_user("acct", password="pw", role="accountant")
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db(transaction=True)
def test_the_page_queues_the_rating_and_shows_its_progress(accountant):
    c = county()
    brand_tariff(c, unit_fen=150)
    for day in (3, 4):
        event(parcel(c), "signed", local(2026, 10, day))

    response = accountant.post("/settlement/runs/", {"month": "2026-10", "action": "rate"}, follow=True)
    run = RatingRun.objects.get()
    # the request rated nothing: the run waits for the worker, and the page polls its table
    assert run.state == RunState.QUEUED and not ChargeLine.objects.exists()
    assert 'hx-get="/settlement/runs/table/"' in response.content.decode()
    table = accountant.get("/settlement/runs/table/").content.decode()
    assert 'data-state="queued"' in table and 'hx-trigger="every 2s"' in table

    call_command("db_worker", batch=True, no_startup_delay=True, interval=0)

    run.refresh_from_db()
    assert run.state == RunState.DONE and run.done_steps == run.total_steps > 0
    assert run.lines_created == ChargeLine.objects.count() == 2
    assert Statement.objects.filter(period__month=dt.date(2026, 10, 1)).exists()
    assert "对账单" in run.message
    table = accountant.get("/settlement/runs/table/").content.decode()
    assert 'data-state="done"' in table and "hx-trigger" not in table  # polling stops when nothing runs


@pytest.mark.django_db(transaction=True)
def test_a_closed_month_is_refused_on_the_page_and_no_job_is_queued(accountant):
    c = county()
    brand_tariff(c, unit_fen=150)
    from jincun.settlement.services.periods import open_period

    open_period(dt.date(2026, 9, 1))
    close_period(dt.date(2026, 9, 1))
    response = accountant.post("/settlement/runs/", {"month": "2026-09", "action": "rate"}, follow=True)
    assert "已关账" in response.content.decode()
    assert not RatingRun.objects.exists()


def test_close_is_refused_while_a_run_is_queued(db):
    from django.core.exceptions import ValidationError

    from jincun.settlement.services.rating import queue_rating

    run = queue_rating(dt.date(2026, 10, 1))
    assert run.state == RunState.QUEUED
    with pytest.raises(ValidationError):
        close_period(dt.date(2026, 10, 1))


def test_the_month_field_offers_last_month(accountant, db):
    from django.utils import timezone

    last = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    page = accountant.get("/settlement/runs/").content.decode()
    assert f'name="month" value="{last:%Y-%m}"' in page
