"""The complaint clock: calendar days across month and year ends, business days when configured,
escalation once past the deadline, the complainant's status by reference + phone tail."""

import datetime as dt

import pytest

from jincun.compliance.models import Complaint, RuleFigure
from jincun.compliance.services import complaints as svc

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


@pytest.mark.parametrize(
    ("received", "days", "business", "due"),
    [
        (dt.date(2026, 1, 28), 7, False, dt.date(2026, 2, 4)),
        (dt.date(2026, 2, 25), 7, False, dt.date(2026, 3, 4)),  # February has 28 days in 2026
        (dt.date(2028, 2, 25), 7, False, dt.date(2028, 3, 3)),  # leap year
        (dt.date(2026, 12, 28), 7, False, dt.date(2027, 1, 4)),
        (dt.date(2026, 1, 30), 7, True, dt.date(2026, 2, 10)),  # Fri + 7 working days
    ],
)
def test_due_date(received, days, business, due):
    assert svc.due_date(received, days, business) == due


def receive(at, **kw):
    data = {"channel": "web", "category": "delay", "text": "快件五天没到站", "contact_phone": "13912345678"}
    return svc.receive_complaint(**{**data, **kw}, at=at)


def test_received_late_at_night_counts_from_the_shanghai_day(db):
    # 2026-01-31 23:30 in Shanghai is 15:30 UTC the same day; 2026-01-31 16:30 UTC is already 02-01.
    c = receive(dt.datetime(2026, 1, 31, 16, 30, tzinfo=dt.UTC))
    assert c.due_on == dt.date(2026, 2, 8) and c.reference.startswith("TS20260201-")


def test_business_days_when_configured(db):
    RuleFigure.objects.create(key="complaint_business_days", value=1)
    c = receive(dt.datetime(2026, 1, 30, 9, 0, tzinfo=SHANGHAI))
    assert c.due_on == dt.date(2026, 2, 10)


def test_bad_input_is_refused_with_a_reason(db):
    with pytest.raises(svc.ComplaintRefused, match="电话"):
        receive(None, contact_phone="abc")
    with pytest.raises(svc.ComplaintRefused, match="类别"):
        receive(None, category="nonsense")
    assert Complaint.objects.count() == 0


def test_escalates_once_when_overdue_and_not_after_reply(db):
    at = dt.datetime(2026, 1, 28, 9, 0, tzinfo=SHANGHAI)
    first, second = receive(at), receive(at)
    assert first.reference != second.reference
    svc.reply_complaint(second, "已联系快递公司补发", at=at)
    assert svc.escalate_overdue(dt.datetime(2026, 2, 4, 12, 0, tzinfo=SHANGHAI)) == 0  # due day itself
    assert svc.escalate_overdue(dt.datetime(2026, 2, 5, 9, 0, tzinfo=SHANGHAI)) == 1
    assert svc.escalate_overdue(dt.datetime(2026, 2, 6, 9, 0, tzinfo=SHANGHAI)) == 0
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.escalated_at is not None and second.escalated_at is None


def test_status_needs_reference_and_phone_tail(db):
    c = receive(None)
    assert svc.status_for_complainant(c.reference.lower(), "5678") == c
    assert svc.status_for_complainant(c.reference, "1234") is None
    assert svc.status_for_complainant("TS00000000-0001", "5678") is None


def test_assign_needs_the_party(db):
    c = receive(None)
    with pytest.raises(svc.ComplaintRefused):
        svc.assign_complaint(c, "brand")
    svc.assign_complaint(c, "operator")
    assert c.status == "assigned"
