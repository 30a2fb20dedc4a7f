import sys

from django.core.management.base import BaseCommand, CommandError

from jincun.addressing.services import export_aliases


class Command(BaseCommand):
    help = "Export every place-name alias as CSV (alias,code,source,note,area_name,created_by,created_at)."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", default="-", help="file to write ('-' for standard output)")

    def handle(self, *args, output, **options):
        try:
            if output == "-":
                n = export_aliases(sys.stdout)
            else:
                with open(output, "w", encoding="utf-8", newline="") as f:
                    n = export_aliases(f)
        except OSError as exc:
            raise CommandError(f"cannot write {output}: {exc.strerror}") from exc
        self.stderr.write(f"{n} aliases")
