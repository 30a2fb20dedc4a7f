"""Rating and drafting a month of a county (`settlement.rate_month` + `draft_statements`) beside the raw
database ceiling measured in the same run on the same events.

The month's parcels and events are generated inside the database (set-based INSERT … SELECT), the shape of a
county's inbound day: each parcel at_hub → sorted → to_town → at_town → to_village → at_station → signed
(7 events; ~1/8 of parcels on the postal route and ~1/8 through the town service center), spread over the
month, 200 villages and 150 stations, 10 brands, the demo tariffs (graduated, weight bands, share, floor).
The ceiling is one plain `INSERT … SELECT` of every earning event (signed) into a bare table with the columns a
charge line has, per tariff pass, and a COUNT over the month's events — no joins to tariffs, no rules.
Memory: tracemalloc peak of rating + drafting at two scales (it must not grow with the volume).

`.venv/bin/python bench/bench_settlement.py [--postgres] [--parcels N]` (default 20,000 parcels ≈ 140k
events; the issue's peak month is `--parcels 4000000` ≈ 28M events). PostgreSQL uses DATABASE_URL (default
postgresql://postgres@127.0.0.1:5432/jincun_bench_settlement), dropped and created fresh.

`--existing [--month 2026-10]`: rate and draft a month of the database already configured (JINCUN_DATA_DIR or
DATABASE_URL pointing at a COPY of a county-year: its settlement tables are cleared first): the busiest month by
events unless `--month`; memory compared with the quietest whole month of the same database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

MONTH = dt.date(2026, 10, 1)
STEPS = ["at_hub", "sorted", "to_town", "at_town", "to_village", "at_station", "signed"]
VILLAGES, STATIONS = 200, 150


def _network():
    from jincun.network.choices import AreaLevel, StationKind, UnitType
    from jincun.network.models import AdminArea, Hub, Station, TownNode
    from jincun.network.services.brands import ensure_default_brands
    from jincun.settlement.demo import install_demo_tariffs

    ensure_default_brands()
    county = AdminArea.objects.create(code="990100000000", name="基准县", level=AreaLevel.COUNTY,
                                      unit_type=UnitType.COUNTY)  # fmt: skip
    town = AdminArea.objects.create(code="990100101000", name="基准镇", level=AreaLevel.TOWN,
                                    unit_type=UnitType.TOWN, parent=county)  # fmt: skip
    hub = Hub.objects.create(code="HUB-B", name="基准共配中心", county=county)
    node = TownNode.objects.create(code="TN-B", name="基准节点", town=town, hub=hub)
    kinds = [StationKind.SHOP, StationKind.ECOMMERCE, StationKind.DEDICATED]
    for i in range(VILLAGES):
        v = AdminArea.objects.create(code=f"990100101{200 + i:03d}", name=f"基准{i}村", level=AreaLevel.VILLAGE,
                                     unit_type=UnitType.VILLAGE_COMMITTEE, parent=town)  # fmt: skip
        if i < STATIONS:
            Station.objects.create(code=f"ST-B{i}", name=f"基准{i}村站", village=v, town_node=node,
                                   kind=kinds[i % 3])  # fmt: skip
    install_demo_tariffs()


def _generate(parcels: int, tag: int) -> int:
    """`parcels` parcels and 7 events each, inside the database; returns the number of events."""
    from django.db import connection, transaction

    from jincun.network.models import AdminArea, Brand, Station
    from jincun.parcels.models import Parcel, ScanEvent

    brands = list(Brand.objects.order_by("id").values_list("id", flat=True))[:10]
    villages = list(AdminArea.objects.filter(level="village").order_by("code").values_list("code", flat=True))
    stations = dict(Station.objects.values_list("village_id", "id"))
    start = dt.datetime(2026, 9, 30, 16, tzinfo=dt.UTC)  # Shanghai's 1 October
    seconds = 31 * 86400 - 8 * 3600  # events stay inside the month
    adapt = connection.ops.adapt_datetimefield_value
    with connection.cursor() as cur, transaction.atomic():
        cur.execute("DROP TABLE IF EXISTS bench_map")
        cur.execute("CREATE TABLE bench_map (k integer PRIMARY KEY, brand_id integer, village_id varchar(12), "
                    "station_id integer, route_kind varchar(16))")  # fmt: skip
        rows = []
        for k in range(len(villages)):
            v = villages[k]
            route = "postal" if k % 8 == 7 else "service_center" if k % 8 == 6 else "town"
            rows.append((k, brands[k % len(brands)], v, stations.get(v) if route == "town" else None, route))
        cur.executemany("INSERT INTO bench_map VALUES (%s, %s, %s, %s, %s)", rows)
        fields = {f.column: f for f in Parcel._meta.concrete_fields if f.column != "id" and not f.generated}
        given = {
            "waybill": f"'B{tag}' || CAST(n.i AS TEXT)", "brand_id": "m.brand_id", "village_id": "m.village_id",
            "station_id": "m.station_id", "route_kind": "m.route_kind", "direction": "'inbound'",
            "state": "'signed'", "weight_g": "(n.i * 37) %% 6000", "town_node_id": "NULL",
        }  # fmt: skip
        exprs, params = [], []
        for col, f in fields.items():
            if col in given:
                exprs.append(given[col])
            elif f.null:
                exprs.append("NULL")
            else:
                value = f.get_default()
                if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                    value = adapt(dt.datetime.now(dt.UTC))
                exprs.append("%s")
                params.append(value if value is not None else "")
        cur.execute(
            f"INSERT INTO parcels_parcel ({', '.join(fields)}) "
            f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %s) "
            f"SELECT {', '.join(exprs)} FROM n JOIN bench_map m ON m.k = n.i %% {len(villages)}",
            [parcels, *params],
        )
        steps = " UNION ALL ".join(f"SELECT {i} AS s, '{t}' AS t" for i, t in enumerate(STEPS))
        # each parcel's day: a second offset in the month from its id, one hour per step
        at = {"sqlite": "datetime(%s, '+' || ((p.id * 7919) %% %s) || ' seconds', '+' || st.s || ' hours')",
              "postgresql": "(%s::timestamptz + ((p.id * 7919) %% %s) * interval '1 second' + st.s * interval '1 hour')"}  # fmt: skip
        at_sql = at[connection.vendor]
        last = seconds - len(STEPS) * 3600
        listed = ["parcel_id", "event_type", "result", "reason", "state_after", "at", "received_at", "place_kind",
                  "place_code", "place_name", "operator_name", "device_id", "raw_text", "idem_key"]  # fmt: skip
        # any other required column (added to scan events later) gets its field default
        extra = [f for f in ScanEvent._meta.concrete_fields if f.column not in listed and f.column != "id"]
        extra = [f for f in extra if not f.null]
        cur.execute(
            f"INSERT INTO parcels_scanevent ({', '.join(listed + [f.column for f in extra])}) "
            f"SELECT p.id, st.t, 'applied', '', st.t, {at_sql}, {at_sql}, '', '', '', '', '', '', "
            f"'b:' || CAST(p.id AS TEXT) || ':' || st.t{''.join(', %s' for _ in extra)} "
            f"FROM parcels_parcel p CROSS JOIN ({steps}) st WHERE p.waybill LIKE %s",
            [adapt(start), last, adapt(start), last, *(f.get_default() for f in extra), f"B{tag}%"],
        )
        return cur.rowcount


def _reset():
    from django.db import connection, transaction

    with connection.cursor() as cur, transaction.atomic():
        for table in ("settlement_statementevent", "settlement_statement", "settlement_chargeline",
                      "settlement_ratingrun", "settlement_period"):  # fmt: skip
            cur.execute(f"DELETE FROM {table}")


def _settle():
    from jincun.settlement.services.rating import rate_month
    from jincun.settlement.services.statements import draft_statements

    start = time.perf_counter()
    run = rate_month(MONTH)
    rated = time.perf_counter() - start
    statements = draft_statements(MONTH)
    return run.lines_created, rated, time.perf_counter() - start, len(statements), run.total_steps


def _ceiling(passes: int):
    """The same month's earning events copied by a plain INSERT … SELECT, once per tariff pass, and counted."""
    from django.db import connection, transaction

    from jincun.settlement.services.periods import month_bounds

    lo, hi = (connection.ops.adapt_datetimefield_value(x) for x in month_bounds(MONTH))
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_raw_line")
        cur.execute("CREATE TABLE bench_raw_line (event_id bigint, parcel_id bigint, waybill varchar(40), "
                    "event_type varchar(20), event_at timestamp, amount_fen bigint)")  # fmt: skip
        start = time.perf_counter()
        cur.execute("SELECT COUNT(*) FROM parcels_scanevent WHERE at >= %s AND at < %s", [lo, hi])
        events = cur.fetchone()[0]
        counted = time.perf_counter() - start
        start = time.perf_counter()
        for _ in range(passes):
            with transaction.atomic():
                cur.execute(
                    "INSERT INTO bench_raw_line SELECT e.id, e.parcel_id, '', e.event_type, e.at, 100 "
                    "FROM parcels_scanevent e WHERE e.event_type = 'signed' AND e.at >= %s AND e.at < %s",
                    [lo, hi],
                )
        return events, counted, time.perf_counter() - start


