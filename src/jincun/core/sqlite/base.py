"""Django's SQLite backend with writers queued on a lock file instead of SQLite's busy-wait.

SQLite lets one writer in at a time; the others retry on `busy_timeout`, sleeping up to 100 ms between tries
and with no order, so under load the lock sits idle between writers and an unlucky batch waits seconds (a
scan batch's p95 was ten times its median). Each write transaction (`BEGIN IMMEDIATE`) here first takes an
exclusive `flock` on `<database>.writelock`: waiters sleep in the kernel and one is woken the moment the
lock is free. Reads never take it; in-memory databases (tests) have no file and skip it.

A waiter gives up after the connection's `timeout` option (as SQLite's own busy wait would) with SQLite's
"database is locked" error, so one stuck writer cannot hang every request and the job worker forever. `flock`
has no timeout of its own: the blocking wait runs in a short-lived thread that the waiter can abandon (the
thread then lets the lock go the moment it gets it).
"""

from __future__ import annotations

import fcntl
import os
import threading

from django.db.backends.sqlite3 import base

DEFAULT_TIMEOUT = 5.0  # seconds; Python's sqlite3 default when the settings give none


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
            got = _flock(fd, float(self.settings_dict["OPTIONS"].get("timeout", DEFAULT_TIMEOUT)))
        except BaseException:
            os.close(fd)
            raise
        if not got:  # `_flock` has closed the descriptor (or its waiter will, on getting the lock)
            with self.wrap_database_errors:  # Django's OperationalError, as SQLite's own busy timeout gives
                raise base.Database.OperationalError("database is locked")
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


def _flock(fd: int, timeout: float) -> bool:
    """Take the exclusive lock on `fd` within `timeout` seconds. On False the descriptor is no longer the
    caller's: it is closed now, or by the waiter thread as soon as that thread gets the lock."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True  # nobody writing: the usual case, no thread
    except BlockingIOError:
        pass
    got, state = threading.Event(), {"abandoned": False}
    guard = threading.Lock()

    def wait():
        fcntl.flock(fd, fcntl.LOCK_EX)
        with guard:
            if state["abandoned"]:
                os.close(fd)  # the waiter left: let the next writer in at once
                return
            got.set()

    threading.Thread(target=wait, name="sqlite-write-lock", daemon=True).start()
    if got.wait(timeout):
        return True
    with guard:
        if got.is_set():
            return True  # got it just as the time ran out
        state["abandoned"] = True
    return False
