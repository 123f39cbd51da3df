"""Carry DRF's authtoken tokens over to ApiToken (hashed, named, expiring in 90 days), so
integrators keep working after the upgrade; the authtoken table is left as it was."""

import hashlib
from datetime import timedelta

from django.db import migrations
from django.utils import timezone


def carry_over(apps, schema_editor):
    connection = schema_editor.connection
    if "authtoken_token" not in connection.introspection.table_names():
        return
    ApiToken = apps.get_model("accounts", "ApiToken")
    expires = timezone.now() + timedelta(days=90)
    with connection.cursor() as cursor:
        cursor.execute('SELECT "key", "user_id", "created" FROM "authtoken_token"')
        rows = cursor.fetchall()
    ApiToken.objects.bulk_create(
        [
            ApiToken(
                user_id=user_id,
                name="API token (before named tokens)",
                key_hash=hashlib.sha256(key.encode()).hexdigest(),
                prefix=key[:8],
                created_at=created,
                expires_at=expires,
            )
            for key, user_id, created in rows
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_api_tokens_session_epoch_mfa")]

    # Reverse: the carried tokens are dropped with the ApiToken table by 0003's reverse.
    operations = [migrations.RunPython(carry_over, migrations.RunPython.noop)]
