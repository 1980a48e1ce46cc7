"""The process archive's format: which tables it holds in which order, how a field's value is
written as JSON and read back, and the header with the SHA-256 of the canonical body.

An archive is one JSON object:

    {"format": "rodovre-strategy-process-archive", "version": 1,
     "sha256": "<hex SHA-256 of the canonical body>",
     "body": {"exported_at": ..., "source": {...}, "users": [...], "tables": {...}}}

`tables` maps each label of `TABLES` (all of them, in any key order) to its rows
`{"pk": <source key>, "fields": {<field name>: <value>}, "m2m": {...}}`. A foreign key holds the
source key of a row of an earlier table (or of the same or a later table, for the few nullable
keys that `deferred_fields` lists), a foreign key to a user holds the user's e-mail. The
canonical body is `json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)`
in UTF-8.

Left out on purpose: personal-link token hashes and issue times, workshop join codes (new ones
are made on import), the facilitator's board-undo log (`workshops.BoardAction`), API tokens,
sessions and every audit-history table (a restored object's history starts at the restore:
archive.services).
"""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
import json
import uuid
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

FORMAT = "rodovre-strategy-process-archive"
VERSION = 1


class ArchiveError(Exception):
    """The archive cannot be written or restored; `message` says why, for the user."""

    def __init__(self, message, **params):
        self.message = message
        self.params = params
        super().__init__(str(self))

    def __str__(self) -> str:
        return str(self.message) % self.params if self.params else str(self.message)


@dataclass(frozen=True)
class Table:
    """One model of the archive. `process` is the lookup from the model to the process, or
    `organisation` the one to the organisation for organisation-level data. `natural` names the
    fields that identify a row of an organisation that already exists (matched, not created);
    organisation-level tables without them are restored only with a new organisation."""

    label: str
    process: str | None = None
    organisation: str | None = None
    exclude: tuple[str, ...] = ()
    m2m: tuple[str, ...] = ()
    natural: tuple[str, ...] | None = None

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)


TABLES: tuple[Table, ...] = (
    Table("strategy.Organisation", organisation="pk"),
    Table("strategy.OrgUnit", organisation="organisation", natural=("organisation", "name")),
    Table(
        "actionplan.DeviceCategory", organisation="organisation", natural=("organisation", "name")
    ),
    Table("actionplan.NeedRule", organisation="category__organisation"),
    Table("actionplan.DeviceModel", organisation="organisation", natural=("category", "name")),
    Table("actionplan.ITGuideline", organisation="organisation", natural=("organisation", "kind")),
    Table("actionplan.InventoryItem", organisation="organisation"),
    Table("strategy.StrategyProcess", process="pk"),
    Table("strategy.ProcessPhase", process="process"),
    Table("strategy.PhaseDeliverable", process="phase__process"),
    Table("strategy.Membership", process="process"),
    Table("strategy.SteeringMeeting", process="process"),
    Table("strategy.Decision", process="process", m2m=("themes",)),
    Table("strategy.StrategicTheme", process="process"),
    Table("strategy.ThemeMerge", process="source__process"),
    Table("strategy.VisionRevision", process="process"),
    Table("workshops.Interview", process="process"),
    Table("workshops.Workshop", process="process", exclude=("join_code",)),
    Table("workshops.Participant", process="process", exclude=("token_hash", "token_issued_at")),
    Table("workshops.LinkInvitation", process="process"),
    Table("workshops.Insight", process="process"),
    Table("workshops.InsightTheme", process="insight__process"),
    Table("workshops.VotingRound", process="process"),
    Table("workshops.RoundOption", process="round__process"),
    Table("workshops.Ballot", process="round__process"),
    Table("workshops.Participation", process="round__process"),
    Table("workshops.SecretBallot", process="round__process"),
    Table("actionplan.Initiative", process="process", m2m=("insights",)),
    Table("actionplan.SuccessCriterion", process="initiative__process"),
    Table("actionplan.Prerequisite", process="process"),
    Table("actionplan.Risk", process="process"),
    Table("actionplan.Dependency", process="initiative__process"),
    Table("actionplan.Milestone", process="initiative__process"),
    Table("actionplan.StatusUpdate", process="initiative__process"),
    Table("actionplan.ComplianceException", process="process"),
    Table("actionplan.DevicePlanSettings", process="process"),
    Table("actionplan.DevicePlanItem", process="process"),
    Table("actionplan.CostLine", process="process"),
    Table("reporting.BudgetRequestText", process="process"),
    Table("reporting.ApprovalRequest", process="process"),
    Table("reporting.StrategyVersion", process="process"),
)

# Models of the content apps that the archive leaves out on purpose (see the module docstring).
NOT_ARCHIVED = {"workshops.BoardAction"}

ORGANISATION = "strategy.Organisation"
PROCESS = "strategy.StrategyProcess"
THEME = "strategy.StrategicTheme"


def table_index() -> dict[str, int]:
    return {table.label: n for n, table in enumerate(TABLES)}


