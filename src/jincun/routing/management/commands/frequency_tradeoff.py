import datetime as dt
import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from jincun.routing.queries import APPROXIMATE_NOTE
from jincun.routing.services.fleet import ensure_default_fleet
from jincun.routing.services.plans import default_hub
from jincun.routing.tradeoff import frequency_tradeoff


class Command(BaseCommand):
    help = "Village run frequency (daily / every other day / every 3 days) against km, cost and parcel wait."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="first day YYYY-MM-DD (default: tomorrow)")
        parser.add_argument("--days", type=int, default=6, help="span, a multiple of 2 and 3 (default 6)")
        parser.add_argument("--time-limit", type=float, default=3.0, help="solver seconds per plan")
        parser.add_argument("--iterations", type=int)
        parser.add_argument("--format", choices=["table", "json"], default="table")

    def handle(self, *args, date, days, time_limit, iterations, format, **options):
        try:
            start = dt.date.fromisoformat(date) if date else timezone.localdate() + dt.timedelta(days=1)
            hub = default_hub()
        except ValueError:
            raise CommandError(f"--date must look like 2024-05-08, not {date!r}") from None
        except ValidationError as exc:
            raise CommandError(exc.messages[0]) from exc
        if days < 1 or time_limit <= 0:
            raise CommandError("--days and --time-limit must be positive")
        ensure_default_fleet(hub)
        span = [start + dt.timedelta(days=i) for i in range(days)]
        rows = frequency_tradeoff(hub, span, time_limit=time_limit, iterations=iterations)
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"村线频次与成本（{span[0]} 起 {days} 天，只计村线）")
        self.stdout.write(
            f"{'频次':<8}{'车次':>6}{'里程km':>10}{'成本¥':>12}{'每件¥':>8}{'平均多等(天)':>14}{'未送件数':>10}"
        )
        for r in rows:
            self.stdout.write(f"{r['policy']:<8}{r['runs']:>6}{r['village_km']:>10.1f}{r['cost_fen'] / 100:>12,.2f}"
                              f"{r['cost_per_parcel_fen'] / 100:>8.2f}{r['avg_extra_wait_days']:>14.1f}"
                              f"{r['unserved_parcels']:>10}")  # fmt: skip
        self.stdout.write(APPROXIMATE_NOTE)
