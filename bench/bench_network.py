"""Network foundation timings: building the demo county, importing its station table, coverage for a date.

Runs on a throw-away SQLite database. Baseline, measured in the same run: loading the bundled divisions
(468 rows through the same per-row upsert path). Medians of a few repetitions; each repetition rolls back.
Run alone: `.venv/bin/python bench/bench_network.py`.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPEATS = 3


def _median(fn) -> float:
    from django.db import transaction

    times = []
    for _ in range(REPEATS):
        with transaction.atomic():
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
            transaction.set_rollback(True)
    return statistics.median(times)


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    with tempfile.TemporaryDirectory(prefix="jincun-bench-") as data_dir:
        os.environ["JINCUN_DATA_DIR"] = data_dir
        os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jincun.settings")
        import django

        django.setup()
        from django.core.management import call_command

        from jincun.core.imports import read_table
        from jincun.network.coverage import coverage_at
        from jincun.network.demo import build_demo
        from jincun.network.models import AdminArea, Station
        from jincun.network.queries import station_rows
        from jincun.network.services.brands import ensure_default_brands
        from jincun.network.services.divisions import load_bundled
        from jincun.network.services.stations import import_stations
        from jincun.network.station_columns import COLUMNS

        call_command("migrate", verbosity=0)
        ensure_default_brands()
        load_bundled("yiyuan")
        county = AdminArea.objects.get(code="370323000000")

        baseline = _median(lambda: load_bundled("yiyuan"))
        demo = _median(lambda: build_demo(county, seed=2020))
        build_demo(county, seed=2020)
        rows = list(station_rows())
        header = ",".join(c for c, _, _ in COLUMNS)
        body = "\n".join(",".join(str(r[c]) for c, _, _ in COLUMNS) for r in rows)
        table = (header + "\n" + body + "\n").encode()
        reimport = _median(lambda: import_stations(read_table(table, "s.csv")))

        def fresh_import():
            Station.objects.filter(agreements__isnull=True).delete()
            Station.history.all().delete()
            import_stations(read_table(table.replace(b"ST-", b"BX-"), "s.csv"))

        fresh = _median(fresh_import)
        coverage = _median(lambda: coverage_at(dt.date(2020, 12, 31), by="town"))
        print(f"baseline  load_bundled divisions (468 rows, unchanged): {baseline * 1000:8.0f} ms")
        print(f"build_demo (hub, 12 nodes, {len(rows)} stations, agreements): {demo * 1000:8.0f} ms"
              f"  = {demo / baseline:.1f}× baseline")  # fmt: skip
        print(f"import_stations, {len(rows)} rows all new:            {fresh * 1000:8.0f} ms"
              f"  = {fresh / baseline:.1f}× baseline")  # fmt: skip
        print(f"import_stations, {len(rows)} rows unchanged:          {reimport * 1000:8.0f} ms"
              f"  = {reimport / baseline:.1f}× baseline")  # fmt: skip
        print(f"coverage_at one date by town:                  {coverage * 1000:8.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
