"""An index for the board as of a moment (web.queries.board_rows): for each case, its newest
history row at or before a moment is one probe of (id, history_date, history_id).

The history table belongs to ``cases``; this migration only adds an index to it with plain
SQL (valid on SQLite and PostgreSQL), so the ``cases`` models and their migration state stay
untouched and ``makemigrations --check`` stays clean. Reversible.
"""

from django.db import migrations

INDEX = "web_histcase_asof_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_append_only_triggers"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {INDEX} "
            "ON cases_historicalcase (id, history_date, history_id)",
            reverse_sql=f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
