"""Run a function in several real processes against the test database, on SQLite and PostgreSQL.

SQLite's test database lives in memory, which a second process cannot see: it is copied to a file first
and the processes (and the checks after them) use that file. On PostgreSQL the processes share the test
database; the parent closes its connection before forking so no socket is shared.
"""

from __future__ import annotations

import multiprocessing
import sqlite3
import tempfile
from pathlib import Path

from django.db import connection, connections


def _child(fn, args, db_file, barrier, queue):
    conn = connections["default"]
    if db_file is not None:
        conn.settings_dict["NAME"] = db_file
        conn.connection = None
    else:
        conn.connection = None
    try:
        barrier.wait(timeout=30)
        queue.put(("ok", fn(*args)))
    except Exception as exc:  # reported to the parent test
        queue.put(("error", repr(exc)))
    finally:
        conn.close()


def run_in_processes(fn, args_list, timeout=60):
    """Start one process per args tuple at the same moment; returns (results, db_file or None)."""
    ctx = multiprocessing.get_context("fork")
    db_file = None
    if connection.vendor == "sqlite":
        db_file = str(Path(tempfile.mkdtemp()) / "race.sqlite3")
        connection.ensure_connection()
        target = sqlite3.connect(db_file)
        connection.connection.backup(target)
        target.execute("PRAGMA journal_mode=WAL")
        target.close()
    else:
        connections.close_all()
    barrier, queue = ctx.Barrier(len(args_list)), ctx.Queue()
    procs = [ctx.Process(target=_child, args=(fn, a, db_file, barrier, queue)) for a in args_list]
    for p in procs:
        p.start()
    results = [queue.get(timeout=timeout) for _ in procs]
    for p in procs:
        p.join(timeout=timeout)
    errors = [r for status, r in results if status == "error"]
    assert not errors, errors
    return [r for _, r in results], db_file


def count_rows(db_file, sql, params=()):
    """Run a count on the database the processes wrote to."""
    if db_file is None:
        with connection.cursor() as cur:
            cur.execute(sql.replace("?", "%s"), params)
            return cur.fetchone()[0]
    with sqlite3.connect(db_file) as db:
        return db.execute(sql, params).fetchone()[0]
