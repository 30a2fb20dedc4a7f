"""Scanner pages: how long a scan takes to answer, server side, through the whole Django stack.

Runs on a throw-away SQLite database with a small hand-built county. For N parcels, times the htmx POST
of each scan page (hub scan-in + sort, town check-in, station shelving with pickup code) and, as the
baseline measured in the same run, the bare service call doing the same work (`record_scan` at the hub).
The page's goal is "well under a second" on a cheap phone: figures here are the server's share.
Run alone: `.venv/bin/python bench/bench_scan_pages.py`.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

N = 60


def _timed(fn, items) -> list[float]:
    times = []
    for item in items:
        start = time.perf_counter()
        fn(item)
        times.append(time.perf_counter() - start)
    return times


def _row(label: str, times: list[float], baseline: float | None) -> str:
    median = statistics.median(times) * 1000
    p95 = sorted(times)[int(len(times) * 0.95) - 1] * 1000
    ratio = f"{median / baseline:.1f}×" if baseline else "1.0×"
    return f"{label:<44} median {median:6.1f} ms   p95 {p95:6.1f} ms   {ratio}"


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    with tempfile.TemporaryDirectory(prefix="jincun-bench-") as data_dir:
        os.environ["JINCUN_DATA_DIR"] = data_dir
        os.environ.pop("DATABASE_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jincun.settings")
        os.environ["JINCUN_TASK_BACKEND"] = "django_tasks.backends.dummy.DummyBackend"
        import django

        django.setup()
        from django.core.management import call_command
        from django.test.utils import setup_test_environment
        from django.urls import reverse

        setup_test_environment()  # the test client's host and no password hashing on force_login
        call_command("migrate", verbosity=0)

        from jincun.network.models import Hub
        from jincun.parcels import services
        from jincun.web.tests.county import build_county
        from jincun.web.tests.steps import load_run, push, scan

        county = build_county()
        waybills = [f"TB{i:010d}" for i in range(2 * N)]
        for i, waybill in enumerate(waybills):
            push(county, waybill, county.station_village, phone=f"138{i:08d}")
        hub = Hub.objects.get(pk=county.hub.pk)

        base = _timed(lambda w: services.record_scan(w, "at_hub", place=hub), waybills[N:])
        baseline = statistics.median(base) * 1000

        hub_client = county.hub_client()
        page_hub = _timed(lambda w: scan(hub_client, reverse("web:hub_scan"), w), waybills[:N])
        trunk = load_run(hub_client, reverse("web:hub_load"), county.node.code, *waybills[:N])
        town = county.town_client()
        page_checkin = _timed(lambda w: scan(town, reverse("web:checkin", args=[trunk]), w), waybills[:N])
        load_run(town, reverse("web:town_load"), county.station.code, *waybills[:N])
        keeper = county.station_client()
        page_shelve, page_card = [], []
        for waybill in waybills[:N]:  # the answer, then the 在途到本站 card it makes the page reload
            page_shelve += _timed(lambda w: scan(keeper, reverse("web:station_shelve"), w), [waybill])
            page_card += _timed(
                lambda _: keeper.get(reverse("web:station_incoming"), HTTP_HX_REQUEST="true"), [0]
            )

        print(f"scan pages, {N} scans each (SQLite, Django test client, server side)")
        print(_row("baseline: services.record_scan at the hub", base, None))
        print(_row("page: hub scan-in + sort answer", page_hub, baseline))
        print(_row("page: town check-in against a list", page_checkin, baseline))
        print(_row("page: station shelving (pickup code)", page_shelve, baseline))
        print(_row("page: station's 在途到本站 card reloaded after it", page_card, baseline))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
