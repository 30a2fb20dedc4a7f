"""Load on a served Jincun: 8 station devices pushing 100-event scan batches while 2 staff click pages.

Serves the app as `jincun serve` does (gunicorn + the job worker) on a free loopback port, over a throw-away
SQLite data folder (or a fresh PostgreSQL database with `--postgres`), for `--seconds` per round. Each device
client posts batches of `--batch` events (half the parcels `at_station`, then `signed`, at its own station)
back to back; each page client loads the hub board, the handover lists, the staff search and the station
counter in turn. Reported per round: accepted events/s, API batch latency p50/p95/max, page p95/max, errors,
and the load average. SQLite rounds may run under several `synchronous` settings in the same run
(`--sync NORMAL,FULL`) so their cost is measured against each other.

Run alone: `.venv/bin/python bench/bench_load.py [--postgres] [--seconds 20] [--sync FULL]`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PG_URL = "postgresql://postgres@127.0.0.1:5432/jincun_bench_load"
PAGES_HUB = ["/web/hub/board/", "/web/handovers/", "/web/parcels/?q=LD0000000001"]
PAGES_STATION = ["/web/station/counter/", "/web/problems/", "/web/handovers/"]


# --- setup (in this process, then the connection is closed before serving) ------------------------


def _setup_county(clients: int) -> dict:
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from jincun.api.models import ApiToken
    from jincun.core.models import User
    from jincun.network.models import Assignment
    from jincun.network.services.brands import ensure_default_brands
    from jincun.network.tests import factories as nf

    ensure_default_brands()
    hub = nf.HubFactory(code="HUB-LOAD")
    town = nf.TownFactory(parent=hub.county, name="负载镇")
    node = nf.TownNodeFactory(town=town, hub=hub)
    stations, keys = [], []
    for i in range(clients):
        village = nf.VillageFactory(parent=town, name=f"负载{i}村")
        station = nf.StationFactory(village=village, town_node=node)
        stations.append(station)
        keys.append(ApiToken.issue(f"负载设备{i}", "device", station=station)[1])

    def session(role, **where):
        user = User.objects.create(username=f"load-{role}", role=role)
        Assignment.objects.create(user=user, **where)
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store.session_key

    sessions = [session("hub_operator", hub=hub), session("station_keeper", station=stations[0])]
    return {"stations": [s.pk for s in stations], "node": node.pk, "keys": keys, "sessions": sessions}


def _setup_parcels(county: dict, tag: str, per_client: int) -> list[list[str]]:
    """`per_client` parcels on the village run to each client's station (state `to_village`), with a
    standing station consent for their recipient's phone."""
    from django.utils import timezone

    from jincun.network.models import Brand, Station
    from jincun.parcels.models import Parcel
    from jincun.parcels.services import record_consent

    brand = Brand.objects.get(code="ZTO")
    since = timezone.now() - dt.timedelta(hours=1)
    waybills = []
    for i, station_id in enumerate(county["stations"]):
        station = Station.objects.get(pk=station_id)
        phone = f"1390{tag}{i:03d}0000"[:11]
        record_consent(phone, "station", station=station, at=since)
        own = [f"LD{tag}{i:02d}{n:06d}" for n in range(per_client)]
        Parcel.objects.bulk_create(
            [
                Parcel(
                    waybill=w,
                    brand=brand,
                    direction="inbound",
                    state="to_village",
                    state_at=since,
                    recipient_name="负载测试",
                    recipient_phone=phone,
                    village_id=station.village_id,
                    route_kind="town",
                    route_code=station.code,
                    town_node_id=county["node"],
                    station=station,
                )  # fmt: skip
                for w in own
            ],
            batch_size=2000,
        )
        waybills.append(own)
    return waybills


