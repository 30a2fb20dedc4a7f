"""Statements: drafted from the month's lines per counterparty, then draft → in review → issued → confirmed
→ paid. Each move is one function, one transaction, one history row."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from jincun.core.choices import Role
from jincun.network.models import AdminArea, Brand, Station
from jincun.settlement.choices import DisputeState, LineKind, PartyKind, StatementState
from jincun.settlement.models import ChargeLine, Period, Statement, StatementEvent, Tariff
from jincun.settlement.services.periods import open_period

PREFIX = {PartyKind.BRAND: "B", PartyKind.STATION: "S", PartyKind.POSTAL: "P", PartyKind.PROXY: "V"}
REVIEW_DAYS = 7


def _top_up_minimums(period: Period) -> None:
    """A party whose month under a tariff with a floor stays below it gets one `minimum` line for the gap.

    Recomputed on every draft (only while the party's statement is still a draft)."""
    frozen = set(period.statements.exclude(state=StatementState.DRAFT).values_list("party_key", flat=True))
    ChargeLine.objects.filter(period=period, kind=LineKind.MINIMUM).exclude(party_key__in=frozen).delete()
    floors = dict(Tariff.objects.filter(minimum_fen__gt=0).values_list("id", "minimum_fen"))
    if not floors:
        return
    sums = (
        ChargeLine.objects.filter(period=period, kind=LineKind.EVENT, tariff_id__in=floors)
        .exclude(party_key__in=frozen)
        .values("party_kind", "party_key", "tariff_id")
        .annotate(total=Sum("amount_fen"))
    )
    ChargeLine.objects.bulk_create(
        ChargeLine(
            period=period,
            party_kind=s["party_kind"],
            party_key=s["party_key"],
            kind=LineKind.MINIMUM,
            tariff_id=s["tariff_id"],
            amount_fen=floors[s["tariff_id"]] - s["total"],
            note=f"月保底 {floors[s['tariff_id']] / 100:.2f} 元补足",
        )  # fmt: skip
        for s in sums
        if s["total"] < floors[s["tariff_id"]]
    )


def _party_names(keys: set[tuple[str, str]]) -> dict[str, tuple[str, dict]]:
    """Display name and references of each party, in three queries whatever their number."""
    ids = {kind: set() for kind in PartyKind.values}
    for kind, key in keys:
        ids[kind].add(key.split(":", 1)[1])
    brands = Brand.objects.in_bulk([int(i) for i in ids[PartyKind.BRAND] | ids[PartyKind.POSTAL]])
    stations = Station.objects.in_bulk([int(i) for i in ids[PartyKind.STATION]])
    villages = AdminArea.objects.in_bulk(list(ids[PartyKind.PROXY]))
    out = {}
    for kind, key in keys:
        ident = key.split(":", 1)[1]
        if kind in (PartyKind.BRAND, PartyKind.POSTAL):
            brand = brands[int(ident)]
            out[key] = (f"{brand.name}{'（代投）' if kind == PartyKind.POSTAL else ''}", {"brand": brand})
        elif kind == PartyKind.STATION:
            out[key] = (stations[int(ident)].name, {"station": stations[int(ident)]})
        else:
            out[key] = (f"{villages[ident].name}（村委代办）", {"village": villages[ident]})
    return out


def _totals(rows) -> dict[str, dict]:
    by_kind: dict[str, dict] = {}
    for r in rows:
        key = r["event_type"] if r["kind"] == LineKind.EVENT else r["kind"]
        entry = by_kind.setdefault(key, {"count": 0, "fen": 0})
        entry["count"] += r["n"]
        entry["fen"] += r["total"]
    return by_kind


def _apply_totals(statement: Statement, by_kind: dict) -> None:
    statement.totals_by_kind = by_kind
    statement.total_fen = sum(v["fen"] for v in by_kind.values())
    statement.lines_count = sum(v["count"] for v in by_kind.values())


def refresh_totals(statement: Statement) -> Statement:
    """Totals and totals by kind (event type, minimum, adjustment) from the statement's lines."""
    rows = statement.lines().values("kind", "event_type").annotate(n=Count("id"), total=Sum("amount_fen"))
    _apply_totals(statement, _totals(rows))
    statement.save(update_fields=["totals_by_kind", "total_fen", "lines_count"])
    return statement


@transaction.atomic
def draft_statements(month: dt.date) -> list[Statement]:
    """One statement per counterparty with lines in the open `month`; drafts are refreshed, statements past
    draft are left alone. Set-based: one grouped query over the month's lines, then bulk writes."""
    period = open_period(month)
    _top_up_minimums(period)
    grouped = (
        ChargeLine.objects.filter(period=period)
        .values("party_kind", "party_key", "kind", "event_type")
        .annotate(n=Count("id"), total=Sum("amount_fen"))
        .order_by()
    )
    per_party: dict[tuple[str, str], list[dict]] = {}
    for row in grouped:
        per_party.setdefault((row["party_kind"], row["party_key"]), []).append(row)
    existing = {s.party_key: s for s in period.statements.all()}
    new_keys = {(kind, key) for kind, key in per_party if key not in existing}
    names = _party_names(new_keys)
    seq = len(existing)
    created = []
    for kind, key in sorted(new_keys):
        seq += 1
        name, refs = names[key]
        created.append(Statement(number=f"JS{period.month:%Y%m}-{PREFIX[kind]}{seq:04d}", period=period,
                                 party_kind=kind, party_key=key, party_name=name, **refs))  # fmt: skip
    Statement.objects.bulk_create(created)
    fresh = {s.party_key: s for s in period.statements.all()}
    StatementEvent.objects.bulk_create(
        StatementEvent(statement=fresh[s.party_key], to_state=StatementState.DRAFT, note="生成")
        for s in created
    )
    drafts = []
    for (_kind, key), rows in per_party.items():
        statement = fresh[key]
        if statement.state == StatementState.DRAFT:
            _apply_totals(statement, _totals(rows))
            drafts.append(statement)
    Statement.objects.bulk_update(drafts, ["totals_by_kind", "total_fen", "lines_count"], batch_size=500)
    return sorted((fresh[key] for _kind, key in per_party), key=lambda s: s.number)


def _move(statement_id: int, frm: str, to: str, by, note: str = "", **fields) -> bool:
    """Move a statement from `frm` to `to` once: the row is locked and the update is conditional, so two
    people doing it at once move it once (the second gets False)."""
    with transaction.atomic():
        locked = Statement.objects.select_for_update().get(pk=statement_id)
        if locked.state != frm:
            return False
        moved = Statement.objects.filter(pk=statement_id, state=frm).update(state=to, **fields)
        if moved:
            StatementEvent.objects.create(
                statement_id=statement_id, from_state=frm, to_state=to, by=by, note=note
            )
        return bool(moved)


def submit_for_review(statement: Statement, by=None, days: int = REVIEW_DAYS) -> bool:
    """Open the dispute window. Only once the month is closed, so the lines under review no longer change."""
    if Period.objects.get(pk=statement.period_id).is_open:
        raise ValidationError("请先关账，再提交核对")
    until = timezone.localdate() + dt.timedelta(days=days)
    return _move(statement.pk, StatementState.DRAFT, StatementState.IN_REVIEW, by, review_until=until)


def approve_statement(statement: Statement, by=None) -> bool:
    """Issue a statement in review. Refused while a dispute on it is open; approved once under a race."""
    if statement.disputes.filter(state=DisputeState.OPEN).exists():
        raise ValidationError("还有未处理的异议，不能出具")
    return _move(
        statement.pk,
        StatementState.IN_REVIEW,
        StatementState.ISSUED,
        by,
        issued_at=timezone.now(),
        approved_by=by,
    )


def confirm_statement(statement: Statement, by=None) -> bool:
    """The counterparty confirms an issued statement."""
    return _move(statement.pk, StatementState.ISSUED, StatementState.CONFIRMED, by)


def mark_paid(statement: Statement, by=None) -> bool:
    return _move(statement.pk, StatementState.CONFIRMED, StatementState.PAID, by)


def statements_for(user):
    """The statements a user may read: the accountant and admins all; a brand its own (receivable, and its
    代投 statement when it is the postal company); a station keeper its station's; nobody else any."""
    qs = Statement.objects.select_related("period")
    if user.is_superuser or user.role in (Role.ADMIN, Role.ACCOUNTANT):
        return qs
    assignment = getattr(user, "assignment", None)
    if user.role == Role.BRAND_USER and assignment and assignment.brand_id:
        return qs.filter(brand_id=assignment.brand_id)
    if user.role == Role.STATION_KEEPER and assignment and assignment.station_id:
        return qs.filter(station_id=assignment.station_id)
    return qs.none()