def _peak() -> int:
    _reset()
    tracemalloc.start()
    _settle()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def run(label: str, parcels: int) -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    _network()
    t = time.perf_counter()
    events = _generate(parcels, 1)
    print(
        f"[{label}] generated {parcels:,} parcels, {events:,} events in {time.perf_counter() - t:.1f} s",
        flush=True,
    )
    times = []
    for _ in range(3):
        _reset()
        lines, rated, total, statements, passes = _settle()
        times.append((rated, total))
    again = time.perf_counter()
    from jincun.settlement.services.rating import rate_month

    assert rate_month(MONTH).lines_created == 0
    rerun = time.perf_counter() - again
    n_events, counted, ceiling = _ceiling(passes)
    rated = sorted(t[0] for t in times)[1]
    total = sorted(t[1] for t in times)[1]
    print(f"[{label}] rate_month: {lines:,} lines from {n_events:,} events in {passes} tariff passes: "
          f"{rated:.2f} s ({n_events / rated:,.0f} events/s); + draft {statements} statements: {total:.2f} s "
          f"(median of 3)")  # fmt: skip
    print(f"[{label}] idempotent re-run (writes 0 lines): {rerun:.2f} s")
    print(
        f"[{label}] raw ceiling: COUNT of the month's events {counted:.2f} s; plain INSERT…SELECT of the "
        f"signed events × {passes} passes {ceiling:.2f} s → rating takes {rated / ceiling:.1f}× the ceiling"
    )
    per_25m = rated / n_events * 25_000_000 / 60
    print(
        f"[{label}] a 25M-event peak month at this rate ≈ {per_25m:.0f} min (linear extrapolation)",
        flush=True,
    )
    peak_big = _peak()
    # the same at a quarter of the volume: the peak must not grow with it
    from django.db import connection

    _reset()
    with connection.cursor() as cur:
        cur.execute("DELETE FROM parcels_scanevent WHERE parcel_id %% 4 <> 0", [])
    peak_small = _peak()
    print(f"[{label}] tracemalloc peak: {peak_big / 1e6:.2f} MB at {n_events:,} events, "
          f"{peak_small / 1e6:.2f} MB at a quarter of them")  # fmt: skip


