"""On PostgreSQL, the record refuses UPDATE and DELETE at the database itself.

The ORM already refuses them (cases.models.records.AppendOnlyModel); these triggers also
stop a script, a console session or a forgotten admin action. TRUNCATE stays possible for
the table owner (test databases are emptied that way).
"""

from django.db import migrations

TABLES = ("cases_caseevent", "cases_historicalcase", "cases_escalation", "cases_auditroot")

FUNCTION = """
CREATE OR REPLACE FUNCTION tlr_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'Tabel % hanya boleh ditambah: % ditolak', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION tlr_refuse_change()"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS tlr_refuse_change()")


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_backfill_audit_chains")]

    operations = [migrations.RunPython(create, drop)]
