from django.core.management.base import BaseCommand

from jincun.api import webhooks


class Command(BaseCommand):
    help = "Send every webhook delivery whose retry time has come (run it every minute from cron or a loop)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="at most this many deliveries per run")

    def handle(self, *args, limit, **options):
        sent = webhooks.retry_due(limit=limit)
        self.stdout.write(f"attempted {sent} due webhook deliveries")
