"""Chain the events and history rows that existed before the audit columns did."""

from django.db import migrations

from cases.audit import EVENT_FIELDS, GENESIS, link

HISTORY_META = ("history_date", "history_change_reason", "history_type", "history_user_id")
NOT_RECORDED = {"history_id", "prev_hash", "row_hash", *HISTORY_META}


def backfill(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    CaseEvent = apps.get_model("cases", "CaseEvent")
    History = apps.get_model("cases", "HistoricalCase")
    recorded = [f.attname for f in History._meta.concrete_fields if f.attname not in NOT_RECORDED]
    for case_id in Case.objects.order_by("pk").values_list("pk", flat=True).iterator():
        prev = GENESIS
        for event in CaseEvent.objects.filter(case_id=case_id).order_by("sequence"):
            digest = link(prev, {name: getattr(event, name) for name in EVENT_FIELDS})
            CaseEvent.objects.filter(pk=event.pk).update(prev_hash=prev, hash=digest)
            prev = digest
        event_head, prev = prev, GENESIS
        for row in History.objects.filter(id=case_id).order_by("history_id"):
            values = {name: getattr(row, name) for name in (*recorded, *HISTORY_META)}
            digest = link(prev, values)
            History.objects.filter(pk=row.pk).update(prev_hash=prev, row_hash=digest)
            prev = digest
        Case.objects.filter(pk=case_id).update(event_head=event_head, history_head=prev)


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_audit_hash_chains")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
