import datetime as dt
import multiprocessing
import os
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
        parser.add_argument("--memory-every", type=int, default=30, metavar="N",
                            help="print the processes' memory every N days (0: never)")  # fmt: skip
        parser.add_argument("--one-process", action="store_true",
                            help="draw and write in this process (default: a second process draws the days)")  # fmt: skip

    def handle(self, *args, days, start, scale, seed, one_process=False, memory_every=30, **options):
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
                done = iter(range(1, days + 1))

                def progress(day):
                    bar.advance(task)
                    if memory_every > 0 and next(done) % memory_every == 0:
                        bar.console.print(f"{day} {time.perf_counter() - began:7.1f} 秒  内存 {_memory()}")

                report = generate_history(days, start=first, scale=scale, seed=seed, progress=progress,
                                          split=not one_process)  # fmt: skip
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        secs = time.perf_counter() - began
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        console.print(
            f"{report.start} 起 {days} 天：快件 {report.parcels:,}，扫描事件 {report.events:,}，"
            f"用时 {secs:.1f} 秒（{report.events / max(secs, 1e-9):,.0f} 条/秒），峰值内存 {rss:,.0f} MB"
        )


def _memory() -> str:
    """The resident memory of this process and of the drawing one (`history_split`), from /proc (Linux)."""
    pids = [("写入", os.getpid())] + [("生成", p.pid) for p in multiprocessing.active_children()]
    return "，".join(f"{who} {_rss_mb(pid)} MB" for who, pid in pids)


def _rss_mb(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            kb = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    except (OSError, StopIteration, ValueError):
        return "?"
    return f"{kb / 1024:,.0f}"
