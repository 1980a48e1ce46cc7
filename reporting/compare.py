"""Compare two strategy documents (an approved version's snapshot or the draft), both as the
plain data of `reporting.document.document_data`: themes, priorities, initiatives,
prerequisites, budget lines and totals that were added, removed or changed."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

ADDED = "added"
REMOVED = "removed"
CHANGED = "changed"


@dataclass
class Change:
    kind: str  # added, removed, changed
    label: str  # what it is: "2.1 Pædagog-tablet ..."
    details: list[tuple[str, str, str]] = field(default_factory=list)  # (field, old, new)


@dataclass
class Section:
    key: str
    title: str
    changes: list[Change]


def _text(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, list):
        return " | ".join(_text(item) for item in value)
    return str(value)


def _compare(old: dict, new: dict, fields: dict[str, str], label) -> list[Change]:
    """Rows keyed alike in `old` and `new` (key -> row): added, removed and changed rows."""
    changes = []
    for key, row in new.items():
        if key not in old:
            changes.append(Change(ADDED, label(row)))
            continue
        details = [
            (title, _text(old[key].get(name)), _text(row.get(name)))
            for name, title in fields.items()
            if old[key].get(name) != row.get(name)
        ]
        if details:
            changes.append(Change(CHANGED, label(row), details))
    changes.extend(Change(REMOVED, label(row)) for key, row in old.items() if key not in new)
    return changes


def _themes(data: dict) -> dict:
    return {theme["key"]: theme for theme in data.get("themes", [])}


def _initiatives(data: dict) -> dict:
    return {i["key"]: i for theme in data.get("plan", []) for i in theme["initiatives"]}


def _prerequisites(data: dict) -> dict:
    rows = {}
    for initiative in _initiatives(data).values():
        for prerequisite in initiative["prerequisites"]:
            rows[prerequisite["key"]] = {**prerequisite, "where": initiative["number"]}
    for prerequisite in data.get("strategy_prerequisites", []):
        rows[prerequisite["key"]] = {**prerequisite, "where": ""}
    return rows


def _budget_lines(data: dict) -> dict:
    return {
        line["key"]: {**line, "initiative": initiative["number"]}
        for theme in data.get("budget", {}).get("themes", [])
        for initiative in theme["initiatives"]
        for line in initiative["lines"]
    }


def _budget_totals(data: dict) -> dict:
    budget = data.get("budget", {})
    return {
        total["key"]: total for total in [*budget.get("totals", []), *budget.get("financing", [])]
    }


def compare(old: dict, new: dict) -> list[Section]:
    """The sections with their changes from `old` to `new` (sections without changes too)."""
    return [
        Section(
            "themes",
            _("Themes and priorities"),
            _compare(
                _themes(old),
                _themes(new),
                {
                    "title": _("Title"),
                    "priority_rank": _("Priority"),
                    "phase_label": _("Phase"),
                    "objective": _("Objective"),
                },
                lambda row: row["title"],
            ),
        ),
        Section(
            "initiatives",
            _("Initiatives"),
            _compare(
                _initiatives(old),
                _initiatives(new),
                {
                    "number": _("Number"),
                    "title": _("Title"),
                    "phase_label": _("Phase"),
                    "period": _("Period"),
                    "owner": _("Owner"),
                    "status_label": _("Status"),
                    "in_budget_request": _("In the budget request"),
                },
                lambda row: f"{row['number']} {row['title']}",
            ),
        ),
        Section(
            "prerequisites",
            _("Prerequisites for success"),
            _compare(
                _prerequisites(old),
                _prerequisites(new),
                {
                    "description": _("Description"),
                    "status_label": _("Status"),
                    "owner": _("Owner"),
                },
                lambda row: f"{row['where']} {row['description']}".strip(),
            ),
        ),
        Section(
            "budget_lines",
            _("Budget lines"),
            _compare(
                _budget_lines(old),
                _budget_lines(new),
                {
                    "label": _("Text"),
                    "display": _("Amounts (1,000 kr.)"),
                    "kind_label": _("Operating/capital"),
                    "recurrence_label": _("One-off/recurring"),
                    "financing_label": _("Financing"),
                },
                lambda row: f"{row['initiative']} {row['label']}",
            ),
        ),
        Section(
            "budget_totals",
            _("Budget totals"),
            _compare(
                _budget_totals(old),
                _budget_totals(new),
                {"display": _("Amounts (1,000 kr.)")},
                lambda row: row["label"],
            ),
        ),
    ]
