from django.core.management.base import BaseCommand

from jincun.parcels.services import run_retention, send_queued
from jincun.parcels.services.purge import purge_after_days, purge_personal_data


class Command(BaseCommand):
    help = (
        "Remind villagers of parcels waiting at stations, mark overdue ones for return, and purge signed"
        " parcels' personal data after JINCUN_PURGE_AFTER_DAYS (idempotent)."
    )

    def handle(self, *args, **options):
        report = run_retention()
        sent = send_queued()
        purge = purge_personal_data(trigger="cli")
        self.stdout.write(
            f"清除签收超过 {purge_after_days()} 天的快件个人信息 {purge.parcels if purge else 0} 件"
        )
        self.stdout.write(
            f"检查 {report.checked} 件，提醒 {report.reminded} 件，超期待退 {report.overdue} 件，发送短信 {sent} 条"
        )
