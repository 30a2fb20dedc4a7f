import signal
import subprocess
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Serve the web pages and API (gunicorn), with a background worker unless --no-worker."

    def add_arguments(self, parser):
        parser.add_argument(
            "--bind",
            default=settings.JINCUN["BIND"],
            help="host:port to listen on (default: $JINCUN_BIND or 127.0.0.1:8000)",
        )
        parser.add_argument("--workers", type=int, default=2, help="web worker processes")
        parser.add_argument("--no-worker", action="store_true", help="do not start the background job worker")

    def handle(self, *args, bind, workers, no_worker, **options):
        # SIGTERM (kill, systemd, a supervisor) must stop the children too, like Ctrl-C does.
        signal.signal(signal.SIGTERM, _interrupt)
        jincun = [sys.executable, "-m", "jincun.cli"]
        children = []
        if not no_worker:
            children.append(subprocess.Popen([*jincun, "worker"]))
        web = [
            sys.executable, "-m", "gunicorn", "jincun.wsgi:application",
            "--bind", bind, "--workers", str(workers), "--threads", "4",
            "--access-logfile", "-", "--timeout", "120",
            "--no-control-socket",  # else every server on the machine shares ~/.gunicorn/gunicorn.ctl
        ]  # fmt: skip
        self.stdout.write(f"进村 Jincun serving on http://{bind}/  (data: {settings.DATA_DIR})")
        server = subprocess.Popen(web)
        children.append(server)
        try:
            code = server.wait()
        except KeyboardInterrupt:
            code = 0
        finally:
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)
            for child in children:
                try:
                    child.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    child.kill()
        if code not in (0, -signal.SIGTERM):
            raise CommandError(f"web server stopped with exit code {code} (is {bind} already in use?)")


def _interrupt(signum, frame):
    raise KeyboardInterrupt
