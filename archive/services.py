"""Restoring a process from its archive (archive.format), all in one transaction.

Rows are created with `save_base(raw=True)`, the path Django's own fixture loading takes: the
stored timestamps are kept (auto_now/auto_now_add are not applied) and simple_history writes
nothing on the way. The archive holds no audit history: after the last row, each restored object
of a model with history gets one "created" record dated at the restore, with the change reason
`RESTORE_REASON`, so its history starts at the restore (the history pages expect every object
to have at least one record). Approved strategy versions are INSERTed once with their stored
snapshot, PDF bytes and hashes: reporting.models.StrategyVersion refuses changes and deletes
(and so does the PostgreSQL trigger of reporting migration 0003), never the insert of a new
row, so restore needs no bypass of those guards.
"""

from __future__ import annotations

import uuid
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import DatabaseError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from archive.format import (
    ORGANISATION,
    PROCESS,
    TABLES,
    THEME,
    THEME_KEYED_JSON,
    ArchiveError,
    Table,
    archived_fields,
    decode_value,
    deferred_fields,
    is_user_model,
    label_of,
    load_archive,
)
from strategy.models import Organisation, StrategyProcess
from workshops.models import Workshop
from workshops.tokens import new_join_code

RESTORE_REASON = "import_process"


def _damaged(detail: str) -> ArchiveError:
    return ArchiveError(_("The archive is damaged: %(detail)s."), detail=detail)


def _check_structure(body: dict) -> None:
    """Every table present with well-formed rows, exactly the fields this version writes, and
    every reference pointing at a row (or user) of the archive."""
    tables = body.get("tables")
    if not isinstance(tables, dict) or set(tables) != {t.label for t in TABLES}:
        raise _damaged("the tables do not match this version of the application")
    users = body.get("users")
    if not isinstance(users, list) or not all(
        isinstance(u, dict) and isinstance(u.get("email"), str) for u in users
    ):
        raise _damaged("the list of users cannot be read")
    emails = {u["email"].lower() for u in users}
    keys: dict[str, set] = {}
    for table in TABLES:
        rows = tables[table.label]
        if not isinstance(rows, list):
            raise _damaged(f"{table.label} is not a list")
        names = {field.name for field in archived_fields(table)}
        for row in rows:
            if (
                not isinstance(row, dict)
                or not isinstance(row.get("fields"), dict)
                or set(row["fields"]) != names
                or row.get("pk") is None
                or set(row.get("m2m", {})) != set(table.m2m)
            ):
                raise _damaged(f"a row of {table.label} does not have the expected fields")
        keys[table.label] = {row["pk"] for row in rows}
        if len(keys[table.label]) != len(rows):
            raise _damaged(f"{table.label} has two rows with the same key")
    if len(tables[ORGANISATION]) != 1 or len(tables[PROCESS]) != 1:
        raise _damaged("it must hold exactly one organisation and one process")
    for table in TABLES:
        for field in archived_fields(table):
            if not field.is_relation:
                continue
            if is_user_model(field.related_model):
                targets = emails
            else:
                targets = keys[label_of(field.related_model)]
            for row in tables[table.label]:
                value = row["fields"][field.name]
                if value is None:
                    continue
                if isinstance(value, str) and targets is emails:
                    value = value.lower()
                if not isinstance(value, str | int) or value not in targets:
                    raise ArchiveError(
                        _("The archive is damaged: %(table)s refers to a missing row (%(field)s)."),
                        table=table.label,
                        field=field.name,
                    )
        for name in table.m2m:
            target = label_of(table.model._meta.get_field(name).related_model)
            for row in tables[table.label]:
                if not set(row["m2m"][name]) <= keys[target]:
                    raise ArchiveError(
                        _("The archive is damaged: %(table)s refers to a missing row (%(field)s)."),
                        table=table.label,
                        field=name,
                    )


