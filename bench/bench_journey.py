"""End to end through the public journey services (`jincun simulate`) against bulk scan ingest, same run.

Builds the demo county (Yiyuan divisions, the demo network) in a temporary SQLite database (or PostgreSQL
with `--postgres`), simulates `--days` day(s) at `--scale` (default 0.2: ~2,000 inbound parcels a day) through
the batch services — manifests, hub scan-in and sort, trunk lists, town check-in, village runs, station and
service-center shelving with pickup codes and SMS, proxy batches, sign-off, outbound collection — and
counts the scan events stored per second of wall time. The baseline is `ingest_scans` (bulk ingest of
device events, one step only) on the same database in the same run. Peak RSS from getrusage.
Run alone: `.venv/bin/python bench/bench_journey.py [--scale 0.2] [--days 1] [--postgres]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path


def _ingest_baseline(parcels: int, runs: int = 5) -> float:
    """Median events/s of `runs` runs of `ingest_scans` on 4 events per parcel, batches of 1000 (as
    bench_ingest), each on parcels of its own: one run lasts under a second, and this machine's noise
    moved a single run's figure by half."""
    return statistics.median(_ingest_run(parcels, run * parcels) for run in range(runs))


def _ingest_run(parcels: int, first: int) -> float:
    from jincun.network.models import Brand
    from jincun.parcels.models import Parcel
    from jincun.parcels.services import ingest_scans

    brand = Brand.objects.get(code="ZTO")
    rows = [Parcel(waybill=f"78BJ{n:010d}", brand=brand, direction="inbound", state="manifested")
            for n in range(first, first + parcels)]  # fmt: skip
    Parcel.objects.bulk_create(rows, batch_size=2000)
    t0 = dt.datetime(2024, 10, 15, tzinfo=dt.UTC)
    events, seq = [], 0
    for k, kind in enumerate(["at_hub", "sorted", "to_town", "at_town"]):
        for p in rows:
            seq += 1
            events.append({"waybill": p.waybill, "event_type": kind, "at": t0 + dt.timedelta(hours=k),
                           "place": "X", "device_seq": first * 4 + seq})  # fmt: skip
    start = time.perf_counter()
    for i in range(0, len(events), 1000):
        ingest_scans(events[i : i + 1000], device_id="bench-journey")
    return len(events) / (time.perf_counter() - start)


def run(label: str, scale: float, days: int) -> None:
    from django.core.management import call_command

    from jincun.network.demo import build_demo
    from jincun.network.models import AdminArea
    from jincun.parcels.models import ScanEvent
    from jincun.simulation.services import run_simulation

    call_command("init", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    county = AdminArea.objects.filter(level="county").order_by("code").first()
    build_demo(county, seed=2020)
    start_day = dt.date(2025, 10, 14)  # apple season
    before = ScanEvent.objects.count()
    t = time.perf_counter()
    summary = run_simulation(days, start=start_day, scale=scale, seed=7)
    secs = time.perf_counter() - t
    events = ScanEvent.objects.count() - before
    rate = events / secs
    base = _ingest_baseline(2500)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"[{label}] simulate --scale {scale} --days {days} (from {start_day}, apple season): "
          f"{summary.parcels_in:,} in, {summary.parcels_out:,} out, {events:,} events in {secs:.1f} s")  # fmt: skip
    print(f"[{label}] end to end through the services: {rate:,.0f} events/s")
    print(f"[{label}] bulk ingest_scans same run (median of 5 runs of 10,000 events): {base:,.0f} events/s "
          f"→ ratio {rate / base:.0%}")  # fmt: skip
    print(f"[{label}] peak RSS {rss:,.0f} MB")
    ok = rate >= 2000 and rate / base >= 0.30
    print(f"[{label}] goals ≥2,000 events/s and ≥30% of bulk ingest: {'met' if ok else 'NOT met'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.2)
    parser.add_argument("--days", type=int, default=1)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jincun.settings")
    os.environ["JINCUN_SMS_GATEWAY"] = "null"
    with tempfile.TemporaryDirectory(prefix="jincun-bench-") as data_dir:
        os.environ["JINCUN_DATA_DIR"] = data_dir
        if args.postgres:
            os.environ.setdefault("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/jincun_bench_journey")
        else:
            os.environ.pop("DATABASE_URL", None)
        import django

        django.setup()
        if args.postgres:
            from bench_ingest import _fresh_pg

            _fresh_pg()
        run("PostgreSQL" if args.postgres else "SQLite", args.scale, args.days)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
