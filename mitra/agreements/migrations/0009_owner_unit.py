import django.db.models.deletion
from django.db import migrations, models


def units_from_lead_parties(apps, schema_editor):
    """An agreement whose lead government party is a unit of its owner agency is held by that
    unit (records written before units were kept had only the agency as owner)."""
    Agreement = apps.get_model("agreements", "Agreement")
    AgreementParty = apps.get_model("agreements", "AgreementParty")
    leads = AgreementParty.objects.filter(
        side="government", role="lead", body__isnull=False, agency__isnull=False
    ).exclude(body_id=models.F("agency_id"))
    for party in leads.values("agreement_id", "body_id", "agency_id").iterator():
        Agreement.objects.filter(
            pk=party["agreement_id"], owner_id=party["agency_id"], owner_unit__isnull=True
        ).update(owner_unit_id=party["body_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0008_access_own_rows"),
        ("bodies", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="agreement",
            name="owner_unit",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="bodies.governmentbody",
                verbose_name="owning unit",
            ),
        ),
        migrations.RunPython(units_from_lead_parties, migrations.RunPython.noop),
    ]
