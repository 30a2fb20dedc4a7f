"""The history generator's rows written as plain tuples, no model instances: one prepared INSERT per table run
by `executemany` on SQLite, COPY with `write_row` on PostgreSQL.

A `Table` is a model's stored columns: the ones the generator fills, in its order, then every other stored
column with its field's default (prepared once), so a column added to the model later is written with its
default, never left NULL. Ids are handed out by the generator (`ids`), so events name their parcel and items
their list without reading anything back, and the rows can be drawn in another process than the one
writing them (`history_split`):

- SQLite: the ids after max(id) (and AUTOINCREMENT's `sqlite_sequence`) read once when the table is set up,
  then counted up by the generator; the writer checks, inside the day's write transaction (which holds the
  database's one write lock), that no other writer has taken any of them since (`check_free`), and stops
  the generation if one has, rather than write rows whose references would be wrong;
- PostgreSQL: `nextval` of the table's identity sequence, once per id, so a concurrent writer is never given
  one of them either.

Datetimes are stored the way Django stores them (SQLite: naive UTC text); the generator's times fall on a
few minutes a day, so their text is cached.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection


class Table:
    def __init__(self, model, columns: tuple[str, ...]):
        fields = {f.column: f for f in model._meta.concrete_fields if not f.generated}
        unknown = set(columns) - set(fields)
        assert not unknown, (model, unknown)
        rest = [c for c in fields if c not in columns]
        self.name = model._meta.db_table
        self.columns = (*columns, *rest)
        self.tail = tuple(fields[c].get_db_prep_save(fields[c].get_default(), connection) for c in rest)
        self.postgres = connection.vendor == "postgresql"
        self.next_id = None if self.postgres else self.top() + 1

    def top(self) -> int:
        """SQLite: the highest id taken, by a row or by AUTOINCREMENT's counter."""
        with connection.cursor() as cur:
            cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {self.name}")
            top = cur.fetchone()[0]
            cur.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [self.name])
            seq = cur.fetchone()
        return max(top, seq[0] if seq else 0)

    def ids(self, n: int):
        """`n` fresh ids for this table's rows (see the module's docstring)."""
        if n <= 0:
            return range(0)
        if self.postgres:
            with connection.cursor() as cur:
                cur.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [self.name, n],
                )
                return [row[0] for row in cur.fetchall()]
        first, self.next_id = self.next_id, self.next_id + n
        return range(first, first + n)

    def check_free(self, rows) -> None:
        """SQLite, inside the write transaction: the rows' ids (ascending, first column) are still free."""
        if rows and not self.postgres and (top := self.top()) >= rows[0][0]:
            raise RuntimeError(
                f"{self.name}: ids from {rows[0][0]} were taken by another writer (now up to {top}); "
                "generate the history while nothing else writes"
            )

    def write(self, rows) -> int:
        """Write the rows (tuples of the filled columns, any iterable); returns how many."""
        tail, count = self.tail, 0
        connection.ensure_connection()
        if self.postgres:
            sql = f"COPY {self.name} ({', '.join(self.columns)}) FROM STDIN"
            with connection.cursor() as cur, cur.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row + tail)
                    count += 1
            return count
        marks = ", ".join("?" * len(self.columns))
        sql = f"INSERT INTO {self.name} ({', '.join(self.columns)}) VALUES ({marks})"

        def full():
            nonlocal count
            for row in rows:
                count += 1
                yield row + tail

        connection.connection.executemany(sql, full())
        return count


class Times:
    """Datetimes as the database stores them: aware on PostgreSQL, Django's naive UTC text on SQLite."""

    def __init__(self):
        self.postgres = connection.vendor == "postgresql"
        self.cache: dict = {}

    def __call__(self, moment):
        if moment is None or self.postgres:
            return moment
        text = self.cache.get(moment)
        if text is None:
            text = self.cache[moment] = str(moment.astimezone(dt.UTC).replace(tzinfo=None))
        return text

    def day(self, day: dt.date):
        return day if self.postgres else day.isoformat()
