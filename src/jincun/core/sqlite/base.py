"""Django's SQLite backend with writers queued on a lock file instead of SQLite's busy-wait.

SQLite lets one writer in at a time; the others retry on `busy_timeout`, sleeping up to 100 ms between tries
and with no order, so under load the lock sits idle between writers and an unlucky batch waits seconds (a
scan batch's p95 was ten times its median). Each write transaction (`BEGIN IMMEDIATE`) here first takes an
exclusive `flock` on `<database>.writelock`: waiters sleep in the kernel and one is woken the moment the
lock is free. Reads never take it; in-memory databases (tests) have no file and skip it.
"""

from __future__ import annotations

import fcntl
import os

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    _lock_fd: int | None = None

    def _lock_path(self) -> str | None:
        if self.is_in_memory_db():
            return None
        return f"{self.settings_dict['NAME']}.writelock"

    def _take_write_lock(self) -> None:
        path = self._lock_path()
        if path is None or self._lock_fd is not None:
            return
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            os.close(fd)
            raise
        self._lock_fd = fd

    def _release_write_lock(self) -> None:
        fd, self._lock_fd = self._lock_fd, None
        if fd is not None:
            os.close(fd)  # closing the descriptor releases the flock

    def _start_transaction_under_autocommit(self):
        self._take_write_lock()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_write_lock()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._release_write_lock()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._release_write_lock()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._release_write_lock()
