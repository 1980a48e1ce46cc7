"""Reading a process into its archive body (archive.format describes the layout)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone

from archive.format import TABLES, Table, archived_fields, encode_value, is_user_model
from strategy.models import StrategyProcess


def _rows(table: Table, process: StrategyProcess):
    if table.process:
        lookup = {table.process: process.pk}
    else:
        lookup = {table.organisation: process.organisation_id}
    queryset = table.model._default_manager.filter(**lookup).order_by("pk")
    if table.m2m:
        queryset = queryset.prefetch_related(*table.m2m)
    return queryset


def process_archive_body(process: StrategyProcess) -> dict:
    """Everything the archive holds of `process`, as JSON values; one query per table, plus one
    per many-to-many field and one for the users."""
    tables: dict[str, list[dict]] = {}
    user_ids: set[int] = set()
    user_cells: list[tuple[dict, str]] = []
    for table in TABLES:
        fields = archived_fields(table)
        rows = []
        for obj in _rows(table, process):
            values = {}
            for field in fields:
                value = getattr(obj, field.attname)
                if field.is_relation and is_user_model(field.related_model):
                    if value is not None:
                        user_ids.add(value)
                        user_cells.append((values, field.name))
                    values[field.name] = value
                else:
                    values[field.name] = encode_value(field, value)
            row = {"pk": encode_value(table.model._meta.pk, obj.pk), "fields": values}
            if table.m2m:
                row["m2m"] = {
                    name: sorted(related.pk for related in getattr(obj, name).all())
                    for name in table.m2m
                }
            rows.append(row)
        tables[table.label] = rows
    users = {
        user.pk: user
        for user in get_user_model()._default_manager.filter(pk__in=user_ids).order_by("email")
    }
    for values, name in user_cells:
        values[name] = users[values[name]].email.lower()
    return {
        "exported_at": timezone.now().isoformat(),
        "source": {"process": process.slug, "organisation": process.organisation.slug},
        "users": [
            {"email": user.email.lower(), "full_name": user.full_name}
            for user in sorted(users.values(), key=lambda u: u.email.lower())
        ],
        "tables": tables,
    }
