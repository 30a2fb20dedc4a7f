from django.core.management.base import BaseCommand, CommandError

from jincun.addressing.services import import_aliases
from jincun.core.imports import TableError, read_table


class Command(BaseCommand):
    help = (
        "Import place-name aliases from CSV/XLSX (columns alias,code[,source,note]; code = town or village)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        try:
            report = import_aliases(read_table(file))
        except (OSError, TableError) as exc:
            raise CommandError(f"cannot read {file}: {exc}") from exc
        for error in report.errors:
            self.stderr.write(str(error))
        self.stdout.write(report.summary())
        if report.errors and not report.rows_accepted:
            raise CommandError("no alias could be imported")
