"""The table of the database cache ("mitra_cache", settings.CACHES without REDIS_URL).

Created here so every database has it, the test databases included (pytest-django only
migrates); `manage.py createcachetable` (make migrate) makes the same table and skips it when
it exists.
"""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "mitra_cache"  # mitra.core.cache.CACHE_TABLE


def create(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("core", "0001_idempotency_record")]

    operations = [migrations.RunPython(create, drop)]