# --- clients --------------------------------------------------------------------------------------


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.api, self.pages, self.accepted, self.errors = [], [], 0, 0
        self.exhausted = 0
        self.refused: dict[str, int] = {}

    def add(self, kind: str, seconds: float, accepted: int = 0, ok: bool = True, refused=()):
        with self.lock:
            (self.api if kind == "api" else self.pages).append(seconds)
            self.accepted += accepted
            self.errors += 0 if ok else 1
            for reason in refused:
                self.refused[reason] = self.refused.get(reason, 0) + 1


def _device(port, key, waybills, batch, stop, stats):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    seq, pairs = 0, batch // 2
    for start in range(0, len(waybills), pairs):
        if stop.is_set():
            break
        now = dt.datetime.now(dt.UTC)
        events = []
        for w in waybills[start : start + pairs]:
            for kind, back in (("at_station", 20), ("signed", 10)):
                seq += 1
                at = (now - dt.timedelta(seconds=back)).isoformat()
                events.append({"waybill": w, "event_type": kind, "at": at, "device_seq": seq})
        body = json.dumps({"events": events})
        began = time.perf_counter()
        try:
            conn.request("POST", "/api/v1/parcels/scans", body, headers)
            answer = conn.getresponse()
            data = answer.read()
            ok = answer.status == 200
            results = json.loads(data)["results"] if ok else []
            accepted = sum(r["status"] == "accepted" for r in results)
            refused = [r["reason"] or r["status"] for r in results if r["status"] != "accepted"]
        except (OSError, http.client.HTTPException, ValueError):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            ok, accepted, refused = False, 0, []
        stats.add("api", time.perf_counter() - began, accepted, ok, refused)
    else:
        with stats.lock:
            stats.exhausted += 1
    conn.close()


def _pages(port, session, paths, stop, stats):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Cookie": f"sessionid={session}"}
    n = 0
    while not stop.is_set():
        path = paths[n % len(paths)]
        n += 1
        began = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            answer = conn.getresponse()
            answer.read()
            ok = answer.status == 200
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            ok = False
        stats.add("page", time.perf_counter() - began, ok=ok)


# --- serving ----------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port, path) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", path)
        answer = conn.getresponse()
        return answer.status, answer.read()
    finally:
        conn.close()


def _serve(env: dict, port: int, workers: int, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "jincun.cli", "serve", "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers)]  # fmt: skip
    server = subprocess.Popen(command, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT,
                              start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:  # healthy = the web answers and the job worker has beaten
        if server.poll() is not None:
            raise RuntimeError(f"serve exited with {server.returncode}; see {log}")
        try:
            if _get(port, "/healthz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.5)
    _stop(server)
    raise RuntimeError(f"serve did not become healthy in 90 s; see {log}")


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def _pct(values, q) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))] * 1000


