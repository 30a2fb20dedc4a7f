import datetime as dt
import resource
import time

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import Progress

from jincun.simulation.history import generate_history


class Command(BaseCommand):
    help = (
        "Write days of a county's parcel history straight in bulk (the simulator's rates; needs a network)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=365, help="number of days (default 365)")
        parser.add_argument("--start", help="first day YYYY-MM-DD (default: the days up to today)")
        parser.add_argument("--scale", type=float, default=1.0, help="share of a 10,000 parcels/day county")
        parser.add_argument("--seed", type=int, default=2020)
        parser.add_argument("--one-process", action="store_true",
                            help="draw and write in this process (default: a second process draws the days)")  # fmt: skip

    def handle(self, *args, days, start, scale, seed, one_process=False, **options):
        if not 1 <= days <= 3660:
            raise CommandError("--days must be between 1 and 3660")
        if not 0 < scale <= 20:
            raise CommandError("--scale must be in (0, 20]")
        try:
            first = dt.date.fromisoformat(start) if start else None
        except ValueError as exc:
            raise CommandError(f"--start: {exc}") from exc
        console = Console(file=self.stdout, highlight=False)
        began = time.perf_counter()
        try:
            with Progress(console=console, transient=True) as bar:
                task = bar.add_task(f"写入 {days} 天历史（规模 {scale}）", total=days)
                report = generate_history(days, start=first, scale=scale, seed=seed,
                                          progress=lambda _d: bar.advance(task), split=not one_process)  # fmt: skip
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        secs = time.perf_counter() - began
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        console.print(
            f"{report.start} 起 {days} 天：快件 {report.parcels:,}，扫描事件 {report.events:,}，"
            f"用时 {secs:.1f} 秒（{report.events / max(secs, 1e-9):,.0f} 条/秒），峰值内存 {rss:,.0f} MB"
        )
