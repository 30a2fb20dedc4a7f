import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from jincun.api.evening import run_evening
from jincun.api.tasks import ensure_evening_chain


class Command(BaseCommand):
    help = "Run the evening chain (partitions, aggregates, retention, webhooks, routing) once for a day."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="local day (YYYY-MM-DD, default today)")
        parser.add_argument("--time-limit", type=float, default=30.0, help="route solver seconds")
        parser.add_argument("--schedule", action="store_true", help="also queue it for every evening")

    def handle(self, *args, date, time_limit, schedule, **options):
        try:
            day = dt.date.fromisoformat(date) if date else None
        except ValueError as exc:
            raise CommandError(f"not a date (YYYY-MM-DD): {date}") from exc
        for step, result in run_evening(day, time_limit=time_limit).items():
            state = "完成" if result["ran"] else "今日已运行，跳过"
            self.stdout.write(f"{step}: {state} {result['summary']}")
        if schedule:
            queued = ensure_evening_chain()
            self.stdout.write("已排入每晚任务" if queued else "每晚任务已在队列中")
