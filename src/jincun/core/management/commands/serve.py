import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jincun.core.supervisor import Supervised
from jincun.core.worker_health import record_restart

POLL_SECONDS = 0.5


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
        worker = None
        if not no_worker:
            # The job worker is restarted whenever it dies (a locked database, a crash): `serve` goes on with
            # webhooks, SMS and evening jobs, and /healthz and the job page show the deaths.
            worker = Supervised("job worker", lambda: subprocess.Popen([*jincun, "worker"]),
                                on_death=record_restart)  # fmt: skip
            worker.start()
        web = [
            sys.executable, "-m", "gunicorn", "jincun.wsgi:application",
            "--bind", bind, "--workers", str(workers), "--threads", "4",
            "--access-logfile", "-", "--timeout", "120",
            "--no-control-socket",  # else every server on the machine shares ~/.gunicorn/gunicorn.ctl
        ]  # fmt: skip
        # Static files are served from the apps and node_modules (WHITENOISE_USE_FINDERS) unless collected;
        # an empty STATIC_ROOT keeps whitenoise from warning in every web worker that it is missing.
        settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
        self.stdout.write(f"进村 Jincun serving on http://{bind}/  (data: {settings.DATA_DIR})")
        # gunicorn restarts its own workers; a dead gunicorn (killed, out of memory) is restarted here.
        server = Supervised("web server", lambda: subprocess.Popen(web))
        server.start()
        try:
            code = watch(server, worker)
        except KeyboardInterrupt:
            code = 0
        finally:
            server.stop()
            if worker is not None:
                worker.stop()
        if code not in (0, -signal.SIGTERM):
            raise CommandError(f"web server stopped with exit code {code} (is {bind} already in use?)")


def watch(
    server: Supervised, worker: Supervised | None, poll: float = POLL_SECONDS, startup: float = 5.0
) -> int:
    """Keep the web server and the job worker alive; return the web server's exit code when serving should
    end: it exited 0 (asked to stop), or it died within `startup` seconds of its first start (a taken port,
    a bad setting: restarting would only repeat it)."""
    began = time.monotonic()
    while True:
        process = server.process
        code = process.poll() if process is not None else None
        if code is not None and server.restarts == 0 and time.monotonic() - began < startup:
            return code
        if code == 0:
            return code
        server.check()
        if worker is not None:
            worker.check()
        time.sleep(poll)


def _interrupt(signum, frame):
    raise KeyboardInterrupt
