"""Where a scan ingest batch's database time goes on PostgreSQL, statement by statement (issue 10).

Three passes on a fresh database (DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/jincun_bench_sql;
dropped and recreated), the bench's rows (`bench_ingest.py`: 1,000-event batches, one event per parcel):

1. every statement of `ingest_scans`' batches timed at the client (round trip included), and the commit;
2. each statement's `EXPLAIN (ANALYZE, BUFFERS)` in the batch's own transaction (its server time and plan);
3. COPY of the same full event rows into the real `parcels_scanevent`, as is and with one part taken away
   at a time (the key-claim trigger, each secondary index, each foreign key), alternating, median of 3 —
   what each part costs a COPY of 1,000 rows.

Run alone: `.venv/bin/python bench/bench_ingest_sql.py [--parcels N]`. It prints markdown tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

BATCH = 1000
ROUNDS = 3


def _label(sql: str) -> str:
    head = " ".join(sql.split())
    for word, name in (("FOR UPDATE", "parcels read + lock (SELECT … FOR UPDATE)"),
                       ("parcels_scanidem", "key probe (SELECT … parcels_scanidem)"),
                       ("nextval", "ids (nextval × n)"), ("UPDATE", "state update (UPDATE … FROM json)"),
                       ("network_hub", "place: hubs"), ("network_townnode", "place: town nodes"),
                       ("network_station", "place: stations")):  # fmt: skip
        if word in head:
            return name
    return head[:70]


def timed_pass(waybills, device) -> tuple[dict, int, float, float]:
    """Client-side time per statement kind over the whole ingest, COPY and commit included."""
    from django.db import connection

    from jincun.parcels import event_store
    from jincun.parcels.services import ingest

    spent: dict = defaultdict(float)
    calls: dict = defaultdict(int)

    def wrapper(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent[_label(sql)] += time.perf_counter() - start
            calls[_label(sql)] += 1

    real_write, real_commit = event_store.write_rows, connection._commit

    def write_rows(rows):
        start = time.perf_counter()
        try:
            return real_write(rows)
        finally:
            spent["write_rows (ids + COPY)"] += time.perf_counter() - start
            calls["write_rows (ids + COPY)"] += 1

    def commit():
        start = time.perf_counter()
        try:
            return real_commit()
        finally:
            spent["COMMIT"] += time.perf_counter() - start
            calls["COMMIT"] += 1

    from bench_ingest import _events

    events = list(_events(waybills, device))
    ingest.write_rows, connection._commit = write_rows, commit
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        with connection.execute_wrapper(wrapper):
            for i in range(0, len(events), BATCH):
                ingest.ingest_scans(events[i : i + BATCH], device_id=device)
    finally:
        ingest.write_rows, connection._commit = real_write, real_commit
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    spent["COPY (write_rows less ids)"] = spent["write_rows (ids + COPY)"] - spent["ids (nextval × n)"]
    calls["COPY (write_rows less ids)"] = calls["write_rows (ids + COPY)"]
    del spent["write_rows (ids + COPY)"], calls["write_rows (ids + COPY)"]
    return {k: (calls[k], spent[k]) for k in spent}, len(events), wall, cpu


def explain_pass(waybills, device) -> list[tuple[str, float, float, str, dict]]:
    """EXPLAIN (ANALYZE, BUFFERS) of each SELECT/UPDATE of one batch, in the batch's transaction (an UPDATE
    runs only as its EXPLAIN: once, with its effect)."""
    from django.db import connection

    from jincun.parcels.services import ingest

    plans = []

    def wrapper(execute, sql, params, many, context):
        verb = sql.lstrip().split(None, 1)[0].upper()
        if many or verb not in ("SELECT", "UPDATE"):
            return execute(sql, params, many, context)
        cur = context["cursor"]
        cur.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, params)
        (plan,) = cur.fetchone()
        plan = plan[0] if isinstance(plan, list) else json.loads(plan)[0]
        top = plan["Plan"]
        node = top["Node Type"] + (f" on {top['Relation Name']}" if "Relation Name" in top else "")
        plans.append((_label(sql), plan["Planning Time"], plan["Execution Time"], node, _buffers(top)))
        if verb == "UPDATE":
            return None
        return execute(sql, params, many, context)

    from bench_ingest import _events

    events = list(_events(waybills, device))[:BATCH]
    with connection.execute_wrapper(wrapper):
        ingest.ingest_scans(events, device_id=device)
    return plans


def _buffers(node) -> dict:
    keys = ("Shared Hit Blocks", "Shared Read Blocks", "Shared Dirtied Blocks")
    return {k.split()[1].lower(): node.get(k, 0) for k in keys}


def _event_rows(parcel_ids, tag):
    from jincun.parcels.event_store import ROW_COLUMNS

    now = dt.datetime.now(dt.UTC)
    at = dt.datetime(2024, 10, 15, tzinfo=dt.UTC)
    rows = [(pk, "at_hub", "applied", "", "at_hub", at, now, "hub", "HUB-370323", "沂源县共配中心", None, "bench",
             f"copy-{tag}", n, None, "", "", f"d:copy-{tag}:{n}", "370323")
            for n, pk in enumerate(parcel_ids)]  # fmt: skip
    assert len(rows[0]) == len(ROW_COLUMNS)
    return rows


def _copy_rate(rows) -> float:
    """Seconds for COPY of `rows` into the real table in 1,000-row transactions (ids drawn first, as
    `write_rows` does)."""
    from django.db import transaction

    from jincun.parcels.event_store import write_rows

    start = time.perf_counter()
    for i in range(0, len(rows), BATCH):
        with transaction.atomic():
            write_rows(rows[i : i + BATCH])
    return time.perf_counter() - start


def copy_pass(parcel_ids) -> list[tuple[str, float]]:
    """COPY into the real table with each part taken away in turn (put back after), alternating, median."""
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'parcels_scanevent' "
            "AND indexname <> 'parcels_scanevent_pkey' ORDER BY indexname"
        )
        indexes = cur.fetchall()
        cur.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = 'parcels_scanevent'::regclass AND contype = 'f' ORDER BY conname"
        )
        foreign = cur.fetchall()
    variants = [("as is (trigger, 7 indexes, 3 FKs)", [], [])]
    variants.append(("without the key-claim trigger",
                     ["ALTER TABLE parcels_scanevent DISABLE TRIGGER parcels_scanidem_claim"],
                     ["ALTER TABLE parcels_scanevent ENABLE TRIGGER parcels_scanidem_claim"]))  # fmt: skip
    for name, definition in indexes:
        variants.append((f"without index {name}", [f"DROP INDEX {name}"], [definition]))
    for name, definition in foreign:
        variants.append((f"without FK {name}", [f"ALTER TABLE parcels_scanevent DROP CONSTRAINT {name}"],
                         [f"ALTER TABLE parcels_scanevent ADD CONSTRAINT {name} {definition}"]))  # fmt: skip
    variants.append(("bare: no trigger, no secondary index, no FK",
                     [v for _, off, _ in variants[1:] for v in off],
                     [v for _, _, on in variants[1:] for v in on]))  # fmt: skip
    times: dict = defaultdict(list)
    for r in range(ROUNDS):
        for k, (label, off, on) in enumerate(variants):
            with connection.cursor() as cur:
                for sql in off:
                    cur.execute(sql)
            try:
                times[label].append(_copy_rate(_event_rows(parcel_ids, f"{r}-{k}")))
            finally:
                with connection.cursor() as cur:
                    for sql in on:
                        cur.execute(sql)
    return [(label, statistics.median(times[label])) for label, *_ in variants]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parcels", type=int, default=2500, help="parcels (4 events each)")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jincun.settings")
    os.environ["JINCUN_SMS_GATEWAY"] = "null"
    os.environ.setdefault("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/jincun_bench_sql")
    import django

    django.setup()
    from bench_ingest import _fresh_pg, _setup
    from django.core.management import call_command

    from jincun.network.services.brands import ensure_default_brands
    from jincun.parcels.models import Parcel

    _fresh_pg()
    call_command("migrate", verbosity=0)
    ensure_default_brands()
    results = [timed_pass(_setup(args.parcels, f"{r}1"), f"t-{r}") for r in range(ROUNDS)]
    n = results[0][1]
    print(f"### Statements of ingest_scans ({n:,} events in batches of {BATCH}, median of {ROUNDS})")
    print(f"wall {statistics.median(r[2] for r in results) / n * 1e6:.0f} µs/event, "
          f"Python CPU {statistics.median(r[3] for r in results) / n * 1e6:.0f} µs/event")  # fmt: skip
    print("| statement | calls per batch | client ms per batch | µs per event |")
    print("|---|---|---|---|")
    batches = n // BATCH
    for label in sorted(results[0][0], key=lambda k: -results[0][0][k][1]):
        secs = statistics.median(r[0].get(label, (0, 0.0))[1] for r in results)
        print(f"| {label} | {results[0][0][label][0] / batches:g} | {secs / batches * 1e3:.1f} | "
              f"{secs / n * 1e6:.1f} |")  # fmt: skip
    plans = explain_pass(_setup(BATCH, "91"), "explain")
    print("\n### EXPLAIN (ANALYZE, BUFFERS), one batch of 1,000")
    print("| statement | planning ms | execution ms | top node | shared hit / read / dirtied |")
    print("|---|---|---|---|---|")
    for label, planning, execution, node, buffers in plans:
        print(f"| {label} | {planning:.2f} | {execution:.2f} | {node} | "
              f"{buffers['hit']} / {buffers['read']} / {buffers['dirtied']} |")  # fmt: skip
    ids = list(Parcel.objects.order_by("id").values_list("id", flat=True)[: 4 * args.parcels])
    print(
        f"\n### COPY of {len(ids):,} full rows into parcels_scanevent, 1,000 per transaction, median of {ROUNDS}"
    )
    print("| variant | rows/s | µs per row | saved vs as is |")
    print("|---|---|---|---|")
    rates = copy_pass(ids)
    base = rates[0][1]
    for label, secs in rates:
        print(f"| {label} | {len(ids) / secs:,.0f} | {secs / len(ids) * 1e6:.1f} | "
              f"{(base - secs) / len(ids) * 1e6:+.1f} µs |")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
