"""Role-matrix cases of the initiative screens, the plan page and prerequisites/risks."""

from actionplan.models import Dependency, Milestone, Prerequisite, Risk, SuccessCriterion
from tests.factories import InitiativeFactory
from tests.matrix import EDIT, VIEW, Case, slug


def _initiative(w):
    """The world's initiative (created on first use)."""
    if getattr(w, "_initiative", None) is None:
        w._initiative = InitiativeFactory(theme=w.theme)
    return w._initiative


def _foreign_initiative(w):
    return InitiativeFactory(theme=w.other["theme"])


def on(w) -> dict:
    return {**slug(w), "pk": _initiative(w).pk}


def on_foreign(w) -> dict:
    return {**slug(w), "pk": _foreign_initiative(w).pk}


def _item(w, make) -> dict:
    initiative = _initiative(w)
    return {**slug(w), "pk": initiative.pk, "item": make(initiative).pk}


def _foreign_item(w, make) -> dict:
    initiative = _foreign_initiative(w)
    return {**slug(w), "pk": initiative.pk, "item": make(initiative).pk}


def _criterion(initiative):
    return SuccessCriterion.objects.create(initiative=initiative, indicator="Andel")


def _dependency(initiative):
    other = InitiativeFactory(theme=initiative.theme)
    return Dependency.objects.create(initiative=initiative, depends_on=other)


def _milestone(initiative):
    return Milestone.objects.create(initiative=initiative, title="M", due_date="2027-03-01")


def _prerequisite(w, process, theme):
    return Prerequisite.objects.create(process=process, category="skills", description="Kurser")


def _risk(process):
    return Risk.objects.create(process=process, description="Forsinkelse", likelihood=2, impact=3)


INITIATIVE_DATA = {"title": "Digital læring", "phase": "1", "start_date": "2027-01-01"}

CASES: list[Case] = [
    Case("actionplan:plan", slug, VIEW),
    Case("actionplan:initiative.create", slug, EDIT),
    Case(
        "actionplan:initiative.create",
        slug,
        EDIT,
        method="post",
        data=lambda w: {**INITIATIVE_DATA, "theme": w.theme.pk},
        ok=302,
    ),
    Case("actionplan:initiative.detail", on, VIEW, foreign_kwargs=on_foreign),
    Case("actionplan:initiative.edit", on, EDIT, foreign_kwargs=on_foreign),
    Case(
        "actionplan:initiative.edit",
        on,
        EDIT,
        method="post",
        data=lambda w: INITIATIVE_DATA,
        ok=302,
        foreign_kwargs=on_foreign,
    ),
    Case("actionplan:initiative.inline", on, EDIT, foreign_kwargs=on_foreign),
    Case(
        "actionplan:initiative.inline",
        on,
        EDIT,
        method="post",
        data=lambda w: {"status": "in_progress", "traffic_light": "yellow", "phase": "1"},
        ok=302,
        foreign_kwargs=on_foreign,
    ),
    Case(
        "actionplan:initiative.move",
        on,
        EDIT,
        method="post",
        data=lambda w: {"direction": "up"},
        ok=302,
        foreign_kwargs=on_foreign,
    ),
    Case(
        "actionplan:criterion.add",
        on,
        EDIT,
        method="post",
        data=lambda w: {"indicator": "Andel", "target": "90 %"},
        ok=302,
        foreign_kwargs=on_foreign,
    ),
    Case(
        "actionplan:criterion.delete",
        lambda w: _item(w, _criterion),
        EDIT,
        method="post",
        ok=302,
        foreign_kwargs=lambda w: _foreign_item(w, _criterion),
    ),
    Case(
        "actionplan:prerequisite.add",
        on,
        EDIT,
        method="post",
        data=lambda w: {"category": "skills", "description": "Kurser", "status": "not_met"},
        ok=302,
        foreign_kwargs=on_foreign,
    ),
    Case(
        "actionplan:risk.add",
        on,
        EDIT,
        method="post",
        data=lambda w: {"description": "Forsinkelse", "likelihood": 2, "impact": 4},
        ok=302,
        foreign_kwargs=on_foreign,
    ),
    Case(
        "actionplan:dependency.add",
        on,
        EDIT,
        method="post",
        data=lambda w: {"depends_on": InitiativeFactory(theme=w.theme).pk},
        ok=302,
        foreign_kwargs=on_foreign,
    ),
    Case(
        "actionplan:dependency.delete",
        lambda w: _item(w, _dependency),
        EDIT,
        method="post",
        ok=302,
        foreign_kwargs=lambda w: _foreign_item(w, _dependency),
    ),
    Case(
        "actionplan:milestone.add",
        on,
        EDIT,
        method="post",
        data=lambda w: {"title": "Pilot", "due_date": "2027-02-01"},
        ok=302,
        foreign_kwargs=on_foreign,
    ),
    Case(
        "actionplan:milestone.toggle",
        lambda w: _item(w, _milestone),
        EDIT,
        method="post",
        data=lambda w: {"done": "on"},
        ok=302,
        foreign_kwargs=lambda w: _foreign_item(w, _milestone),
    ),
    Case("actionplan:prerequisite.list", slug, VIEW),
    Case(
        "actionplan:prerequisite.list",
        slug,
        EDIT,
        method="post",
        data=lambda w: {"category": "economy", "description": "Budget", "status": "underway"},
        ok=302,
    ),
    Case(
        "actionplan:prerequisite.edit",
        lambda w: {**slug(w), "pk": _prerequisite(w, w.process, w.theme).pk},
        EDIT,
        foreign_kwargs=lambda w: {
            **slug(w),
            "pk": _prerequisite(w, w.other_process, w.other["theme"]).pk,
        },
    ),
    Case(
        "actionplan:prerequisite.edit",
        lambda w: {**slug(w), "pk": _prerequisite(w, w.process, w.theme).pk},
        EDIT,
        method="post",
        data=lambda w: {"category": "economy", "description": "Budget", "status": "met"},
        ok=302,
    ),
    Case(
        "actionplan:risk.edit",
        lambda w: {**slug(w), "pk": _risk(w.process).pk},
        EDIT,
        foreign_kwargs=lambda w: {**slug(w), "pk": _risk(w.other_process).pk},
    ),
    Case(
        "actionplan:risk.edit",
        lambda w: {**slug(w), "pk": _risk(w.process).pk},
        EDIT,
        method="post",
        data=lambda w: {"description": "Forsinkelse", "likelihood": 5, "impact": 5},
        ok=302,
    ),
]

NOT_IN_MATRIX: dict[str, str] = {}