def _months() -> tuple[list[tuple[dt.date, int]], list[tuple[dt.date, int]]]:
    """(month, events) of the whole months in the database, busiest first, and of every month (part ones
    too), quietest first."""
    from django.db import connection

    local = {"sqlite": "datetime(at, '+8 hours')",
             "postgresql": "(at AT TIME ZONE 'Asia/Shanghai')"}[connection.vendor]  # fmt: skip
    with connection.cursor() as cur:
        cur.execute(f"SELECT MIN({local}), MAX({local}) FROM parcels_scanevent")
        first, last = (dt.datetime.fromisoformat(str(v)).date() for v in cur.fetchone())
        cur.execute(f"SELECT SUBSTR(CAST({local} AS TEXT), 1, 7), COUNT(*) FROM parcels_scanevent GROUP BY 1")
        rows = cur.fetchall()
    out, every = [], []
    for key, n in rows:
        m = dt.date.fromisoformat(key + "-01")
        every.append((m, n))
        after = (m + dt.timedelta(days=32)).replace(day=1)
        if first <= m and after - dt.timedelta(days=1) < last:  # a whole month: history on both sides
            out.append((m, n))
    return sorted(out, key=lambda r: -r[1]), sorted(every, key=lambda r: r[1])


def run_existing(label: str, month: dt.date | None, memory: bool = True) -> None:
    global MONTH
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    t = time.perf_counter()
    months, every = _months()
    print(f"[{label}] whole months by events ({time.perf_counter() - t:.1f} s): "
          + ", ".join(f"{m:%Y-%m} {n:,}" for m, n in months), flush=True)  # fmt: skip
    MONTH = month or months[0][0]
    _reset()
    lines, rated, total, statements, passes = _settle()
    print(f"[{label}] {MONTH:%Y-%m}: rate_month {lines:,} lines in {passes} tariff passes: {rated:.1f} s; "
          f"+ draft {statements} statements: {total:.1f} s", flush=True)  # fmt: skip
    from jincun.settlement.services.rating import rate_month

    again = time.perf_counter()
    assert rate_month(MONTH).lines_created == 0
    print(f"[{label}] idempotent re-run (writes 0 lines): {time.perf_counter() - again:.1f} s", flush=True)
    n_events, counted, ceiling = _ceiling(passes)
    print(
        f"[{label}] raw ceiling: COUNT of the month's {n_events:,} events {counted:.1f} s; plain INSERT…SELECT "
        f"of the signed events × {passes} passes {ceiling:.1f} s → rating takes {rated / ceiling:.1f}× the ceiling",
        flush=True,
    )
    if not memory:
        return
    peak_big = _peak()
    quiet = every[0][0]  # the quietest month, a part one if need be: memory must not follow the volume
    busy, MONTH = MONTH, quiet
    peak_small = _peak()
    print(f"[{label}] tracemalloc peak: {peak_big / 1e6:.2f} MB rating {busy:%Y-%m} "
          f"({dict(every)[busy]:,} events), {peak_small / 1e6:.2f} MB rating {quiet:%Y-%m} "
          f"({dict(every)[quiet]:,} events)")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--parcels", type=int, default=20000)
    parser.add_argument("--existing", action="store_true", help="a COPY of a county-year, configured as is")
    parser.add_argument("--month", help="with --existing: YYYY-MM (default: the busiest whole month)")
    parser.add_argument("--no-memory", action="store_true", help="with --existing: skip the tracemalloc runs")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jincun.settings")
    os.environ["JINCUN_SMS_GATEWAY"] = "null"
    if args.existing:
        import django

        django.setup()
        from django.db import connection

        month = dt.date.fromisoformat(args.month + "-01") if args.month else None
        run_existing(connection.vendor, month, memory=not args.no_memory)
        return 0
    with tempfile.TemporaryDirectory(prefix="jincun-bench-") as data_dir:
        os.environ["JINCUN_DATA_DIR"] = data_dir
        if args.postgres:
            os.environ.setdefault(
                "DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/jincun_bench_settlement"
            )
        else:
            os.environ.pop("DATABASE_URL", None)
        import django

        django.setup()
        if args.postgres:
            _fresh_pg()
        run("PostgreSQL" if args.postgres else "SQLite", args.parcels)
    return 0


def _fresh_pg() -> None:
    import psycopg
    from django.db import connection

    name = connection.settings_dict["NAME"]
    with psycopg.connect(host=connection.settings_dict["HOST"] or "127.0.0.1",
                         port=connection.settings_dict["PORT"] or 5432, user=connection.settings_dict["USER"],
                         dbname="postgres", autocommit=True) as conn:  # fmt: skip
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    raise SystemExit(main())