def _round(label, env, county, waybills, args, log) -> dict:
    port = _free_port()
    server = _serve(env, port, args.workers, log)
    stats, stop = Stats(), threading.Event()
    threads = [threading.Thread(target=_device, args=(port, key, own, args.batch, stop, stats))
               for key, own in zip(county["keys"], waybills, strict=True)]  # fmt: skip
    hub_session, station_session = county["sessions"]
    for session, paths in ((hub_session, PAGES_HUB), (station_session, PAGES_STATION))[: args.page_clients]:
        threads.append(threading.Thread(target=_pages, args=(port, session, paths, stop, stats)))
    load_before = os.getloadavg()[0]
    began = time.perf_counter()
    for t in threads:
        t.start()
    time.sleep(args.seconds)
    stop.set()
    for t in threads:
        t.join(timeout=120)
    elapsed = time.perf_counter() - began
    load_after = os.getloadavg()[0]
    health = json.loads(_get(port, "/healthz")[1])
    _stop(server)
    result = {
        "label": label,
        "events_s": stats.accepted / elapsed,
        "batches": len(stats.api),
        "api_p50": _pct(stats.api, 0.50),
        "api_p95": _pct(stats.api, 0.95),
        "api_max": max(stats.api, default=0) * 1000,
        "pages": len(stats.pages),
        "page_p95": _pct(stats.pages, 0.95),
        "page_max": max(stats.pages, default=0) * 1000,
        "errors": stats.errors,
        "exhausted": stats.exhausted,
        "load": (load_before, load_after),
        "worker_alive": health["worker"]["alive"],
    }
    print(
        f"[{label}] {result['events_s']:,.0f} events/s accepted · API batch p50 {result['api_p50']:.0f} ms"
        f" p95 {result['api_p95']:.0f} ms max {result['api_max']:.0f} ms ({result['batches']} batches)"
        f" · pages p95 {result['page_p95']:.0f} ms max {result['page_max']:.0f} ms ({result['pages']})"
        f" · errors {result['errors']} · load avg {load_before:.1f}→{load_after:.1f}"
        f" · worker alive {result['worker_alive']}"
        + (f" · {stats.exhausted} clients ran out of parcels" if stats.exhausted else "")
        + (f" · not accepted: {stats.refused}" if stats.refused else ""),
        flush=True,
    )
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postgres", action="store_true", help=f"PostgreSQL (DATABASE_URL, default {PG_URL})"
    )
    parser.add_argument("--seconds", type=float, default=20, help="length of each round (the issue's: 60)")
    parser.add_argument("--clients", type=int, default=8, help="device clients")
    parser.add_argument("--batch", type=int, default=100, help="events per batch")
    parser.add_argument("--page-clients", type=int, default=2, choices=(0, 1, 2))
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (serve's default: 2)")
    parser.add_argument("--sync", default="FULL", help="SQLite synchronous per round, e.g. NORMAL,FULL")
    parser.add_argument(
        "--rate-cap",
        type=int,
        default=10000,
        help="events/s the parcels provisioned allow (above what is reached)",
    )
    args = parser.parse_args()
    sys.path.insert(0, str(REPO / "src"))
    with tempfile.TemporaryDirectory(prefix="jincun-bench-load-") as data_dir:
        env = dict(os.environ, JINCUN_DATA_DIR=data_dir, JINCUN_SMS_GATEWAY="null",
                   DJANGO_SETTINGS_MODULE="jincun.settings", PYTHONPATH=str(REPO / "src"))  # fmt: skip
        env.pop("JINCUN_DEBUG", None)
        if args.postgres:
            env["DATABASE_URL"] = os.environ.get("DATABASE_URL", PG_URL)
        else:
            env.pop("DATABASE_URL", None)
        os.environ.update(env)
        if not args.postgres:
            os.environ.pop("DATABASE_URL", None)
        import django

        if args.postgres:
            _fresh_pg(env["DATABASE_URL"])
        django.setup()
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0)
        county = _setup_county(args.clients)
        modes = ["PostgreSQL"] if args.postgres else [m.strip().upper() for m in args.sync.split(",")]
        per_client = int(args.seconds * args.rate_cap / args.clients / 2) + args.batch
        results = []
        for n, mode in enumerate(modes):
            waybills = _setup_parcels(county, f"{n:02d}", per_client)
            connection.close()
            round_env = dict(env) if args.postgres else dict(env, JINCUN_SQLITE_SYNCHRONOUS=mode)
            label = mode if args.postgres else f"SQLite synchronous={mode}"
            results.append(_round(label, round_env, county, waybills, args, Path(data_dir) / "serve.log"))
        if len(results) > 1:
            base = results[0]
            for r in results[1:]:
                print(f"{r['label']} vs {base['label']}: events/s ×{r['events_s'] / base['events_s']:.2f},"
                      f" API p95 ×{r['api_p95'] / base['api_p95']:.2f}")  # fmt: skip
        goal = all(r["api_p95"] < 500 for r in results)
        print(f"goal API p95 < 500 ms: {'met' if goal else 'NOT met'}")
    return 0


def _fresh_pg(url: str) -> None:
    import psycopg

    base, _, name = url.rpartition("/")
    with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    raise SystemExit(main())
