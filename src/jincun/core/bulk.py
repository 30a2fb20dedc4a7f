"""`insert_rows`: `bulk_create` for the hot batch paths without Django's per-value SQL compiling.

Django's bulk insert compiles every value of every row through the SQL compiler (most of a day's batch time in
the simulator's profile). Here each value is prepared by its field (`pre_save` then `get_db_prep_save`, as the
compiler does, so `auto_now_add` and the backends' adapters apply) and the rows go as one multi-row
`INSERT … RETURNING id` per chunk (COPY on PostgreSQL, ids from the sequence first; inside a transaction on
SQLite, one executemany with the ids from the table's counter). The objects get their ids and are marked saved, as `bulk_create` leaves them.
No signals, as `bulk_create`. Models with parents or without RETURNING support take `bulk_create`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import connection, models
from django.db.models.fields import AutoFieldMixin
from django.utils import timezone

MAX_PARAMS = 30_000  # below SQLite's 32,766 and PostgreSQL's 65,535 bind parameters


# Django's own field classes (exactly: a subclass may prepare its values its own way) whose prepared value is
# the attribute itself for these Python types; any other value goes the field's way.
PLAIN = {
    models.CharField: (str,), models.TextField: (str,), models.SlugField: (str,), models.EmailField: (str,),
    models.IntegerField: (int,), models.BigIntegerField: (int,), models.SmallIntegerField: (int,),
    models.PositiveIntegerField: (int,), models.PositiveSmallIntegerField: (int,),
    models.PositiveBigIntegerField: (int,), models.BooleanField: (bool,),
}  # fmt: skip
# A foreign key's value is prepared as its target key's: an int for an auto id, a str for a code key.
KEY_KINDS = {models.AutoField: (int,), models.BigAutoField: (int,), models.CharField: (str,)}


def _preparer(field, conn):
    """The value to bind for `field` of an object: `get_db_prep_save(pre_save(obj, True))`, short-cut for
    plain values (None, a str for a char field, an aware datetime for a date-time field without auto_now)."""
    name, slow = field.attname, lambda obj: field.get_db_prep_save(field.pre_save(obj, True), conn)
    if type(field) is models.DateTimeField and (field.auto_now or field.auto_now_add):
        adapt = conn.ops.adapt_datetimefield_value

        def stamp(obj):  # what `pre_save(obj, add=True)` does (USE_TZ: an aware now), without the checks
            value = timezone.now()
            setattr(obj, name, value)
            return adapt(value)

        return stamp if settings.USE_TZ else slow
    if type(field) is models.DateField and not (field.auto_now or field.auto_now_add):
        adapt_date = conn.ops.adapt_datefield_value

        def prep_date(obj):
            value = getattr(obj, name)
            return adapt_date(value) if value is None or type(value) is dt.date else slow(obj)

        return prep_date
    if type(field) is models.DateTimeField:
        adapt = conn.ops.adapt_datetimefield_value

        def prep(obj):
            value = getattr(obj, name)
            if value is None or (type(value) is dt.datetime and value.tzinfo is not None):
                return adapt(value)
            return slow(obj)

        return prep
    kinds = PLAIN.get(type(field))
    if type(field) in (models.ForeignKey, models.OneToOneField):  # the target's plain type: its key's
        kinds = KEY_KINDS.get(type(field.target_field))
    if kinds is None:
        return slow

    def prep(obj):
        value = getattr(obj, name)
        return value if value is None or type(value) in kinds else slow(obj)

    return prep


def insert_rows(objs, chunk: int = 500) -> list:
    objs = list(objs)
    if not objs:
        return objs
    model = type(objs[0])
    opts = model._meta
    if opts.parents or not connection.features.can_return_rows_from_bulk_insert:
        return model._default_manager.bulk_create(objs, batch_size=chunk)
    auto_pk = isinstance(opts.pk, AutoFieldMixin)
    fields = [
        f
        for f in opts.concrete_fields
        if not getattr(f, "generated", False) and not (auto_pk and f.primary_key)
    ]
    for obj in objs:
        obj._prepare_related_fields_for_save(operation_name="bulk_create")
        if not auto_pk and obj.pk is None:
            obj.pk = opts.pk.get_pk_value_on_save(obj)
    qn = connection.ops.quote_name
    head = f"INSERT INTO {qn(opts.db_table)} ({', '.join(qn(f.column) for f in fields)}) VALUES "
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    chunk = max(1, min(chunk, MAX_PARAMS // max(1, len(fields))))
    tail = f" RETURNING {qn(opts.pk.column)}" if auto_pk else ""
    preps = [_preparer(f, connection) for f in fields]
    if auto_pk and connection.vendor == "postgresql":
        _copy(objs, opts, fields, preps)
        return objs
    if auto_pk and connection.vendor == "sqlite" and connection.in_atomic_block:
        _execute_many(objs, opts, fields, preps)
        return objs
    for start in range(0, len(objs), chunk):
        part = objs[start : start + chunk]
        params = [prep(obj) for obj in part for prep in preps]
        with connection.cursor() as cur:
            cur.execute(head + ", ".join([row] * len(part)) + tail, params)
            if auto_pk:
                for obj, (pk,) in zip(part, cur.fetchall(), strict=True):
                    obj.pk = pk
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias
    return objs


def _execute_many(objs, opts, fields, preps) -> None:
    """SQLite inside a transaction: the ids follow the table's AUTOINCREMENT counter, taken here (the
    transaction holds the database's only write lock from BEGIN IMMEDIATE), then one prepared INSERT through
    executemany. A multi-row INSERT … RETURNING had Django rewrite thousands of placeholders per chunk."""
    qn = connection.ops.quote_name
    table, pk = opts.db_table, opts.pk.column
    with connection.cursor() as cur:
        first = sqlite_next_id(cur, table, pk)
        params = []
        for n, obj in enumerate(objs, start=first):
            obj.pk = n
            params.append((n, *(prep(obj) for prep in preps)))
        columns = ", ".join(qn(c) for c in [pk, *(f.column for f in fields)])
        marks = ", ".join(["%s"] * (len(fields) + 1))
        cur.executemany(f"INSERT INTO {qn(table)} ({columns}) VALUES ({marks})", params)
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias


def sqlite_next_id(cur, table: str, pk: str = "id") -> int:
    """The id SQLite's AUTOINCREMENT gives the next row of `table` (call holding the write lock)."""
    qn = connection.ops.quote_name
    cur.execute(
        "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
        f"coalesce((SELECT max({qn(pk)}) FROM {qn(table)}), 0))",
        [table],
    )
    return cur.fetchone()[0] + 1


