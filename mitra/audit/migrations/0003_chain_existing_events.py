"""Chain the events recorded before the chain existed: in id order, in batches (the bench
database's 50,000+ events take about a second; docs/dev/audit-chain.md)."""

from django.db import migrations

from mitra.audit.chain import GENESIS, link_unchained


def chain_existing(apps, schema_editor):
    events = apps.get_model("audit", "AuditEvent")
    heads = apps.get_model("audit", "AuditChainHead")
    using = schema_editor.connection.alias
    head, _ = heads.objects.using(using).get_or_create(pk=1, defaults={"hash": GENESIS})
    link_unchained(events=events, head=head, using=using)


def unchain(apps, schema_editor):
    events = apps.get_model("audit", "AuditEvent")
    heads = apps.get_model("audit", "AuditChainHead")
    using = schema_editor.connection.alias
    events.objects.using(using).update(sequence=None, prev_hash="", hash="")
    heads.objects.using(using).all().delete()


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_chain")]

    operations = [migrations.RunPython(chain_existing, unchain, elidable=False)]
