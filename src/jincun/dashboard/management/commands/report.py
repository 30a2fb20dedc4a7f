from django.core.management.base import BaseCommand, CommandError

from jincun.dashboard.reports.make import make_report, request_report


class Command(BaseCommand):
    help = "Write the leadership group's monthly or yearly report (PDF or XLSX) and print where it is."

    def add_arguments(self, parser):
        when = parser.add_mutually_exclusive_group(required=True)
        when.add_argument("--month", help="YYYY-MM")
        when.add_argument("--year", help="YYYY")
        parser.add_argument("--format", dest="fmt", choices=["pdf", "xlsx"], default="pdf")

    def handle(self, *args, month, year, fmt, **options):
        try:
            report = request_report(month or year, fmt)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        report = make_report(report)
        self.stdout.write(f"{report.number}: {report.file}")
