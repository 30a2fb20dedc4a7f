"""Rating: scan events → charge lines, set-based in SQL.

Per tariff version and time window one `INSERT … SELECT` over the events joined to their parcels writes every
line at once (no per-event round trip; memory stays flat in the volume). Tariffs run most specific first and
an event already rated for a party is skipped (`NOT EXISTS` on the unique `(event, party_kind)` key, with
`ON CONFLICT DO NOTHING` behind it), so the most specific tariff wins and a re-run writes nothing new.

Which events earn is the tariff's `event_types`; only applied events earn. A parcel's mode is read from where
it was sorted: a postal route → 邮快合作, the town service center → 村委代办, an e-commerce station → 快商合作,
any other station → 快快合作.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from jincun.settlement import rating
from jincun.settlement.choices import PartyKind, RunState
from jincun.settlement.models import Period, RatingRun, Tariff
from jincun.settlement.services.periods import day_start, late_months, month_bounds, open_period

PARTY_ORDER = [PartyKind.BRAND, PartyKind.POSTAL, PartyKind.PROXY, PartyKind.STATION]

MODE_SQL = (
    "(CASE p.route_kind WHEN 'postal' THEN 'postal' WHEN 'service_center' THEN 'proxy' "
    "ELSE CASE WHEN s.kind = 'ecommerce' THEN 'ecommerce' ELSE 'joint' END END)"
)

COLUMNS = (
    "period_id, party_kind, party_key, kind, tariff_id, event_id, parcel_id, waybill, event_type, event_at, "
    "village_id, amount_fen, note, run_id, created_at"
)


def _party(tariff: Tariff) -> tuple[str, str, list]:
    """SQL for the party key, the condition that the party exists, and their parameters."""
    kind = tariff.party_kind
    if kind == PartyKind.BRAND:
        return "'brand:' || CAST(p.brand_id AS TEXT)", "1 = 1", []
    if kind == PartyKind.STATION:
        return "'station:' || CAST(p.station_id AS TEXT)", "p.station_id IS NOT NULL", []
    if kind == PartyKind.PROXY:
        return "'proxy:' || p.village_id", "p.village_id IS NOT NULL", []
    return "%s", "1 = 1", [f"postal:{tariff.payee_brand_id}"]


def _scope(tariff: Tariff) -> tuple[str, list]:
    where, params = [], []
    if tariff.brand_id:
        where.append("p.brand_id = %s")
        params.append(tariff.brand_id)
    if tariff.village_id:
        where.append("p.village_id = %s")
        params.append(tariff.village_id)
    elif tariff.town_id:
        where.append("v.parent_id = %s")
        params.append(tariff.town_id)
    if tariff.mode:
        where.append(f"{MODE_SQL} = %s")
        params.append(tariff.mode)
    return (" AND ".join(where) or "1 = 1"), params


def _adapt(value: dt.datetime):
    return connection.ops.adapt_datetimefield_value(value)


def rate_sql(
    tariff: Tariff, period: Period, start: dt.datetime, end: dt.datetime, run_id
) -> tuple[str, list]:
    """The one INSERT … SELECT that rates `tariff` over the events in [start, end) into `period`."""
    model = rating.model_of(tariff)
    party_sql, party_exists, party_params = _party(tariff)
    scope_sql, scope_params = _scope(tariff)
    types = list(tariff.event_types)
    marks = ", ".join(["%s"] * len(types))
    join_brand = ""
    if getattr(model, "NEEDS_BRAND_LINE", False):
        join_brand = "JOIN settlement_chargeline bl ON bl.event_id = e.id AND bl.party_kind = 'brand'"
    base = (
        f"FROM parcels_scanevent e JOIN parcels_parcel p ON p.id = e.parcel_id "
        f"LEFT JOIN network_adminarea v ON v.code = p.village_id "
        f"LEFT JOIN network_station s ON s.id = p.station_id {join_brand} "
        f"WHERE e.result = 'applied' AND e.event_type IN ({marks}) AND e.at >= %s AND e.at < %s "
        f"AND {party_exists} AND {scope_sql} AND NOT EXISTS (SELECT 1 FROM settlement_chargeline c "
        f"WHERE c.event_id = e.id AND c.party_kind = %s)"
    )
    base_params = [*types, _adapt(start), _adapt(end), *scope_params, tariff.party_kind]
    head = [period.id, tariff.party_kind]
    now = _adapt(timezone.now())
    if getattr(model, "RANKED", False):
        amount, amount_params = model.amount_sql(tariff, rank="(COALESCE(prior.n, 0) + x.rn)")
        inner = (
            f"SELECT {party_sql} AS party_key, e.id AS event_id, p.id AS parcel_id, p.waybill, e.event_type, "
            f"e.at, p.village_id, ROW_NUMBER() OVER (PARTITION BY {party_sql} ORDER BY e.at, e.id) AS rn "
            f"{base}"
        )
        sql = (
            f"INSERT INTO settlement_chargeline ({COLUMNS}) "
            f"SELECT %s, %s, x.party_key, 'event', %s, x.event_id, x.parcel_id, x.waybill, x.event_type, x.at, "
            f"x.village_id, {amount}, '', %s, %s FROM ({inner}) x LEFT JOIN (SELECT party_key, COUNT(*) AS n "
            f"FROM settlement_chargeline WHERE tariff_id = %s AND period_id = %s AND kind = 'event' "
            f"GROUP BY party_key) prior ON prior.party_key = x.party_key WHERE 1 = 1 ON CONFLICT DO NOTHING"
        )
        params = [*head, tariff.id, *amount_params, run_id, now, *party_params, *party_params]
        params += [*base_params, tariff.id, period.id]
        return sql, params
    amount, amount_params = model.amount_sql(tariff)
    sql = (
        f"INSERT INTO settlement_chargeline ({COLUMNS}) "
        f"SELECT %s, %s, {party_sql}, 'event', %s, e.id, p.id, p.waybill, e.event_type, e.at, p.village_id, "
        f"{amount}, '', %s, %s {base} ON CONFLICT DO NOTHING"
    )
    params = [*head, *party_params, tariff.id, *amount_params, run_id, now, *base_params]
    return sql, params


def _windows(tariffs: list[Tariff]) -> list[tuple[Tariff, dt.datetime, dt.datetime | None]]:
    """Each version with the instant it starts and the instant the next version of its scope starts."""
    by_scope: dict[tuple, list[Tariff]] = {}
    for t in tariffs:
        by_scope.setdefault(t.scope_key, []).append(t)
    out = []
    for versions in by_scope.values():
        versions.sort(key=lambda t: t.effective_from)
        for i, t in enumerate(versions):
            nxt = versions[i + 1].effective_from if i + 1 < len(versions) else None
            out.append((t, day_start(t.effective_from), day_start(nxt) if nxt else None))
    order = {kind: i for i, kind in enumerate(PARTY_ORDER)}
    out.sort(
        key=lambda w: (
            order[w[0].party_kind],
            tuple(-x for x in w[0].specificity),
            w[0].effective_from,
        )
    )
    return out


def queue_rating(month: dt.date, *, by=None) -> RatingRun:
    """A rating run of `month` waiting for its background job (`settlement.tasks.rate_and_draft`), so the page
    that asked can show its progress. Refuses a closed month now rather than in the job."""
    period = open_period(month)
    return RatingRun.objects.create(month=period.month, started_by=by, state=RunState.QUEUED)


def rate_month(month: dt.date, *, by=None, progress: Callable[[int, int], None] | None = None,
               run: RatingRun | None = None) -> RatingRun:  # fmt: skip
    """Rate every earning event of `month` (and late events of the closed months right before it) into the
    month's open period. Idempotent: a second run writes no line. Refuses a closed month. `run`: a queued
    run (`queue_rating`) to carry out; else a new one is recorded."""
    try:
        period = open_period(month)
    except ValidationError as exc:
        if run is not None:
            _failed(run, "；".join(exc.messages))
        raise
    start, end = month_bounds(period.month)
    ranges = [(start, end, False)] + [(*month_bounds(m), True) for m in late_months(period.month)]
    windows = _windows(list(Tariff.objects.filter(effective_from__lt=end.date() + dt.timedelta(days=1))))
    if run is None:
        run = RatingRun.objects.create(
            month=period.month, started_by=by, total_steps=len(windows) * len(ranges)
        )
    else:
        run.state, run.total_steps = RunState.RUNNING, len(windows) * len(ranges)
        run.save(update_fields=["state", "total_steps"])
    try:
        for tariff, t_from, t_to in windows:
            for r_start, r_end, late in ranges:
                lo, hi = max(r_start, t_from), min(r_end, t_to) if t_to else r_end
                if lo < hi:
                    with transaction.atomic(), connection.cursor() as cur:
                        cur.execute(*rate_sql(tariff, period, lo, hi, run.id))
                        written = max(cur.rowcount, 0)
                    run.lines_created += written
                    run.late_lines += written if late else 0
                run.done_steps += 1
                RatingRun.objects.filter(pk=run.pk).update(
                    done_steps=run.done_steps, lines_created=run.lines_created, late_lines=run.late_lines
                )
                if progress:
                    progress(run.done_steps, run.total_steps)
    except Exception as exc:
        _failed(run, str(exc))
        raise
    run.state, run.finished_at = RunState.DONE, timezone.now()
    run.save(update_fields=["state", "finished_at"])
    return run


def _failed(run: RatingRun, message: str) -> None:
    RatingRun.objects.filter(pk=run.pk).update(
        state=RunState.FAILED, finished_at=timezone.now(), message=message[:300]
    )


def check_month_open(month: dt.date) -> None:
    if Period.objects.filter(month=month, state="closed").exists():
        raise ValidationError(f"{month:%Y-%m} 已关账")
