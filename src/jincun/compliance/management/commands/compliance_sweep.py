from django.core.management.base import BaseCommand

from jincun.compliance.tasks import run_sweep


class Command(BaseCommand):
    help = "Flag stations whose video heartbeat is too old or whose 备案 is overdue; escalate overdue complaints."

    def handle(self, *args, **options):
        r = run_sweep()
        self.stdout.write(
            f"检查站点 {r['checked']} 个：新增视频离线 {r['video_offline']}，新增逾期未备案 {r['filing_overdue']}，"
            f"投诉升级 {r['escalated']} 件"
        )
