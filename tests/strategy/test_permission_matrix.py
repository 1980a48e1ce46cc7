"""Every view of the project × every persona: the permission helper answers as the role matrix says.

anonymous → login redirect; outsider (member of another organisation's process only) → 404;
members → 200/302 when their role grants the view's permission, 403 otherwise.
A URL pattern added without a row here makes `test_every_url_pattern_is_covered` fail.
"""

from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import PERSONAS

VIEW = {"viewer": "ok", "contributor": "ok", "steering": "ok", "lead": "ok"}
EDIT = {"viewer": 403, "contributor": "ok", "steering": 403, "lead": "ok"}
MANAGE = {"viewer": 403, "contributor": 403, "steering": 403, "lead": "ok"}


@dataclass
class Case:
    name: str
    kwargs: object  # world -> dict of URL kwargs
    allowed: dict
    method: str = "get"
    data: object = field(default_factory=lambda: lambda world: {})
    ok: int = 200  # the status of an allowed request


def _slug(w):
    return {"slug": w.process.slug}


CASES = [
    Case("strategy:process.overview", _slug, VIEW),
    Case("strategy:process.edit", _slug, MANAGE),
    Case("strategy:phase.detail", lambda w: {**_slug(w), "pk": w.phase.pk}, VIEW),
    Case("strategy:phase.edit", lambda w: {**_slug(w), "pk": w.phase.pk}, MANAGE),
    Case(
        "strategy:phase.deliverable.add",
        lambda w: {**_slug(w), "pk": w.phase.pk},
        MANAGE,
        method="post",
        data=lambda w: {"title": "Tidsplan"},
        ok=302,
    ),
    Case(
        "strategy:phase.deliverable.toggle",
        lambda w: {**_slug(w), "pk": w.phase.pk, "item": w.deliverable.pk},
        MANAGE,
        method="post",
        data=lambda w: {"done": "on"},
        ok=302,
    ),
    Case(
        "strategy:phase.deliverable.delete",
        lambda w: {**_slug(w), "pk": w.phase.pk, "item": w.deliverable.pk},
        MANAGE,
        method="post",
        ok=302,
    ),
    Case("strategy:orgunit.list", _slug, VIEW),
    Case("strategy:orgunit.create", _slug, EDIT),
    Case("strategy:orgunit.import", _slug, EDIT),
    Case("strategy:orgunit.csv_template", _slug, VIEW),
    Case("strategy:orgunit.detail", lambda w: {**_slug(w), "pk": w.org_unit.pk}, VIEW),
    Case("strategy:orgunit.edit", lambda w: {**_slug(w), "pk": w.org_unit.pk}, EDIT),
    Case("strategy:member.list", _slug, MANAGE),
    Case("strategy:member.edit", lambda w: {**_slug(w), "pk": w.extra_membership.pk}, MANAGE),
    Case(
        "strategy:member.remove",
        lambda w: {**_slug(w), "pk": w.extra_membership.pk},
        MANAGE,
        method="post",
        ok=302,
    ),
]

# Views outside the process matrix, with the reason.
NOT_IN_MATRIX = {
    "strategy:home": "lists only the user's own processes; tested in test_views",
    "healthz": "public health check",
    "set_language": "public language switch",
    "accounts:login": "public",
    "accounts:logout": "public",
    "accounts:password_change": "own account; tested in tests/accounts",
    "accounts:password_change_done": "own account",
    "accounts:password_reset": "public",
    "accounts:password_reset_done": "public",
    "accounts:password_reset_confirm": "public, token-checked",
    "accounts:password_reset_complete": "public",
}


def _pattern_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue  # Django admin: staff only, its own permission system
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            names |= _pattern_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


def test_every_url_pattern_is_covered():
    covered = {case.name for case in CASES} | set(NOT_IN_MATRIX)
    assert _pattern_names(get_resolver()) - covered == set()


def _request(world, case: Case, persona: str):
    url = reverse(case.name, kwargs=case.kwargs(world))
    client = world.client_for(persona)
    return getattr(client, case.method)(url, case.data(world))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_role_matrix(world, case: Case, persona: str):
    response = _request(world, case, persona)

    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    elif persona == "outsider":
        assert response.status_code == 404
    else:
        expected = case.allowed[persona]
        assert response.status_code == (case.ok if expected == "ok" else expected)


OBJECT_CASES = [
    ("strategy:phase.detail", lambda w: {**_slug(w), "pk": w.other_phase.pk}),
    ("strategy:phase.edit", lambda w: {**_slug(w), "pk": w.other_phase.pk}),
    ("strategy:orgunit.detail", lambda w: {**_slug(w), "pk": w.other_org_unit.pk}),
    ("strategy:orgunit.edit", lambda w: {**_slug(w), "pk": w.other_org_unit.pk}),
    ("strategy:member.edit", lambda w: {**_slug(w), "pk": w.other_process.memberships.first().pk}),
]


@pytest.mark.parametrize(("name", "kwargs"), OBJECT_CASES, ids=[c[0] for c in OBJECT_CASES])
def test_object_of_another_process_answers_404_even_to_the_lead(world, name, kwargs):
    response = world.client_for("lead").get(reverse(name, kwargs=kwargs(world)))

    assert response.status_code == 404


def test_unknown_process_answers_404(world):
    response = world.client_for("lead").get("/p/findes-ikke/")

    assert response.status_code == 404
