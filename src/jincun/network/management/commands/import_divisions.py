from django.core.management.base import BaseCommand, CommandError
from rich.progress import Progress

from jincun.core.imports import TableError, read_table, require_columns
from jincun.network.services.divisions import VILLAGE_COLUMNS, import_divisions


class Command(BaseCommand):
    help = (
        "Load a county's divisions from CSV/XLSX (columns code,name,town_code,town_name[,lat,lon,unit_type])."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--county-name", help="name of the county, if it is new")

    def handle(self, *args, file, county_name, **options):
        try:
            rows = list(read_table(file))
            if rows:
                require_columns(rows[0][1], VILLAGE_COLUMNS)
        except (OSError, TableError) as exc:
            raise CommandError(f"cannot read {file}: {exc}") from exc
        with Progress(transient=True) as progress:
            task = progress.add_task("导入区划", total=len(rows))
            report = import_divisions(progress.track(rows, task_id=task), county_name=county_name)
        for error in report.errors:
            self.stderr.write(str(error))
        self.stdout.write(report.summary())
        if report.errors and not report.rows_accepted:
            raise CommandError("no row could be loaded")
