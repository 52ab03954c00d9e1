"""On PostgreSQL, trigram indexes (pg_trgm) for the text search of the case list (``q``).

The search is ``icontains``, which Django writes as ``UPPER(column::text) LIKE UPPER(…)``;
a GIN index over that same expression with ``gin_trgm_ops`` finds a rare word among a
million cases in a millisecond instead of reading every case (docs/benchmarks.md). pg_trgm
ships with PostgreSQL and is a trusted extension (13+): the database's owner may create it.
Where it cannot be created the migration says so and goes on: the search still works, it
reads every case. SQLite has no such index; there the search reads the cases in order.
"""

from django.db import migrations, transaction
from django.db.utils import DatabaseError

INDEXES = (
    ("cases_case_title_trgm", "cases_case", "title"),
    ("cases_case_instructions_trgm", "cases_case", "instructions"),
    ("cases_directive_title_trgm", "cases_directive", "title"),
    ("cases_directive_text_trgm", "cases_directive", "text"),
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm", params=None)
    except DatabaseError as error:
        print(f"\n  pg_trgm tidak dapat dipasang ({error}); pencarian teks tanpa indeks trigram.")
        return
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)",
            params=None,
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}", params=None)


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_case_due_key_and_scale_indexes")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
