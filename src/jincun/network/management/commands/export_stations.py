import io

from django.core.management.base import BaseCommand, CommandError

from jincun.core.exports import safe_writer
from jincun.network.choices import AreaLevel
from jincun.network.models import AdminArea
from jincun.network.queries import station_rows
from jincun.network.station_columns import COLUMNS


class Command(BaseCommand):
    help = "Write every station as CSV in the import columns (re-importable with `jincun import-stations`)."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="output CSV (default: standard output)")
        parser.add_argument("--town", help="only this town (9- or 12-digit code)")

    def handle(self, *args, file, town, **options):
        if town and not AdminArea.objects.filter(level=AreaLevel.TOWN, code=town[:9].ljust(12, "0")).exists():
            raise CommandError(f"no town with code {town!r} (give its 9- or 12-digit code)")
        buffer = io.StringIO()
        writer = safe_writer(buffer)
        writer.writerow([c for c, _, _ in COLUMNS])
        count = 0
        for row in station_rows(town_code=town):
            writer.writerow([row[c] for c, _, _ in COLUMNS])
            count += 1
        if not file:
            self.stdout.write(buffer.getvalue(), ending="")
            return
        try:
            with open(file, "w", encoding="utf-8-sig", newline="") as out:
                out.write(buffer.getvalue())
        except OSError as exc:
            raise CommandError(f"cannot write {file}: {exc}") from exc
        self.stdout.write(f"{count} stations written to {file}")
