import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import Progress, TimeElapsedColumn
from rich.table import Table

from jincun.simulation.engine import Simulator
from jincun.simulation.rates import DEMO_SCALE
from jincun.simulation.services import peak_day, run_simulation

LABELS = {
    "parcels_in": "进村件（下行）",
    "parcels_out": "出村件（上行揽收）",
    "outbound_refused": "揽收拒收（禁寄/实名不符）",
    "scan_events": "扫描事件",
    "signed": "已签收",
    "door_deliveries": "送货上门",
    "proxy_signed": "村委代办签收",
    "postal_signed": "邮政投递签收",
    "handed_to_brand": "上行交品牌",
    "reminders": "滞留提醒短信",
    "problems_opened": "问题件（新登记）",
    "problems_open": "问题件（未处理）",
    "handover_lists": "交接单",
}


MAX_SCALE = 20


class Command(BaseCommand):
    help = "Simulate days of the county's parcel traffic through the public services (needs a network)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="number of days (default 30)")
        parser.add_argument("--start", help="first day YYYY-MM-DD (default: the days up to yesterday)")
        parser.add_argument("--scale", type=float, default=DEMO_SCALE,
                            help=f"volume multiplier of a 10,000 parcels/day county (default {DEMO_SCALE:g}, the demo's volume; at most "
                                 f"{MAX_SCALE:g}); with --peak --days 1: 1 ≈ 22k parcels, 93k events (the apple volume "
                                 "our network carries); 10.75 ≈ 240k parcels, 1M events (the issue's 1M-event day "
                                 "as ~11 such counties' traffic through one network)")  # fmt: skip
        parser.add_argument("--seed", type=int, default=2020, help="random seed (same seed, same run)")
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument("--peak", action="store_true",
                            help="start on an apple-season day (the latest 15 October); with --days 1 and --scale 1, "
                                 "a whole county's peak day")  # fmt: skip

    def handle(self, *args, days, start, scale, seed, format, peak, **options):
        if days < 1 or days > 3660:
            raise CommandError("--days must be between 1 and 3660")
        if not 0 < scale <= MAX_SCALE:
            raise CommandError(f"--scale must be in (0, {MAX_SCALE:g}]")
        try:
            first = dt.date.fromisoformat(start) if start else (peak_day() if peak else None)
        except ValueError as exc:
            raise CommandError(f"--start: {exc}") from exc
        console = Console(file=self.stdout, highlight=False)
        try:
            if format == "json":
                summary = run_simulation(days, start=first, scale=scale, seed=seed)
            else:
                with Progress(*Progress.get_default_columns(), TimeElapsedColumn(), console=console,
                              transient=True) as bar:  # fmt: skip
                    task = bar.add_task("模拟中…", total=days)
                    steps = bar.add_task("", total=len(Simulator.STEPS))

                    def step(day, n, name):
                        bar.update(steps, completed=n, description=f"{day} {name}")

                    summary = run_simulation(days, start=first, scale=scale, seed=seed, step=step,
                                             progress=lambda day: bar.update(task, advance=1, description=str(day)))  # fmt: skip
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        if format == "json":
            self.stdout.write(json.dumps(summary.as_dict(), ensure_ascii=False))
            return
        table = Table(title=f"模拟 {summary.start} 起 {days} 天（规模 {scale}，种子 {seed}）")
        table.add_column("项目")
        table.add_column("数量", justify="right")
        for key, label in LABELS.items():
            table.add_row(label, str(getattr(summary, key)))
        console.print(table)