def _copy(objs, opts, fields, preps) -> None:
    """PostgreSQL: ids from the table's sequence (one round trip), then COPY. A multi-row INSERT of thousands of
    placeholders is parsed client-side by psycopg on every chunk (uncached above 4 KB of SQL)."""
    table, pk = opts.db_table, opts.pk.column
    with connection.cursor() as cur:
        cur.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, pk, len(objs)],
        )
        for obj, (value,) in zip(objs, cur.fetchall(), strict=True):
            obj.pk = value
        qn = connection.ops.quote_name
        sql = f"COPY {qn(table)} ({qn(pk)}, {', '.join(qn(f.column) for f in fields)}) FROM STDIN"
        with connection.wrap_database_errors, cur.cursor.copy(sql) as copy:  # IntegrityError, as an INSERT
            for obj in objs:
                copy.write_row([obj.pk, *(prep(obj) for prep in preps)])
    for obj in objs:
        obj._state.adding, obj._state.db = False, connection.alias


def share_related(objs, name: str, objects) -> None:
    """Cache on each of `objs` its `name` foreign key's object from `objects` (key → instance), as
    `select_related` caches it, so that many rows pointing to one object share one instance instead of a
    joined copy each. A key missing from `objects` is left to load lazily; a null key caches None."""
    if not objs:
        return
    field = type(objs[0])._meta.get_field(name)
    for obj in objs:
        key = getattr(obj, field.attname)
        if key is None or key in objects:
            field.set_cached_value(obj, objects.get(key))
