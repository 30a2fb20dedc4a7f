"""The shared cache's table (settings.CACHES, the database backend): made by `migrate`, so every web and job
worker counts the villager lookup's limit in one place from the first start."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_user_role_accountant")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
