"""Drop the indexes of the parcels and scan events that no query needs (issue 10: scan ingest's database time).

Every index of `parcels_parcel` is written again on each state change (the state is indexed, so no update is
HOT), and every index of `parcels_scanevent` on each event: a batch of 1,000 scans pays for each one 1,000 times.
Gone, each covered by another index or read by no query (docs/benchmarks.md, "Scan ingest: where the database
time goes"):

- single-column indexes that are the first column of a composite one: the parcel's `brand_id`
  (`parcel_brand_waybill`), `station_id` (`parcel_station_state`), the scan event's `parcel_id`
  (`scan_parcel_id`). Model state: `db_index=False` on the three foreign keys; the database side is a plain
  `DROP INDEX`, so SQLite does not rebuild the tables (its `AlterField` would copy them).
- on PostgreSQL, the `varchar_pattern_ops` twins Django adds for `LIKE 'x%'` on indexed text columns: no query
  filters parcels by a prefix of state, waybill, pickup code, phone or village (the phone tail is a suffix, which
  no btree serves), and the scan events' idempotency keys are looked up in `parcels_scanidem` (0010).
"""

from django.db import migrations, models

COVERED = [  # (index, table, column): the same names on both databases
    ("parcels_parcel_brand_id_7b0958ea", "parcels_parcel", "brand_id"),
    ("parcels_parcel_station_id_f07d5208", "parcels_parcel", "station_id"),
    ("parcels_scanevent_parcel_id_8e4e4bdf", "parcels_scanevent", "parcel_id"),
]
PATTERN_OPS = [  # PostgreSQL only
    ("parcels_parcel_state_5ebdaf11_like", "parcels_parcel", "state"),
    ("parcels_parcel_waybill_89684f66_like", "parcels_parcel", "waybill"),
    ("parcels_parcel_pickup_code_64bc9c44_like", "parcels_parcel", "pickup_code"),
    ("parcels_parcel_recipient_phone_0a701146_like", "parcels_parcel", "recipient_phone"),
    ("parcels_parcel_village_id_46d00d99_like", "parcels_parcel", "village_id"),
    ("parcels_scanevent_idem_key_67528423_like", "parcels_scanevent", "idem_key"),
]


def _run(schema_editor, statements):
    for sql in statements:
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    names = COVERED + (PATTERN_OPS if schema_editor.connection.vendor == "postgresql" else [])
    _run(schema_editor, [f'DROP INDEX IF EXISTS "{name}"' for name, _, _ in names])


def restore(apps, schema_editor):
    made = [f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("{column}")' for name, table, column in COVERED]
    if schema_editor.connection.vendor == "postgresql":
        made += [
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("{column}" varchar_pattern_ops)'
            for name, table, column in PATTERN_OPS
        ]
    _run(schema_editor, made)


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
        ("parcels", "0012_drop_project_tag"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="parcel",
                    name="brand",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=models.deletion.PROTECT,
                        related_name="parcels",
                        to="network.brand",
                    ),
                ),
                migrations.AlterField(
                    model_name="parcel",
                    name="station",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=models.deletion.PROTECT,
                        related_name="parcels",
                        to="network.station",
                    ),
                ),
                migrations.AlterField(
                    model_name="scanevent",
                    name="parcel",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=models.deletion.CASCADE,
                        related_name="events",
                        to="parcels.parcel",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(drop, restore, elidable=False)],
        )
    ]
