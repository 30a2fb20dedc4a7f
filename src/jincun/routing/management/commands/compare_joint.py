import datetime as dt
import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from rich.progress import Progress

from jincun.routing.compare import compare_joint
from jincun.routing.compare_two_way import compare_two_way
from jincun.routing.demand import deliveries_for
from jincun.routing.queries import APPROXIMATE_NOTE
from jincun.routing.services.fleet import ensure_default_fleet
from jincun.routing.services.plans import default_hub


class Command(BaseCommand):
    help = (
        "Joint (one plan through the shared hub) versus every brand on its own: km, vehicle-hours, cost; "
        "with --two-way, two-way runs versus inbound-only plus separate outbound runs."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="YYYY-MM-DD (default: tomorrow)")
        parser.add_argument(
            "--season", action="store_true", help="a simulated season: --days days from --date"
        )
        parser.add_argument("--days", type=int, default=7, help="days in the season (default 7)")
        parser.add_argument(
            "--time-limit", type=float, default=3.0, help="solver seconds per plan (default 3)"
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--iterations", type=int, help="stop each plan after N iterations (deterministic)"
        )
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument(
            "--two-way",
            action="store_true",
            help="two-way runs (deliver and collect on one loop) against inbound-only plus separate outbound runs",
        )

    def handle(
        self, *args, date, season, days, time_limit, seed, iterations, format, two_way=False, **options
    ):
        try:
            start = dt.date.fromisoformat(date) if date else timezone.localdate() + dt.timedelta(days=1)
        except ValueError:
            raise CommandError(f"--date must look like 2024-05-08, not {date!r}") from None
        if time_limit <= 0 or days < 1:
            raise CommandError("--time-limit and --days must be positive")
        try:
            hub = default_hub()
        except ValidationError as exc:
            raise CommandError(exc.messages[0]) from exc
        ensure_default_fleet(hub)
        if two_way:
            return self._two_way(hub, start, time_limit, seed, iterations, format)
        span = [start + dt.timedelta(days=i) for i in range(days if season else 1)]
        plans = sum(1 + len({b for d in deliveries_for(hub, day)[0] for b in d.by_brand}) for day in span)
        with Progress(transient=True, disable=format == "json") as progress:
            bar = progress.add_task("规划中", total=plans)
            result = compare_joint(hub, span, time_limit=time_limit, seed=seed, iterations=iterations,
                                   progress=lambda: progress.advance(bar))  # fmt: skip
        data = result.as_dict()
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        w = self.stdout.write
        w(
            f"共配 vs 各品牌分别配送：{span[0]}"
            + (f" 至 {span[-1]}（{len(span)} 天）" if len(span) > 1 else "")
        )
        w(f"{'':<12}{'车次':>6}{'里程km':>10}{'车时':>8}{'成本¥':>12}{'件数':>8}{'每件¥':>8}")
        for label, key in (("共配", "joint"), ("分别配送", "separate")):
            f = data[key]
            w(f"{label:<12}{f['runs']:>6}{f['km']:>10.1f}{f['vehicle_hours']:>8.1f}{f['cost_fen'] / 100:>12,.2f}"
              f"{f['parcels']:>8}{f['cost_per_parcel_fen'] / 100:>8.2f}")  # fmt: skip
        s = data["saving"]
        w(f"共配节省：里程 {s['km']:.1%}，车时 {s['hours']:.1%}，成本 {s['cost_fen']:.1%}")
        w("\n分镇（里程 km：共配 / 分别 / 节省）")
        for town, t in data["towns"].items():
            w(f"  {town:<10}{t['joint']['km']:>9.1f}{t['separate']['km']:>9.1f}{t['km_saving']:>8.1%}")
        unserved = data["joint"]["unserved_parcels"], data["separate"]["unserved_parcels"]
        if any(unserved):
            w(f"未能安排的件数：共配 {unserved[0]}，分别 {unserved[1]}（比较时请注意）")
        w("假设：" + "；".join(data["assumptions"]))
        if data["approximate"]:
            w(APPROXIMATE_NOTE)

    def _two_way(self, hub, day, time_limit, seed, iterations, format):
        with Progress(transient=True, disable=format == "json") as progress:
            bar = progress.add_task("规划中", total=3)
            result = compare_two_way(hub, day, time_limit=time_limit, seed=seed, iterations=iterations,
                                     progress=lambda: progress.advance(bar))  # fmt: skip
        data = result.as_dict()
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        w = self.stdout.write
        w(f"双向同车 vs 下行与上行分开：{day}（上行需求来源：{data['outbound_source']}）")
        w(
            f"{'':<14}{'车次':>6}{'里程km':>10}{'车时':>8}{'成本¥':>12}{'下行件':>8}{'上行箱':>8}{'未安排件/箱':>12}"
        )
        rows = (("双向同车", "joint"), ("只送下行", "inbound_only"), ("只收上行", "outbound_only"),
                ("分开合计", "separate"))  # fmt: skip
        for label, key in rows:
            f = data[key]
            w(f"{label:<14}{f['runs']:>6}{f['km']:>10.1f}{f['vehicle_hours']:>8.1f}{f['cost_fen'] / 100:>12,.2f}"
              f"{f['parcels']:>8}{f['boxes']:>8}{f['unserved_parcels']:>6}/{f['unserved_boxes']:<5}")  # fmt: skip
        s = data["saving"]
        w(f"双向节省：里程 {s['km']:.1%}，车时 {s['hours']:.1%}，成本 {s['cost_fen']:.1%}")
        j, sep = data["joint"], data["separate"]
        if (j["unserved_parcels"], j["unserved_boxes"]) != (sep["unserved_parcels"], sep["unserved_boxes"]):
            w("注意：两方案未安排的件/箱不同，节省不能直接比较（增加车辆或求解时限后再比）")
        if data["note"]:
            w(data["note"])
        w("假设：" + "；".join(data["assumptions"]))
        if data["approximate"]:
            w(APPROXIMATE_NOTE)
