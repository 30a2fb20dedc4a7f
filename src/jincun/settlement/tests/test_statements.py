"""Statement workflow, disputes with evidence and adjustment lines, approval under a race, the CLI."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from jincun.core.models import User
from jincun.parcels.tests.concurrency import count_rows, run_in_processes
from jincun.settlement.choices import DisputeState, LineKind, StatementState
from jincun.settlement.models import ChargeLine, Statement
from jincun.settlement.services.disputes import evidence, raise_dispute, resolve_dispute
from jincun.settlement.services.periods import close_period
from jincun.settlement.services.rating import rate_month
from jincun.settlement.services.statements import (
    approve_statement,
    confirm_statement,
    draft_statements,
    mark_paid,
    submit_for_review,
)
from jincun.settlement.tests.factories import brand_tariff, county, event, local, parcel

OCT = dt.date(2026, 10, 1)


@pytest.fixture
def c(db):
    return county()


def _statement_in_review(c, pieces=3):
    brand_tariff(c, unit_fen=150)
    for i in range(pieces):
        p = parcel(c)
        event(p, "at_station", local(2026, 10, 2 + i))
        event(p, "signed", local(2026, 10, 3 + i))
    rate_month(OCT)
    [statement] = draft_statements(OCT)
    close_period(OCT)
    assert submit_for_review(statement)
    statement.refresh_from_db()
    return statement


def test_workflow_draft_to_paid_with_history(c):
    brand_tariff(c)
    event(parcel(c), "signed", local(2026, 10, 3))
    rate_month(OCT)
    [statement] = draft_statements(OCT)
    assert statement.number == "JS202610-B0001" and statement.total_fen == 150
    with pytest.raises(ValidationError, match="关账"):
        submit_for_review(statement)
    close_period(OCT)
    assert submit_for_review(statement) and not submit_for_review(statement)
    assert approve_statement(statement)
    assert confirm_statement(statement) and mark_paid(statement)
    statement.refresh_from_db()
    assert statement.state == StatementState.PAID
    assert [e.to_state for e in statement.events.all()] == [
        "draft",
        "in_review",
        "issued",
        "confirmed",
        "paid",
    ]


def test_dispute_accepted_becomes_an_adjustment_line_never_an_edit(c):
    statement = _statement_in_review(c)
    line = statement.lines().first()
    dispute = raise_dispute(statement, line, "该件已退回，不应计派送费")
    assert [e.event_type for e in evidence(line)] == ["at_station", "signed"]
    with pytest.raises(ValidationError, match="异议"):
        approve_statement(statement)
    resolve_dispute(dispute, accept=True, corrected_fen=0, note="核实属实")
    line.refresh_from_db()
    assert line.amount_fen == 150  # untouched
    adj = ChargeLine.objects.get(kind=LineKind.ADJUSTMENT)
    assert adj.amount_fen == -150 and adj.waybill == line.waybill
    statement.refresh_from_db()
    assert statement.total_fen == 300 and statement.totals_by_kind["adjustment"] == {"count": 1, "fen": -150}
    dispute.refresh_from_db()
    assert dispute.state == DisputeState.ACCEPTED
    with pytest.raises(ValidationError, match="已处理"):
        resolve_dispute(dispute, accept=False)
    assert approve_statement(statement)


def test_dispute_refused_outside_window_or_off_statement(c):
    statement = _statement_in_review(c)
    with pytest.raises(ValidationError, match="原因"):
        raise_dispute(statement, statement.lines().first(), "  ")
    Statement.objects.filter(pk=statement.pk).update(review_until=dt.date(2020, 1, 1))
    statement.refresh_from_db()
    with pytest.raises(ValidationError, match="异议期"):
        raise_dispute(statement, statement.lines().first(), "不对")


def test_rejected_dispute_leaves_totals(c):
    statement = _statement_in_review(c)
    dispute = raise_dispute(statement, statement.lines().first(), "重复计费")
    resolve_dispute(dispute, accept=False, note="事件记录完整，不予调整")
    statement.refresh_from_db()
    assert statement.total_fen == 450 and not ChargeLine.objects.filter(kind=LineKind.ADJUSTMENT).exists()


def _approve(statement_id, username):
    from jincun.settlement.services.statements import approve_statement as approve

    user = User.objects.get(username=username)
    return approve(Statement.objects.get(pk=statement_id), by=user)


@pytest.mark.django_db(transaction=True)
def test_two_approvers_at_once_approve_once(reload_reference_data):
    c = county()
    statement = _statement_in_review(c)
    for name in ("acc1", "acc2"):
        User.objects.create_user(name, password="x", role="accountant")
    results, db_file = run_in_processes(_approve, [(statement.pk, "acc1"), (statement.pk, "acc2")])
    assert sorted(results) == [False, True]
    sql = "SELECT COUNT(*) FROM settlement_statementevent WHERE statement_id = ? AND to_state = 'issued'"
    assert count_rows(db_file, sql, (statement.pk,)) == 1


def test_settle_command_rates_and_drafts(c, capsys):
    brand_tariff(c)
    event(parcel(c), "signed", local(2026, 10, 3))
    call_command("settle", month="2026-10")
    out = capsys.readouterr().out
    assert "新增明细 1 条" in out and "JS202610-B0001" in out and "1.50" in out
    call_command("settle", month="2026-10")
    assert "新增明细 0 条" in capsys.readouterr().out
