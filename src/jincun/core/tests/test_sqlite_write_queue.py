"""SQLite writers queue on a lock file (core/sqlite): the second writer waits for the first in the kernel and
gets in as soon as the first commits — even with SQLite's own busy_timeout at 0, which would refuse it."""

import threading
import time

import pytest
from django.db.utils import ConnectionHandler


@pytest.fixture
def handler(tmp_path, django_db_blocker):
    with django_db_blocker.unblock():  # its own file database, not the test database
        path = tmp_path / "queue.sqlite3"
        options = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=0;",
            "transaction_mode": "IMMEDIATE",
        }
        connections = ConnectionHandler(
            {
                name: {"ENGINE": "jincun.core.sqlite", "NAME": str(path), "OPTIONS": options}
                for name in ("default", "b")
            }
        )
        with connections["default"].cursor() as cur:
            cur.execute("CREATE TABLE t (n integer)")
        yield connections
        for name in ("default", "b"):
            connections[name].close()


def _write(connection, n):
    connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    with connection.cursor() as cur:
        cur.execute("INSERT INTO t VALUES (%s)", [n])


def _commit(connection):
    connection.commit()
    connection.set_autocommit(True)


def test_a_second_writer_waits_for_the_first_instead_of_failing(handler):
    first, second = handler["default"], handler["b"]
    _write(first, 1)
    done = threading.Event()
    errors = []

    def other():
        try:
            _write(second, 2)
            _commit(second)
        except Exception as exc:  # noqa: BLE001 — the test reports it
            errors.append(exc)
        finally:
            done.set()
            second.close()  # this thread's use of the connection ends here

    second.inc_thread_sharing()
    thread = threading.Thread(target=other)
    thread.start()
    assert not done.wait(0.3), "the second writer got in while the first held the lock"
    began = time.monotonic()
    _commit(first)
    assert done.wait(5)
    thread.join()
    assert not errors, errors
    assert time.monotonic() - began < 1.0
    with first.cursor() as cur:
        cur.execute("SELECT n FROM t ORDER BY n")
        assert [r[0] for r in cur.fetchall()] == [1, 2]


def test_a_rolled_back_or_closed_writer_frees_the_queue(handler):
    first, second = handler["default"], handler["b"]
    _write(first, 1)
    first.rollback()
    first.set_autocommit(True)
    _write(second, 2)
    second.close()  # a connection closed mid-transaction lets the next writer in
    _write(first, 3)
    _commit(first)
    with first.cursor() as cur:
        cur.execute("SELECT n FROM t")
        assert [r[0] for r in cur.fetchall()] == [3]


def test_the_embedded_database_syncs_every_commit(tmp_path, django_db_blocker, settings):
    """synchronous=FULL with WAL: a scan the API acknowledged survives a power cut (NORMAL may lose it)."""
    default = settings.DATABASES["default"]
    if default["ENGINE"] != "jincun.core.sqlite":
        pytest.skip("PostgreSQL: durability is the server's fsync setting")
    with django_db_blocker.unblock():
        connections = ConnectionHandler(
            {"default": {**default, "NAME": str(tmp_path / "sync.sqlite3"), "TEST": {}}}
        )
        with connections["default"].cursor() as cur:
            cur.execute("PRAGMA synchronous")
            level = cur.fetchone()[0]
            cur.execute("PRAGMA journal_mode")
            mode = cur.fetchone()[0]
        connections["default"].close()
    assert (level, mode) == (2, "wal")  # 2 = FULL


def test_a_writer_waiting_longer_than_the_timeout_is_refused_and_the_queue_goes_on(
    tmp_path, django_db_blocker
):
    """A stuck writer must not hang everyone: the waiter gets SQLite's "database is locked" after the
    connection's timeout, and the lock is free for the next writer once the stuck one commits."""
    from django.db import OperationalError

    with django_db_blocker.unblock():
        path = tmp_path / "timeout.sqlite3"
        options = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=0;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 0.3,
        }
        connections = ConnectionHandler(
            {
                name: {"ENGINE": "jincun.core.sqlite", "NAME": str(path), "OPTIONS": options}
                for name in ("default", "b")
            }
        )
        first, second = connections["default"], connections["b"]
        with first.cursor() as cur:
            cur.execute("CREATE TABLE t (n integer)")
        _write(first, 1)
        began = time.monotonic()
        with pytest.raises(OperationalError, match="database is locked"):
            _write(second, 2)
        waited = time.monotonic() - began
        second.set_autocommit(True)
        _commit(first)
        _write(second, 3)  # the abandoned waiter let go of the lock it got after the commit
        _commit(second)
        with first.cursor() as cur:
            cur.execute("SELECT n FROM t ORDER BY n")
            assert [r[0] for r in cur.fetchall()] == [1, 3]
        first.close()
        second.close()
    assert 0.25 <= waited < 2
