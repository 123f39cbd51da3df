"""PostgreSQL only: a trigram index so `search_text LIKE '%word%'` does not scan every row.

SQLite has no such index; there the search reads only the rows the viewer may see (see
bench/README.md). Where the pg_trgm extension cannot be created (no privilege), the index is
skipped with a warning rather than failing the deployment.
"""

import warnings

from django.db import DatabaseError, migrations, transaction

INDEX = "agr_search_text_trgm_idx"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError as error:
        warnings.warn(f"pg_trgm unavailable, agreement search stays unindexed: {error}")
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON agreements_agreement "
        "USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("agreements", "0002_party_visibility_indexes")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
