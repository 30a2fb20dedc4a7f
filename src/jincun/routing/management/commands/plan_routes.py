import datetime as dt
import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jincun.routing.queries import APPROXIMATE_NOTE, plan_as_dict, plan_with_runs
from jincun.routing.services.plans import plan_day


class Command(BaseCommand):
    help = "Plan a day's trunk and village runs (PyVRP) and the China Post handovers; store and print them."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="YYYY-MM-DD (default: tomorrow)")
        parser.add_argument("--time-limit", type=float, default=10.0, help="solver seconds (default 10)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--iterations", type=int, help="stop after N iterations: same seed, same plan")
        parser.add_argument("--format", choices=["table", "json"], default="table")
        parser.add_argument("--pdf", help="also write the dispatch sheets to this PDF file")
        parser.add_argument("--osrm-url", help="OSRM server for road distances (falls back if down)")
        parser.add_argument(
            "--schedule", action="store_true", help="also queue the nightly job (20:00) if absent"
        )

    def handle(self, *args, date, time_limit, seed, iterations, format, pdf, osrm_url, schedule, **options):
        if schedule:
            from jincun.routing.tasks import ensure_evening_job

            queued = ensure_evening_job()
            self.stderr.write("已排入每晚 20:00 的次日规划任务" if queued else "每晚规划任务已在队列中")
        try:
            day = dt.date.fromisoformat(date) if date else timezone.localdate() + dt.timedelta(days=1)
        except ValueError:
            raise CommandError(f"--date must look like 2024-05-08, not {date!r}") from None
        if time_limit <= 0:
            raise CommandError("--time-limit must be positive")
        try:
            plan = plan_day(day, time_limit=time_limit, seed=seed, iterations=iterations, osrm_url=osrm_url)
        except ValidationError as exc:
            raise CommandError(exc.messages[0]) from exc
        plan = plan_with_runs(plan.id)
        if pdf:
            from jincun.routing.dispatch_pdf import dispatch_pdf

            with open(pdf, "wb") as fh:
                fh.write(dispatch_pdf(plan))
        data = plan_as_dict(plan)
        if format == "json":
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        self._table(data, pdf)

    def _table(self, data: dict, pdf: str | None):
        t = data["totals"]
        w = self.stdout.write
        w(f"{data['date']} 线路计划：{t['runs']} 车次  {t['km']:.1f} km  {t['vehicle_hours']:.1f} 车时  "
          f"成本 ¥{t['cost_fen'] / 100:,.2f}  {t['parcels']} 件（需求：{data['demand_source']}）")  # fmt: skip
        w(f"距离：{data['distance_source']}")
        for r in data["runs"]:
            stops = " → ".join(
                f"{s['name']}({s['parcels']}@{s['eta']}{'🔒' if s['locked'] else ''})" for s in r["stops"]
            )
            w(f"  #{r['seq']:<3} {r['kind']:<8} {r['vehicle'] or '-':<22} {r['departs']}–{r['returns']} "
              f"{r['km']:>6.1f} km {r['load_parcels']:>5} 件  {stops}")  # fmt: skip
        if data["unserved"]:
            w(f"未安排 {len(data['unserved'])} 处：")
            for u in data["unserved"]:
                w(f"  {u['name']}：{u['parcels']} 件 — {u['reason']}")
        if data["deferred"]:
            w(
                f"按频次今日不配送 {len(data['deferred'])} 村（{sum(d['parcels'] for d in data['deferred'])} 件）"
            )
        for p in data["problems"]:
            w(f"问题：{p}")
        if data["approximate"]:
            w(APPROXIMATE_NOTE)
        if pdf:
            w(f"派车单：{pdf}")
