from tests.matrix import EDIT, MANAGE, MINUTES, VIEW, Case, slug

CASES = [
    Case("strategy:process.overview", slug, VIEW),
    Case("strategy:process.edit", slug, MANAGE),
    Case(
        "strategy:phase.detail",
        lambda w: {**slug(w), "pk": w.phase.pk},
        VIEW,
        foreign_kwargs=lambda w: {**slug(w), "pk": w.other_phase.pk},
    ),
    Case(
        "strategy:phase.edit",
        lambda w: {**slug(w), "pk": w.phase.pk},
        MANAGE,
        foreign_kwargs=lambda w: {**slug(w), "pk": w.other_phase.pk},
    ),
    Case(
        "strategy:phase.deliverable.add",
        lambda w: {**slug(w), "pk": w.phase.pk},
        MANAGE,
        method="post",
        data=lambda w: {"title": "Tidsplan"},
        ok=302,
    ),
    Case(
        "strategy:phase.deliverable.toggle",
        lambda w: {**slug(w), "pk": w.phase.pk, "item": w.deliverable.pk},
        MANAGE,
        method="post",
        data=lambda w: {"done": "on"},
        ok=302,
    ),
    Case(
        "strategy:phase.deliverable.delete",
        lambda w: {**slug(w), "pk": w.phase.pk, "item": w.deliverable.pk},
        MANAGE,
        method="post",
        ok=302,
    ),
    Case("strategy:orgunit.list", slug, VIEW),
    Case("strategy:orgunit.create", slug, EDIT),
    Case("strategy:orgunit.import", slug, EDIT),
    Case("strategy:orgunit.csv_template", slug, VIEW),
    Case(
        "strategy:orgunit.detail",
        lambda w: {**slug(w), "pk": w.org_unit.pk},
        VIEW,
        foreign_kwargs=lambda w: {**slug(w), "pk": w.other_org_unit.pk},
    ),
    Case(
        "strategy:orgunit.edit",
        lambda w: {**slug(w), "pk": w.org_unit.pk},
        EDIT,
        foreign_kwargs=lambda w: {**slug(w), "pk": w.other_org_unit.pk},
    ),
    Case("strategy:member.list", slug, MANAGE),
    Case(
        "strategy:member.edit",
        lambda w: {**slug(w), "pk": w.extra_membership.pk},
        MANAGE,
        foreign_kwargs=lambda w: {**slug(w), "pk": w.other_process.memberships.first().pk},
    ),
    Case(
        "strategy:member.remove",
        lambda w: {**slug(w), "pk": w.extra_membership.pk},
        MANAGE,
        method="post",
        ok=302,
    ),
]

# Vision and steering group.
CASES += [
    Case("strategy:vision.detail", slug, VIEW),
    Case("strategy:vision.edit", slug, EDIT),
    Case(
        "strategy:vision.edit",
        slug,
        EDIT,
        method="post",
        data=lambda w: {"text": "En ny vision.", "principles": "Enkelt", "note": "Ny"},
        ok=302,
    ),
    Case("strategy:vision.compare", slug, VIEW),
    Case("strategy:steering.list", slug, VIEW),
    Case("strategy:meeting.create", slug, MINUTES),
    Case(
        "strategy:meeting.create",
        slug,
        MINUTES,
        method="post",
        data=lambda w: {"number": 7, "date": "2026-04-02", "title": "Styregruppemøde"},
        ok=302,
    ),
    Case(
        "strategy:meeting.detail",
        lambda w: {**slug(w), "pk": w.meeting.pk},
        VIEW,
        foreign_kwargs=lambda w: {**slug(w), "pk": w.other["meeting"].pk},
    ),
    Case(
        "strategy:meeting.edit",
        lambda w: {**slug(w), "pk": w.meeting.pk},
        MINUTES,
        foreign_kwargs=lambda w: {**slug(w), "pk": w.other["meeting"].pk},
    ),
    Case(
        "strategy:meeting.edit",
        lambda w: {**slug(w), "pk": w.meeting.pk},
        MINUTES,
        method="post",
        data=lambda w: {"number": w.meeting.number, "date": "2026-04-02", "title": "SG"},
        ok=302,
        foreign_kwargs=lambda w: {**slug(w), "pk": w.other["meeting"].pk},
    ),
    Case("strategy:decision.create", slug, MINUTES),
    Case(
        "strategy:decision.create",
        slug,
        MINUTES,
        method="post",
        data=lambda w: {"date": "2026-04-02", "text": "Besluttet.", "themes": [w.theme.pk]},
        ok=302,
    ),
    Case(
        "strategy:decision.edit",
        lambda w: {**slug(w), "pk": w.decision.pk},
        MINUTES,
        foreign_kwargs=lambda w: {**slug(w), "pk": w.other["decision"].pk},
    ),
    Case(
        "strategy:decision.edit",
        lambda w: {**slug(w), "pk": w.decision.pk},
        MINUTES,
        method="post",
        data=lambda w: {"date": "2026-04-02", "text": "Ændret.", "meeting": w.meeting.pk},
        ok=302,
        foreign_kwargs=lambda w: {**slug(w), "pk": w.other["decision"].pk},
    ),
]

# Views outside the process matrix, with the reason; each is tested elsewhere.
NOT_IN_MATRIX = {
    "strategy:home": "lists only the user's own processes; tests/strategy/test_views.py",
}
