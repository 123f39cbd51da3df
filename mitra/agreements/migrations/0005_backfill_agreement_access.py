"""Fill AgreementAccess for agreements recorded before it existed.

The SQL is copied here rather than imported from app code (conventions §3.11): a data
migration must keep working when the app's modules change.
"""

from django.db import migrations

SQL = """
INSERT INTO {access} (agreement_id, agency_id)
SELECT id, owner_id FROM {agreement}
UNION SELECT agreement_id, agency_id FROM {party} WHERE agency_id IS NOT NULL
UNION SELECT agreement_id, governmentbody_id FROM {shared}
"""


def backfill(apps, schema_editor):
    Agreement = apps.get_model("agreements", "Agreement")
    AgreementParty = apps.get_model("agreements", "AgreementParty")
    AgreementAccess = apps.get_model("agreements", "AgreementAccess")
    AgreementAccess.objects.all().delete()
    schema_editor.execute(
        SQL.format(
            access=AgreementAccess._meta.db_table,
            agreement=Agreement._meta.db_table,
            party=AgreementParty._meta.db_table,
            shared=Agreement.shared_with.through._meta.db_table,
        )
    )


class Migration(migrations.Migration):
    dependencies = [("agreements", "0004_agreement_access")]

    # Reversing drops nothing that cannot be rebuilt: 0004's reversal removes the table.
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
