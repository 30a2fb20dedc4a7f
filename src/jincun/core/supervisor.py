"""`serve` keeps its job worker running: a worker that dies is logged and started again, after a delay that
doubles while it keeps dying (1 s, 2 s, 4 s … at most a minute) and resets once it has run a while."""

from __future__ import annotations

import logging
import subprocess
import time
from collections.abc import Callable

logger = logging.getLogger("jincun.serve")


class Supervised:
    """One child process started by `start()` (a callable returning a `subprocess.Popen`), restarted by
    `check()` when it has died. `on_death(exit_code, restarts, delay)` is told of every death."""

    def __init__(
        self,
        name: str,
        start: Callable[[], subprocess.Popen],
        *,
        first_delay: float = 1.0,
        max_delay: float = 60.0,
        steady_after: float = 60.0,
        on_death: Callable[[int | None, int, float], None] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.name, self._start, self._clock = name, start, clock
        self.first_delay, self.max_delay, self.steady_after = first_delay, max_delay, steady_after
        self.on_death = on_death
        self.restarts = 0
        self.delay = first_delay
        self.process: subprocess.Popen | None = None
        self._started_at = 0.0
        self._restart_at: float | None = None

    def start(self) -> None:
        self.process = self._start()
        self._started_at = self._clock()
        self._restart_at = None

    def check(self) -> None:
        """Call often: notices a death (schedules the restart) and restarts when the delay has passed."""
        now = self._clock()
        if self._restart_at is not None:
            if now >= self._restart_at:
                self.restarts += 1
                logger.warning("%s: restarting (restart %d)", self.name, self.restarts)
                self.start()
            return
        if self.process is None or self.process.poll() is None:
            return
        code = self.process.returncode
        if now - self._started_at >= self.steady_after:
            self.delay = self.first_delay  # it ran fine for a while: this death is not part of a crash loop
        logger.error("%s died (exit code %s); restarting in %.0f s", self.name, code, self.delay)
        if self.on_death is not None:
            self.on_death(code, self.restarts + 1, self.delay)
        self._restart_at = now + self.delay
        self.delay = min(self.delay * 2, self.max_delay)

    def stop(self, timeout: float = 10) -> None:
        self._restart_at = None
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