class _Restore:
    def __init__(self, body: dict, slug: str):
        self.body = body
        self.slug = slug
        self.keys: dict[str, dict] = defaultdict(dict)  # label -> source key -> new pk
        self.users: dict[str, int] = {}
        self.organisation_existed = False
        self.deferred: list[tuple[type[models.Model], object, str, str, object]] = []
        self.rows = 0
        self.created: dict[type[models.Model], list] = defaultdict(list)

    def theme_key(self, key) -> str:
        try:
            return str(self.keys[THEME][int(key)])
        except (KeyError, TypeError, ValueError) as error:
            raise _damaged("a ballot or result names a theme that is not in the archive") from error

    def run(self) -> StrategyProcess:
        self._users()
        self._organisation()
        for table in TABLES[1:]:
            self._table(table)
        for model, pk, attname, label, source in self.deferred:
            model._default_manager.filter(pk=pk).update(**{attname: self.keys[label][source]})
        for table in TABLES:
            self._many_to_many(table)
        self._history()
        return StrategyProcess.objects.get(pk=self.keys[PROCESS][self._process_row()["pk"]])

    def _process_row(self) -> dict:
        return self.body["tables"][PROCESS][0]

    def _users(self) -> None:
        user_model = get_user_model()
        for entry in self.body["users"]:
            email = entry["email"].lower()
            user = user_model._default_manager.filter(email__iexact=email).first()
            if user is None:
                user = user_model._default_manager.create_user(
                    email, password=None, full_name=str(entry.get("full_name") or "")[:150]
                )
            self.users[email] = user.pk

    def _organisation(self) -> None:
        row = self.body["tables"][ORGANISATION][0]
        organisation = Organisation.objects.filter(slug=row["fields"].get("slug")).first()
        if organisation is None:
            organisation = self._create(TABLES[0], row)
        else:
            self.organisation_existed = True
            self.keys[ORGANISATION][row["pk"]] = organisation.pk

    def _table(self, table: Table) -> None:
        if table.organisation and self.organisation_existed and table.natural is None:
            return  # the organisation's own rows stay as they are
        for row in self.body["tables"][table.label]:
            if table.organisation and self.organisation_existed:
                existing = self._natural_match(table, row)
                if existing is not None:
                    self.keys[table.label][row["pk"]] = existing
                    continue
            self._create(table, row)

    def _values(self, table: Table, row: dict) -> dict:
        deferred = deferred_fields(table)
        values = {}
        for field in archived_fields(table):
            value = row["fields"][field.name]
            if field.is_relation:
                if value is None or field.name in deferred:
                    values[field.attname] = None
                elif is_user_model(field.related_model):
                    values[field.attname] = self.users[value.lower()]
                else:
                    values[field.attname] = self.keys[label_of(field.related_model)][value]
                continue
            value = decode_value(field, value)
            remap = THEME_KEYED_JSON.get((table.label, field.name))
            if remap is not None:
                value = remap(value, self.theme_key)
            values[field.attname] = value
        if table.label == PROCESS:
            values["slug"] = self.slug
        if table.label == "workshops.Workshop":
            values["join_code"] = self._join_code()
        return values

    def _natural_match(self, table: Table, row: dict):
        values = self._values(table, row)
        lookup = {}
        for name in table.natural:
            field = table.model._meta.get_field(name)
            lookup[field.attname] = values[field.attname]
        return table.model._default_manager.filter(**lookup).values_list("pk", flat=True).first()

    def _join_code(self) -> str:
        while True:
            code = new_join_code()
            if not Workshop.objects.filter(join_code=code).exists():
                return code

    def _create(self, table: Table, row: dict) -> models.Model:
        model = table.model
        obj = model(**self._values(table, row))
        if isinstance(model._meta.pk, models.UUIDField):
            obj.pk = uuid.uuid4()
        try:
            obj.full_clean(validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise ArchiveError(
                _("The archive holds a row of %(table)s that is not valid: %(errors)s"),
                table=table.label,
                errors="; ".join(error.messages),
            ) from error
        obj.save_base(raw=True, force_insert=True)
        self.rows += 1
        self.keys[table.label][row["pk"]] = obj.pk
        self.created[model].append(obj.pk)
        for name in deferred_fields(table):
            source = row["fields"][name]
            if source is not None:
                field = model._meta.get_field(name)
                self.deferred.append(
                    (model, obj.pk, field.attname, label_of(field.related_model), source)
                )
        return obj

    def _history(self) -> None:
        now = timezone.now()
        for model, pks in self.created.items():
            manager = getattr(model._meta, "simple_history_manager_attribute", None)
            if manager:
                getattr(model, manager).bulk_history_create(
                    list(model._default_manager.filter(pk__in=pks).order_by("pk")),
                    default_change_reason=RESTORE_REASON,
                    default_date=now,
                )

    def _many_to_many(self, table: Table) -> None:
        for name in table.m2m:
            field = table.model._meta.get_field(name)
            through = field.remote_field.through
            target = label_of(field.related_model)
            source_id = through._meta.get_field(field.m2m_field_name()).attname
            target_id = through._meta.get_field(field.m2m_reverse_field_name()).attname
            links = [
                through(
                    **{
                        source_id: self.keys[table.label][row["pk"]],
                        target_id: self.keys[target][key],
                    }
                )
                for row in self.body["tables"][table.label]
                if row["pk"] in self.keys[table.label]
                for key in row["m2m"][name]
            ]
            through._default_manager.bulk_create(links)


def archive_import(*, raw: bytes, slug: str | None = None) -> StrategyProcess:
    """Restore the archive `raw` as a new process (under `slug` when given, else the archived
    slug). Refused with ArchiveError, and nothing written, when the archive is damaged, foreign
    or tampered with, or when a process with the slug exists."""
    body = load_archive(raw)
    _check_structure(body)
    slug = slug or body["tables"][PROCESS][0]["fields"].get("slug")
    if not isinstance(slug, str) or not slug:
        raise _damaged("the process has no short name")
    if StrategyProcess.objects.filter(slug=slug).exists():
        raise ArchiveError(
            _("A process with the short name %(slug)s already exists; choose another with --slug."),
            slug=slug,
        )
    restore = _Restore(body, slug)
    try:
        with transaction.atomic():
            return restore.run()
    except DatabaseError as error:
        detail = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise ArchiveError(
            _("The archive could not be restored; nothing was written (%(error)s)."),
            error=detail,
        ) from error