@cache
def _label_of(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.{model.__name__}"


def label_of(model: type[models.Model]) -> str:
    return _label_of(model._meta.concrete_model)


def is_user_model(model: type[models.Model]) -> bool:
    return label_of(model).lower() == settings.AUTH_USER_MODEL.lower()


def archived_fields(table: Table) -> list[models.Field]:
    """The concrete fields written for each row of `table` (its primary key is the row's `pk`)."""
    model = table.model
    return [
        field
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in table.exclude
    ]


def deferred_fields(table: Table) -> set[str]:
    """Foreign keys to a row of the same or a later table: restored after every row exists."""
    index = table_index()
    own = index[table.label]
    deferred = set()
    for field in archived_fields(table):
        if (
            field.is_relation
            and not is_user_model(field.related_model)
            and index[label_of(field.related_model)] >= own
        ):
            deferred.add(field.name)
    return deferred


def encode_value(field: models.Field, value):
    """A field's Python value as a JSON value."""
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        return value
    if isinstance(field, models.BinaryField):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, datetime.date):  # also datetime
        return value.isoformat()
    return value


def decode_value(field: models.Field, value):
    """The Python value of a JSON value; ArchiveError when it cannot be read."""
    if value is None or isinstance(field, models.JSONField):
        return value
    try:
        if isinstance(field, models.BinaryField):
            if not isinstance(value, str):
                raise TypeError(value)
            return base64.b64decode(value.encode("ascii"), validate=True)
        if isinstance(value, dict | list):
            raise TypeError(value)
        return field.to_python(value)
    except (ValidationError, TypeError, ValueError, binascii.Error) as error:
        raise ArchiveError(
            _("The archive is damaged: the value of %(field)s cannot be read."),
            field=f"{label_of(field.model)}.{field.name}",
        ) from error


def canonical_body(body: dict) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def body_sha256(body: dict) -> str:
    return hashlib.sha256(canonical_body(body)).hexdigest()


def dump_archive(body: dict) -> bytes:
    """The archive file's bytes: the header and the body, indented for people who look."""
    archive = {"format": FORMAT, "version": VERSION, "sha256": body_sha256(body), "body": body}
    return json.dumps(archive, sort_keys=True, indent=1, ensure_ascii=False).encode() + b"\n"


def load_archive(raw: bytes) -> dict:
    """The body of an archive file, after checking its format, version and hash."""
    try:
        archive = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as error:
        raise ArchiveError(
            _("The file is not a process archive (it is not valid JSON).")
        ) from error
    if not isinstance(archive, dict) or archive.get("format") != FORMAT:
        raise ArchiveError(_("The file is not a process archive of this application."))
    if archive.get("version") != VERSION:
        raise ArchiveError(
            _("The archive has format version %(found)s; this application reads version %(ours)s."),
            found=archive.get("version"),
            ours=VERSION,
        )
    body = archive.get("body")
    if not isinstance(body, dict) or archive.get("sha256") != body_sha256(body):
        raise ArchiveError(
            _("The archive is damaged or has been changed: its SHA-256 does not match.")
        )
    return body


# --- Theme keys inside JSON values -------------------------------------------------------------
# Ballots and frozen results name the round's options by theme id (as a string); on restore the
# themes get new ids, so these keys are rewritten.


def remap_ballot(values, theme_key):
    if not isinstance(values, dict):
        return values
    return {theme_key(key): value for key, value in values.items()}


def _remap_options(rows, theme_key):
    return [
        {**row, "option": theme_key(row["option"])}
        if isinstance(row, dict) and "option" in row
        else row
        for row in rows or []
    ]


def _remap_order(order, theme_key):
    return [[theme_key(key) for key in keys] for keys in order or []]


def remap_result(result, theme_key):
    """A frozen result (workshops.tally.result_to_json) with every option key rewritten."""
    if not isinstance(result, dict):
        return result
    out = dict(result)
    if isinstance(out.get("rules"), dict) and "options" in out["rules"]:
        out["rules"] = {
            **out["rules"],
            "options": [theme_key(k) for k in out["rules"]["options"]],
        }
    if "labels" in out:
        out["labels"] = {theme_key(k): v for k, v in out["labels"].items()}
    if "options" in out:
        out["options"] = _remap_options(out["options"], theme_key)
    if "order" in out:
        out["order"] = _remap_order(out["order"], theme_key)
    if "groups" in out:
        out["groups"] = [
            {
                **group,
                **(
                    {"options": _remap_options(group["options"], theme_key)}
                    if "options" in group
                    else {}
                ),
                **({"order": _remap_order(group["order"], theme_key)} if "order" in group else {}),
            }
            for group in out["groups"]
        ]
    if isinstance(out.get("sensitivity"), dict):
        sensitivity = dict(out["sensitivity"])
        for name in ("by_score", "by_support"):
            if name in sensitivity:
                sensitivity[name] = [[theme_key(k), *rest] for k, *rest in sensitivity[name]]
        out["sensitivity"] = sensitivity
    return out


# (table label, field name) -> function(value, theme_key) for JSON values holding theme keys.
THEME_KEYED_JSON = {
    ("workshops.VotingRound", "frozen_result"): remap_result,
    ("workshops.Ballot", "values"): remap_ballot,
    ("workshops.SecretBallot", "values"): remap_ballot,
}
