"""The history generator on two cores: a forked process draws the days while this one writes them.

Drawing a day (the parcels, their walk, every row as a tuple) costs about twice what SQLite spends storing
it, and both were on one core; now the child draws day d+1 while the parent writes day d. The child only
reads (the network, the day's agreements and projects; on PostgreSQL `nextval` for ids), the parent does
every write, so the write lock and the services' counters stay in one process. The queue holds at most
`AHEAD` drawn days, so memory stays flat in the days however far the writer falls behind.

The child reads on a connection of its own: the parent's is left untouched in it (never closed, whose
goodbye on a shared PostgreSQL socket would end the parent's session), except an in-memory SQLite database
(tests), which has no file to open again and whose forked copy already holds what the child reads.
"""

from __future__ import annotations

import multiprocessing
import queue
import traceback

from django.db import connections

AHEAD = 2  # drawn days waiting for the writer, at most
_inherited: list = []  # the parent's connections as the child inherited them: kept, never closed


def drawn_aside(draw, days):
    """(day, draw(day)) for each day, in order, drawn in a forked child; the child's error is raised here."""
    ctx = multiprocessing.get_context("fork")
    box = ctx.Queue(maxsize=AHEAD)
    child = ctx.Process(target=_draw_all, args=(draw, days, box), daemon=True)
    child.start()
    try:
        for day in days:
            kind, value = _next(box, child)
            if kind == "error":
                raise RuntimeError(f"drawing the history failed in the drawing process:\n{value}")
            yield day, value
    finally:
        if child.is_alive():
            child.terminate()
        child.join()
        box.close()


def _next(box, child):
    while True:
        try:
            return box.get(timeout=1)
        except queue.Empty:
            if not child.is_alive():
                raise RuntimeError(f"the drawing process ended early (exit code {child.exitcode})") from None


def _draw_all(draw, days, box) -> None:
    _own_connections()
    try:
        for day in days:
            box.put(("day", draw(day)))
    except BaseException:
        box.put(("error", traceback.format_exc()))
    finally:
        for conn in connections.all(initialized_only=True):
            if conn.connection is not None and not (conn.vendor == "sqlite" and conn.is_in_memory_db()):
                conn.close()  # the child's own


def _own_connections() -> None:
    for conn in connections.all(initialized_only=True):
        if conn.connection is None or (conn.vendor == "sqlite" and conn.is_in_memory_db()):
            continue
        _inherited.append(conn.connection)
        conn.connection = None
