"""Dashboard and big-screen data: p95 of the overview (what the page, the JSON and the big screen read)
against the same figures computed straight from the scan events in the same run; the yearly report's time.

    .venv/bin/python bench/bench_dashboard.py                      # SQLite in JINCUN_DATA_DIR (default var/)
    DATABASE_URL=postgresql://… .venv/bin/python bench/bench_dashboard.py
    … --history "generate-history --scale 1 --days 365"           # fill first (the scale issue's generator)
    JINCUN_DATA_DIR=/tmp/me/cy … bench_dashboard.py --existing      # a copy of an existing county-year, as is

Without data it builds the demo network and simulates `--days` days (default 14) so it can run anywhere;
the target (p95 < 300 ms, yearly report < 60 s) is for a county-year at scale 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shlex
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jincun.settings")
os.environ.setdefault("JINCUN_DATA_DIR", str(Path(__file__).resolve().parents[1] / "var"))


def p95(values):
    return sorted(values)[max(0, int(round(0.95 * len(values))) - 1)]


def timed(fn, rounds):
    out = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def from_events(start, end):
    """The overview's volume figures straight from the events (what the aggregates save us)."""
    from django.db import connection

    from jincun.parcels.aggregates import _vendor_sql

    day, _ = _vendor_sql()
    with connection.cursor() as cur:
        cur.execute(
            f"SELECT {day}, e.state_after, p.direction, COUNT(*) FROM parcels_scanevent e"
            " JOIN parcels_parcel p ON p.id = e.parcel_id WHERE e.result = 'applied'"
            " AND e.state_after IN ('at_hub', 'signed', 'collected', 'problem') GROUP BY 1, 2, 3"
        )
        rows = cur.fetchall()
    return [r for r in rows if start <= str(r[0]) <= end]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=14)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument(
        "--history", help="a jincun verb that fills the database first, e.g. generate-history …"
    )
    parser.add_argument(
        "--existing",
        action="store_true",
        help="the database already holds a county's history (a copy of the county-year): no demo, no "
        "generator; migrated, aggregates rebuilt only when empty. Point JINCUN_DATA_DIR/DATABASE_URL at a COPY.",
    )
    parser.add_argument("--no-report", action="store_true", help="skip the yearly report (PDF, XLSX)")
    args = parser.parse_args()
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from jincun.core.models import User
    from jincun.dashboard import overview
    from jincun.dashboard.reports.make import make_report, request_report
    from jincun.network.page_queries import default_county
    from jincun.parcels.aggregates import rebuild_aggregates
    from jincun.parcels.models import DailyVolume, ScanEvent

    call_command("migrate", verbosity=0)
    if args.history:
        verb, *rest = shlex.split(args.history)
        call_command(verb.replace("-", "_"), *rest)
    elif args.existing:
        if not ScanEvent.objects.exists():
            print("--existing: the database holds no scan events", file=sys.stderr)
            return 2
    elif not ScanEvent.objects.exists():
        call_command("init", verbosity=0)
        call_command("demo", "--history-days", str(args.days))
    county = default_county()
    events = ScanEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0  # ids, not COUNT(*)
    t = time.perf_counter()
    if not args.existing or not DailyVolume.objects.exists():
        rebuild_aggregates()
    rebuild_ms = (time.perf_counter() - t) * 1000
    from django.http import QueryDict

    f = overview.Filters.parse(QueryDict(""), county)
    f.start = f.end - dt.timedelta(days=364)  # a year back from the last day: the widest range asked for
    overview.build(county, f)  # warm: the first call after a load folds the new events in
    data_ms = timed(lambda: overview.build(county, f), args.rounds)
    base_ms = timed(lambda: from_events(str(f.start), str(f.end)), max(3, args.rounds // 4))
    client = Client()
    regulator = User.objects.filter(role="regulator").first() or User.objects.create_user(
        "bench-reg", role="regulator"
    )
    client.force_login(regulator)
    url = f"/dashboard/overview.json?{f.query()}"
    json_ms = timed(lambda: client.get(url), args.rounds)
    page_ms = timed(lambda: client.get(f"/dashboard/?{f.query()}"), args.rounds)
    cov_ms = timed(lambda: client.get("/dashboard/coverage/"), max(5, args.rounds // 2))
    pdf_s = xlsx_s = None
    if not args.no_report:
        t = time.perf_counter()
        make_report(request_report(str(f.end.year), "pdf"))
        pdf_s = time.perf_counter() - t
        t = time.perf_counter()
        make_report(request_report(str(f.end.year), "xlsx"))
        xlsx_s = time.perf_counter() - t
    from django.db import connection

    print(f"database {connection.vendor}; ~{events:,} scan events (max id); range {f.start} – {f.end}")
    print(f"rebuild_aggregates: {rebuild_ms:,.0f} ms")
    for name, ms in [("overview data (build)", data_ms), ("big-screen JSON (HTTP)", json_ms),
                     ("dashboard page (HTTP)", page_ms), ("coverage page (HTTP)", cov_ms),
                     ("baseline: volumes from events", base_ms)]:  # fmt: skip
        print(f"{name:32s} median {statistics.median(ms):7.1f} ms   p95 {p95(ms):7.1f} ms   n={len(ms)}")
    print(f"ratio events/aggregates (median): {statistics.median(base_ms) / statistics.median(data_ms):.2f}×")
    if pdf_s is not None:
        print(f"yearly report: PDF {pdf_s:.1f} s, XLSX {xlsx_s:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
