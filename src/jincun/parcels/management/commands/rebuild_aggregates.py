import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from jincun.parcels.aggregates import rebuild_aggregates


def _day(value):
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError as exc:
        raise CommandError(f"not a date (YYYY-MM-DD): {value}") from exc


class Command(BaseCommand):
    help = "Recount the daily aggregates (dashboard, big screen, reports) from the scan events."

    def add_arguments(self, parser):
        parser.add_argument("--start", help="first local day to recount (default: all)")
        parser.add_argument("--end", help="last local day to recount (default: all)")

    def handle(self, *args, start, end, **options):
        first, last = _day(start), _day(end)
        if first and last and first > last:
            raise CommandError("--start is after --end")
        run = rebuild_aggregates(first, last)
        span = f"{first or '…'} – {last or '…'}"
        self.stdout.write(f"每日汇总已重算（{span}）：{run.rows} 行，事件至 #{run.events_to}")
