from django.core.management.base import BaseCommand, CommandError

from jincun.addressing.sort_plan import import_brand_sort_codes
from jincun.core.imports import TableError, read_table


class Command(BaseCommand):
    help = (
        "Import brand sort codes (三段码/大头笔 patterns → our nodes) from CSV/XLSX: "
        "brand,segment,pattern,target[,priority,note]; target = station or town node code."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            report = import_brand_sort_codes(read_table(file))
        except (OSError, TableError) as exc:
            raise CommandError(f"cannot read {file}: {exc}") from exc
        for error in report.errors:
            self.stderr.write(str(error))
        self.stdout.write(report.summary())
        if report.errors and not report.rows_accepted:
            raise CommandError("no sort code could be imported")
