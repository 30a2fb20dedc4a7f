"""Scan ingest through the batch service (`parcels.services.ingest_scans`) against the raw ceiling.

Same run, same rows: the raw ceiling is `executemany` (SQLite) or COPY (PostgreSQL, as the service writes
there) of the same event rows into a bare table with the same columns (no lookups, no rules, no indexes but
the key), in transactions of one batch — the issue's ceiling. A second ceiling shows what the real table
costs: COPY of the same events (every column, ids drawn as the service draws them) into `parcels_scanevent`
itself, with its key-claim trigger, indexes and foreign keys (PostgreSQL; SQLite: the same executemany into the
real table). Also: tracemalloc peak for two batch sizes
(memory must stay flat in the batch size's multiple, not grow with the total), and the time a 1M-event
apple-season peak day would take at the measured rate. Embedded SQLite by default; PostgreSQL too with
`--postgres` (uses DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/jincun_bench_ingest).
Run alone: `.venv/bin/python bench/bench_ingest.py [--postgres] [--parcels N] [--batch N]` (the API takes
up to 5,000 events a batch).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

BATCH = 1000
TYPES = ["at_hub", "sorted", "to_town", "at_town"]
T0 = dt.datetime(2024, 10, 15, 0, 0, tzinfo=dt.UTC)


def _setup(parcels: int, tag: str):
    from jincun.network.models import Brand
    from jincun.parcels.models import Parcel

    brand = Brand.objects.get(code="ZTO")
    rows = [
        Parcel(
            waybill=f"78{tag}{n:010d}",
            brand=brand,
            direction="inbound",
            state="manifested",
            recipient_phone="13800000000",
        )  # fmt: skip
        for n in range(parcels)
    ]
    Parcel.objects.bulk_create(rows, batch_size=2000)
    return [p.waybill for p in rows]


def _events(waybills, device):
    seq = 0
    for k, kind in enumerate(TYPES):
        for w in waybills:
            seq += 1
            yield {"waybill": w, "event_type": kind, "at": T0 + dt.timedelta(hours=k), "place": "HUB-370323",
                   "device_seq": seq, "operator": "bench"}  # fmt: skip


def _ingest(waybills, device, batch=BATCH):
    from jincun.parcels.services import ingest_scans

    events = list(_events(waybills, device))
    start = time.perf_counter()
    accepted = 0
    for i in range(0, len(events), batch):
        outcomes = ingest_scans(events[i : i + batch], device_id=device)
        accepted += sum(o.status == "accepted" for o in outcomes)
    elapsed = time.perf_counter() - start
    assert accepted == len(events), (accepted, len(events))
    return len(events), elapsed


def _real(parcel_ids, n_events, tag, batch=BATCH):
    """Seconds for writing `n_events` events of `parcel_ids` straight into the real table, `batch` per
    transaction (the service's writer, `event_store.write_rows`; no lookups, no rules, no state update)."""
    from django.db import transaction

    from jincun.parcels.event_store import write_rows

    now = dt.datetime.now(dt.UTC)
    rows = [(pk, "at_hub", "applied", "", "at_hub", T0, now, "hub", "HUB-370323", "沂源县共配中心", None, "bench",
             f"real-{tag}", n, None, "", "", f"d:real-{tag}:{n}", "")
            for n, pk in zip(range(n_events), itertools.cycle(parcel_ids))]  # fmt: skip
    start = time.perf_counter()
    for i in range(0, len(rows), batch):
        with transaction.atomic():
            write_rows(rows[i : i + batch])
    return time.perf_counter() - start


def _raw(n_events, batch=BATCH):
    from django.db import connection, transaction

    cols = ("parcel_id bigint, event_type varchar(20), result varchar(8), reason varchar(40), state_after varchar(20),"
            " at timestamp, received_at timestamp, place_kind varchar(16), place_code varchar(40),"
            " place_name varchar(64), operator_name varchar(64), device_id varchar(64), device_seq bigint,"
            " raw_text varchar(300), idem_key varchar(160) UNIQUE")  # fmt: skip
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_raw_scan")
        cur.execute(f"CREATE TABLE bench_raw_scan ({cols})")
    now = dt.datetime.now(dt.UTC)
    rows = [(n, "at_hub", "applied", "", "at_hub", T0, now, "hub", "HUB-370323", "沂源县共配中心", "bench",
             "raw", n, "", f"d:raw:{n}") for n in range(n_events)]  # fmt: skip
    sql = "INSERT INTO bench_raw_scan VALUES (" + ", ".join(["%s"] * 15) + ")"
    start = time.perf_counter()
    for i in range(0, n_events, batch):
        with transaction.atomic(), connection.cursor() as cur:
            if connection.vendor == "postgresql":  # the service writes by COPY there: so does its ceiling
                with cur.cursor.copy("COPY bench_raw_scan FROM STDIN") as copy:
                    for row in rows[i : i + batch]:
                        copy.write_row(row)
            else:
                cur.executemany(sql, rows[i : i + batch])
    return time.perf_counter() - start


def _peak(parcels, batch, tag):
    waybills = _setup(parcels, tag)
    tracemalloc.start()
    _ingest(waybills, f"mem-{tag}", batch)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def run(label: str, parcels: int, batch: int = BATCH) -> None:
    from django.core.management import call_command

    from jincun.parcels.models import Parcel

    call_command("migrate", verbosity=0)
    from jincun.network.services.brands import ensure_default_brands

    ensure_default_brands()
    rates, ceilings, tables = [], [], []
    for r in range(3):
        waybills = _setup(parcels, f"{r}1")
        n, secs = _ingest(waybills, f"bench-{r}", batch)
        rates.append(n / secs)
        ceilings.append(n / _raw(n, batch))
        ids = list(Parcel.objects.filter(waybill__in=waybills).values_list("id", flat=True))
        tables.append(n / _real(ids, n, str(r), batch))
    rate, ceiling, table = statistics.median(rates), statistics.median(ceilings), statistics.median(tables)
    small, large = _peak(parcels // 4, 500, "81"), _peak(parcels // 4, 5000, "82")
    print(f"[{label}] ingest_scans: {rate:,.0f} events/s (median of 3 × {n:,} events, batches of {batch})")
    how = "COPY" if label == "PostgreSQL" else "executemany"
    print(f"[{label}] raw {how} ceiling (bare table): {ceiling:,.0f} rows/s  → ratio {rate / ceiling:.0%}")
    print(f"[{label}] {how} into the real scan event table: {table:,.0f} rows/s  → ratio {rate / table:.0%}")
    print(f"[{label}] tracemalloc peak: batch 500 {small / 1e6:.1f} MB, batch 5000 {large / 1e6:.1f} MB")
    print(f"[{label}] 1M-event peak day ≈ {1_000_000 / rate / 60:.1f} min at this rate (goal < 10 min)")
    share = 0.50 if label == "PostgreSQL" else 0.30
    ok = rate >= 2000 and rate / ceiling >= share
    print(f"[{label}] goals ≥2,000 events/s and ≥{share:.0%} of ceiling: {'met' if ok else 'NOT met'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--parcels", type=int, default=2500, help="parcels per round (4 events each)")
    parser.add_argument("--batch", type=int, default=BATCH, help="events per batch (the API takes ≤ 5,000)")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jincun.settings")
    os.environ["JINCUN_SMS_GATEWAY"] = "null"
    with tempfile.TemporaryDirectory(prefix="jincun-bench-") as data_dir:
        os.environ["JINCUN_DATA_DIR"] = data_dir
        use_pg = args.postgres
        if use_pg:
            os.environ.setdefault("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/jincun_bench_ingest")
        else:
            os.environ.pop("DATABASE_URL", None)
        import django

        django.setup()
        if use_pg:
            _fresh_pg()
        run("PostgreSQL" if use_pg else "SQLite", args.parcels, args.batch)
    return 0


def _fresh_pg() -> None:
    import psycopg
    from django.db import connection

    name = connection.settings_dict["NAME"]
    admin = dict(connection.settings_dict, NAME="postgres")
    with psycopg.connect(host=admin["HOST"] or "127.0.0.1", port=admin["PORT"] or 5432, user=admin["USER"],
                         dbname="postgres", autocommit=True) as conn:  # fmt: skip
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    raise SystemExit(main())
