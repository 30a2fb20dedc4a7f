import datetime as dt
import sys

from django.core.management.base import BaseCommand, CommandError

from jincun.addressing.gazetteer import default_county_code
from jincun.addressing.sort_plan import sort_plan
from jincun.core.exports import safe_writer
from jincun.network.models import Brand

COLUMNS = ["village_code", "village", "town", "mode", "route", "town_node", "station", "sort_code", "pickup"]


class Command(BaseCommand):
    help = "Print a brand's sort plan as CSV: for each village unit the route from the hub and the hub sort code."

    def add_arguments(self, parser):
        parser.add_argument("brand", help="brand code, e.g. ZTO")
        parser.add_argument("--date", help="day (YYYY-MM-DD, default today)")
        parser.add_argument("--output", "-o", default="-", help="CSV file ('-' for standard output)")

    def handle(self, *args, brand, date, output, **options):
        found = Brand.objects.filter(code=brand).first()
        if found is None:
            raise CommandError(f"unknown brand {brand}")
        try:
            day = dt.date.fromisoformat(date) if date else dt.date.today()
            county = default_county_code()
        except ValueError as exc:
            raise CommandError(f"bad --date {date}: use YYYY-MM-DD") from exc
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
        try:
            writer = safe_writer(out)
            writer.writerow(COLUMNS)
            routed = 0
            for village, t in sort_plan(found, county, day):
                if t is None:
                    writer.writerow(
                        [village.code, village.name, "", "", "unrouted", "", "", "", "无有效协议"]
                    )
                    continue
                routed += 1
                writer.writerow(
                    [
                        t.village_code,
                        t.village_name,
                        t.town_name,
                        t.mode,
                        t.route,
                        t.town_node_code,
                        t.station_code,
                        t.sort_code,
                        t.pickup,
                    ]
                )
        finally:
            if out is not sys.stdout:
                out.close()
        self.stderr.write(f"{found.name}：{routed} 个村有路由")
