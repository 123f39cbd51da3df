"""The table of the sign-in throttle's cache ("mitra_throttle", CACHES["throttle"] without
REDIS_URL), apart from the page cache so culling pages never drops a lock. Created here so
every database has it (as 0002 does for "mitra_cache")."""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "mitra_throttle"


def create(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0002_cache_table")]

    operations = [migrations.RunPython(create, drop)]
