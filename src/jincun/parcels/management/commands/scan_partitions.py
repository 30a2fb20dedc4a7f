from django.core.management.base import BaseCommand

from jincun.parcels import partitions


class Command(BaseCommand):
    help = "Make the scan events' month partitions ahead and move rows out of the default (PostgreSQL)."

    def add_arguments(self, parser):
        parser.add_argument("--ahead", type=int, default=partitions.AHEAD, help="months after this one")

    def handle(self, *args, ahead, **options):
        made = partitions.ensure_partitions(ahead=ahead)
        listed = partitions.partitions()
        if not listed:
            self.stdout.write("SQLite：扫描事件不分区，无需处理")
            return
        self.stdout.write(f"新建分区 {len(made)} 个：{', '.join(made) or '无'}；现有 {len(listed)} 个，")
        self.stdout.write(f"默认分区剩余 {partitions.default_rows()} 行")
