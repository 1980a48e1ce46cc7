"""Role-matrix cases for interviews, insights, workshops, the facilitator board and themes."""

from tests.factories import InsightFactory
from tests.matrix import EDIT, VIEW, Case, slug


def _pk(name: str):
    def kwargs(world) -> dict:
        return {**slug(world), "pk": getattr(world, name).pk}

    return kwargs


def _foreign(name: str):
    def kwargs(world) -> dict:
        return {**slug(world), "pk": world.other[name].pk}

    return kwargs


def _notes(world) -> dict:
    return {"notes": [world.insight.pk]}


CASES: list[Case] = [
    # Interviews and insights
    Case("workshops:interview.list", slug, VIEW),
    Case("workshops:interview.create", slug, EDIT),
    Case(
        "workshops:interview.detail",
        _pk("interview"),
        VIEW,
        foreign_kwargs=_foreign("interview"),
    ),
    Case("workshops:interview.edit", _pk("interview"), EDIT, foreign_kwargs=_foreign("interview")),
    Case(
        "workshops:interview.insight.create",
        _pk("interview"),
        EDIT,
        method="post",
        data=lambda w: {"kind": "need", "text": "Stabilt trådløst net i alle huse"},
        ok=302,
        foreign_kwargs=_foreign("interview"),
    ),
    Case(
        "workshops:insight.edit",
        _pk("interview_insight"),
        EDIT,
        foreign_kwargs=_foreign("interview_insight"),
    ),
    Case(
        "workshops:insight.delete",
        _pk("insight"),
        EDIT,
        method="post",
        ok=302,
        foreign_kwargs=_foreign("insight"),
    ),
    # Workshops
    Case("workshops:workshop.list", slug, VIEW),
    Case("workshops:workshop.create", slug, EDIT),
    Case("workshops:workshop.detail", _pk("workshop"), VIEW, foreign_kwargs=_foreign("workshop")),
    Case("workshops:workshop.edit", _pk("workshop"), EDIT, foreign_kwargs=_foreign("workshop")),
    Case(
        "workshops:workshop.status",
        _pk("workshop"),
        EDIT,
        method="post",
        data=lambda w: {"status": "closed"},
        ok=302,
        foreign_kwargs=_foreign("workshop"),
    ),
    Case(
        "workshops:workshop.projector",
        _pk("workshop"),
        VIEW,
        foreign_kwargs=_foreign("workshop"),
    ),
    # The facilitator board
    Case("workshops:board.detail", _pk("workshop"), VIEW, foreign_kwargs=_foreign("workshop")),
    Case("workshops:board.notes", _pk("workshop"), VIEW, foreign_kwargs=_foreign("workshop")),
    Case(
        "workshops:board.assign",
        _pk("workshop"),
        EDIT,
        method="post",
        data=lambda w: {**_notes(w), "theme": w.theme.pk},
        ok=302,
        foreign_kwargs=_foreign("workshop"),
    ),
    Case(
        "workshops:board.create_theme",
        _pk("workshop"),
        EDIT,
        method="post",
        data=lambda w: {**_notes(w), "title": "Mere tid til børnene"},
        ok=302,
        foreign_kwargs=_foreign("workshop"),
    ),
    Case(
        "workshops:board.duplicates",
        _pk("workshop"),
        EDIT,
        method="post",
        # a second note of the same workshop, so that there is something to mark
        data=lambda w: {"notes": [w.insight.pk, InsightFactory(workshop=w.workshop).pk]},
        ok=302,
        foreign_kwargs=_foreign("workshop"),
    ),
    Case(
        "workshops:board.undo",
        _pk("workshop"),
        EDIT,
        method="post",
        ok=302,
        foreign_kwargs=_foreign("workshop"),
    ),
    # Themes
    Case("workshops:theme.list", slug, VIEW),
    Case("workshops:theme.create", slug, EDIT),
    Case("workshops:theme.detail", _pk("theme"), VIEW, foreign_kwargs=_foreign("theme")),
    Case("workshops:theme.edit", _pk("theme"), EDIT, foreign_kwargs=_foreign("theme")),
    Case(
        "workshops:theme.status",
        _pk("theme"),
        EDIT,
        method="post",
        data=lambda w: {"status": "prioritised"},
        ok=302,
        foreign_kwargs=_foreign("theme"),
    ),
    Case("workshops:theme.merge", _pk("theme"), EDIT, foreign_kwargs=_foreign("theme")),
]

NOT_IN_MATRIX: dict[str, str] = {}
