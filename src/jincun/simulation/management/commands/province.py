import datetime as dt
import resource
import time

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console

from jincun.parcels.models import Parcel, ScanEvent
from jincun.simulation.province import build_province


class Command(BaseCommand):
    help = "Build a province of counties cloned from Yiyuan's shape (own codes 3799nn) and write their days."

    def add_arguments(self, parser):
        parser.add_argument("--counties", type=int, default=16, help="number of counties (default 16)")
        parser.add_argument("--days", type=int, default=1, help="days of history per county (default 1)")
        parser.add_argument("--scale", type=float, default=1.0, help="share of a 10,000 parcels/day county")
        parser.add_argument("--start", help="first day YYYY-MM-DD (default: the days up to today)")
        parser.add_argument("--seed", type=int, default=2020)

    def handle(self, *args, counties, days, scale, start, seed, **options):
        if not 1 <= counties <= 99:
            raise CommandError("--counties must be between 1 and 99")
        if not 1 <= days <= 3660 or not 0 < scale <= 20:
            raise CommandError("--days must be in 1..3660 and --scale in (0, 20]")
        try:
            first = dt.date.fromisoformat(start) if start else None
        except ValueError as exc:
            raise CommandError(f"--start: {exc}") from exc
        console = Console(file=self.stdout, highlight=False)
        began = time.perf_counter()
        stage_names = {"build": "建县网络", "history": "写入历史", "aggregates": "重算每日汇总"}

        def progress(stage, code):
            console.print(f"[{time.perf_counter() - began:7.1f}s] {stage_names[stage]} {code}")

        try:
            report = build_province(
                counties, days=days, scale=scale, seed=seed, start=first, progress=progress
            )
        except (RuntimeError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        secs = time.perf_counter() - began
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        for code in report.counties:
            stored = (
                Parcel.objects.filter(county=code).count(),
                ScanEvent.objects.filter(county=code).count(),
            )
            console.print(f"{code}: 写入快件 {report.parcels[code]:,}、事件 {report.events[code]:,}；"
                          f"按县码查得快件 {stored[0]:,}、事件 {stored[1]:,}")  # fmt: skip
        total = sum(report.events.values())
        console.print(
            f"{len(report.counties)} 县（新建 {report.built}）× {days} 天：快件 {sum(report.parcels.values()):,}，"
            f"事件 {total:,}，用时 {secs:.1f} 秒，峰值内存 {rss:,.0f} MB"
        )
