from django.core.management.base import BaseCommand, CommandError
from rich.progress import Progress

from jincun.core.imports import TableError, read_table
from jincun.network.services.stations import import_stations
from jincun.network.station_columns import COLUMNS, require_station_columns


class Command(BaseCommand):
    help = "Load or update village stations from CSV/XLSX (upsert by station code; bad rows reported)."

    def add_arguments(self, parser):
        parser.add_argument(
            "file", help="CSV (UTF-8) or XLSX; columns: " + ", ".join(c for c, _, _ in COLUMNS)
        )
        parser.add_argument("--user", help="username recorded in the history as the one who imported")

    def handle(self, *args, file, user, **options):
        from jincun.core.models import User

        who = None
        if user:
            who = User.objects.filter(username=user).first()
            if who is None:
                raise CommandError(f"no user {user!r}")
        try:
            rows = list(read_table(file))
            require_station_columns(rows)
        except (OSError, TableError) as exc:
            raise CommandError(f"cannot read {file}: {exc}") from exc
        with Progress(transient=True) as progress:
            task = progress.add_task("导入站点", total=len(rows))
            report = import_stations(rows, user=who, progress=lambda: progress.advance(task))
        for error in report.errors:
            self.stderr.write(str(error))
        self.stdout.write(report.summary())
        if report.errors and not report.rows_accepted:
            raise CommandError("no row could be loaded")
