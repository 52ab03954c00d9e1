"""Many rows in few statements, for the sweep (and its benchmark baseline).

SQLite gets ``executemany`` (in-process, already the fastest path); PostgreSQL gets one
multi-row ``INSERT … VALUES`` or ``UPDATE … FROM (VALUES …)`` per chunk, which saves a
round trip per row. Values are adapted the way the model's fields would adapt them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models

MAX_PARAMS = 30_000


def _adapter(field: models.Field) -> Callable[[Any], Any]:
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.JSONField):
        return lambda value: ops.adapt_json_value(value, field.encoder)
    if isinstance(field, models.ForeignKey):
        return lambda value: value
    return lambda value: value


def _fields(model: type[models.Model], names: Sequence[str]) -> list[models.Field]:
    return [model._meta.get_field(name) for name in names]


def _chunks(rows: list, width: int) -> list[list]:
    size = max(1, MAX_PARAMS // max(width, 1))
    return [rows[i : i + size] for i in range(0, len(rows), size)]


def insert_rows(model: type[models.Model], names: Sequence[str], rows: list[Sequence]) -> None:
    """INSERT ``rows`` (tuples in the order of ``names``, given as field names)."""
    if not rows:
        return
    fields = _fields(model, names)
    adapters = [_adapter(f) for f in fields]
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    columns = ", ".join(q(f.column) for f in fields)
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    prepared = [[adapt(v) for adapt, v in zip(adapters, row, strict=True)] for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES {one}", prepared)
            return
        for chunk in _chunks(prepared, len(fields)):
            values = ", ".join([one] * len(chunk))
            params = [value for row in chunk for value in row]
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}", params)


def update_rows(model: type[models.Model], names: Sequence[str], rows: list[Sequence]) -> None:
    """UPDATE by primary key: each row is (pk, value for names[0], value for names[1], …)."""
    if not rows:
        return
    pk = model._meta.pk
    fields = _fields(model, names)
    adapters = [_adapter(pk)] + [_adapter(f) for f in fields]
    q = connection.ops.quote_name
    table = q(model._meta.db_table)
    prepared = [[adapt(v) for adapt, v in zip(adapters, row, strict=True)] for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            sets = ", ".join(f"{q(f.column)} = %s" for f in fields)
            cursor.executemany(
                f"UPDATE {table} SET {sets} WHERE {q(pk.column)} = %s",
                [row[1:] + row[:1] for row in prepared],
            )
            return
        casts = [pk.db_type(connection)] + [f.db_type(connection) for f in fields]
        one = "(" + ", ".join(f"%s::{cast}" for cast in casts) + ")"
        aliases = ["k"] + [f"v{i}" for i in range(len(fields))]
        sets = ", ".join(f"{q(f.column)} = v.v{i}" for i, f in enumerate(fields))
        for chunk in _chunks(prepared, len(casts)):
            values = ", ".join([one] * len(chunk))
            params = [value for row in chunk for value in row]
            cursor.execute(
                f"UPDATE {table} SET {sets} FROM (VALUES {values}) AS v({', '.join(aliases)}) "
                f"WHERE {table}.{q(pk.column)} = v.k",
                params,
            )
