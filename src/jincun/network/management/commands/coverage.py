import datetime as dt
import io
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jincun.core.exports import safe_writer
from jincun.network.coverage import GROUPINGS, coverage_at, target_standings


class Command(BaseCommand):
    help = "Share of administrative villages (建制村) with express service on a date, against the targets."

    def add_arguments(self, parser):
        parser.add_argument("--at", help="date YYYY-MM-DD (default: today)")
        parser.add_argument("--by", choices=GROUPINGS)
        parser.add_argument("--format", choices=["table", "csv", "json"], default="table")
        parser.add_argument("--county", help="county code (default: the first loaded)")
        parser.add_argument("--unserved", action="store_true", help="list the villages not yet served")

    def handle(self, *args, at, by, format, county, unserved, **options):
        try:
            day = dt.date.fromisoformat(at) if at else timezone.localdate()
        except ValueError:
            raise CommandError(f"--at must be a date like 2021-12-31, not {at!r}") from None
        try:
            report = coverage_at(day, by=by, county_code=county)
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        if format == "json":
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
            return
        if format == "csv":
            buffer = io.StringIO()
            writer = safe_writer(buffer)
            writer.writerow(["key", "name", "villages_total", "villages_served", "share"])
            writer.writerow(
                ["total", "全县建制村", report.villages_total, report.villages_served, f"{report.share:.4f}"]
            )
            for row in report.rows:
                writer.writerow(
                    [row.key, row.name, row.villages_total, row.villages_served, f"{row.share:.4f}"]
                )
            self.stdout.write(buffer.getvalue(), ending="")
            return
        self.stdout.write(
            f"{report.date}  建制村通快递 {report.villages_served}/{report.villages_total} = {report.share:.1%}"
            f"   (社区 {report.communities_served}/{report.communities_total}，另计)"
        )
        for status in target_standings(day, county):
            target = status.target
            self.stdout.write(
                f"  目标 {target.name}（{target.due} ≥ {float(target.share):.0%}）：{status.standing_label}"
            )
        if report.rows:
            self.stdout.write(f"\n{'':<2}{by:<14}{'名称':<14}{'已通':>6}{'总数':>6}{'覆盖率':>9}")
            for row in report.rows:
                self.stdout.write(
                    f"  {row.key:<14}{row.name:<14}{row.villages_served:>6}{row.villages_total:>6}{row.share:>9.1%}"
                )
        if unserved:
            self.stdout.write(f"\n未通快递的建制村（{len(report.unserved)}）：")
            for v in report.unserved:
                self.stdout.write(f"  {v['code']}  {v['town']} {v['name']}")
