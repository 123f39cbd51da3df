"""PostgreSQL refuses UPDATE and DELETE on audit events below the ORM (raw SQL, `_base_manager`).

Row-level BEFORE UPDATE OR DELETE triggers, so TRUNCATE (Django's test flush, a restore's
reset) still works; `audit_verify` notices a truncated chain through the head. The one update
allowed is linking an event that has no sequence yet (`audit_chain_extend` after a bulk insert),
and then only the three chain columns may change. SQLite has no such trigger: there
`audit_verify` is what finds a change."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION audit_auditevent_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.sequence IS NULL
       AND to_jsonb(NEW) - 'sequence' - 'prev_hash' - 'hash'
           = to_jsonb(OLD) - 'sequence' - 'prev_hash' - 'hash' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_auditevent is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege',
              HINT = 'Audit events cannot be changed or deleted (docs/dev/audit-chain.md).';
END;
$$;
DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent;
CREATE TRIGGER audit_auditevent_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS audit_auditevent_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:  # no parameters: `%` stays as is
            cursor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_chain_existing_events")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
