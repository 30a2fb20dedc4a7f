from django.core.management import call_command
from django.core.management.base import BaseCommand

from jincun.core import periodic
from jincun.core.worker_health import start_beating


class Command(BaseCommand):
    help = "Run background jobs (django-tasks database worker): webhooks, SMS, reports, the periodic jobs."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="run the jobs waiting now, then exit")
        parser.add_argument("--interval", type=float, default=1.0, help="seconds between polls")

    def handle(self, *args, batch, interval, **options):
        extra = ["--batch"] if batch else []
        if not batch:  # the periodic chains (evening plan, aggregates, compliance sweep): one run queued each
            queued = [name for name, new in periodic.start_all().items() if new]
            if queued:
                self.stdout.write("queued periodic jobs: " + ", ".join(queued))
        # A standing worker's heartbeat says it is alive (/healthz, the job page); it stops when it dies.
        heartbeat = None if batch else start_beating()
        try:
            # No autoreload: its watching parent dies on SIGTERM and leaves the real worker running as an orphan.
            call_command("db_worker", "--interval", str(interval), "--no-reload", *extra)
        finally:
            if heartbeat is not None:
                heartbeat.stop()
