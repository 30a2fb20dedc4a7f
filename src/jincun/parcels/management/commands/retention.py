from django.core.management.base import BaseCommand

from jincun.parcels.services import run_retention, send_queued


class Command(BaseCommand):
    help = "Remind villagers of parcels waiting at stations and mark overdue ones for return (idempotent)."

    def handle(self, *args, **options):
        report = run_retention()
        sent = send_queued()
        self.stdout.write(
            f"检查 {report.checked} 件，提醒 {report.reminded} 件，超期待退 {report.overdue} 件，发送短信 {sent} 条"
        )
