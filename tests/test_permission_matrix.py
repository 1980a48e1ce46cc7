"""Every view of the project × every persona: the permission helper answers as the role matrix says.

anonymous → login redirect; outsider (member of another organisation's process only) → 404;
members → 200/302 when their role grants the view's permission, 403 otherwise; an object of
another process reached through this process's address → 404 even for the lead.
A URL pattern added without a case makes `test_every_url_pattern_is_covered` fail.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.actionplan import matrix_cases as actionplan_cases
from tests.api import matrix_cases as api_cases
from tests.conftest import PERSONAS
from tests.matrix import Case
from tests.reporting import matrix_cases as reporting_cases
from tests.strategy import matrix_cases as strategy_cases
from tests.workshops import matrix_cases as workshops_cases

CASES: list[Case] = [
    *strategy_cases.CASES,
    *workshops_cases.CASES,
    *actionplan_cases.CASES,
    *reporting_cases.CASES,
]

NOT_IN_MATRIX = {
    **strategy_cases.NOT_IN_MATRIX,
    **workshops_cases.NOT_IN_MATRIX,
    **actionplan_cases.NOT_IN_MATRIX,
    **reporting_cases.NOT_IN_MATRIX,
    **api_cases.NOT_IN_MATRIX,
    "healthz": "public health check; tests/core/test_healthz.py",
    "set_language": "public language switch; tests/core/test_security_headers.py",
    "accounts:login": "public; tests/accounts",
    "accounts:logout": "public; tests/accounts",
    "accounts:password_change": "own account; tests/accounts",
    "accounts:password_change_done": "own account",
    "accounts:password_reset": "public; tests/accounts",
    "accounts:password_reset_done": "public",
    "accounts:password_reset_confirm": "public, token-checked; tests/accounts",
    "accounts:password_reset_complete": "public",
    "accounts:otp_verify": "the login's code step; tests/accounts/test_two_factor.py",
    "accounts:otp_enrol": "own account (every member may enrol); tests/accounts/test_two_factor.py",
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


def test_no_case_names_a_missing_url_pattern():
    assert {case.name for case in CASES} - _pattern_names(get_resolver()) == set()


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_role_matrix(world, case: Case, persona: str):
    url = reverse(case.name, kwargs=case.kwargs(world))

    response = getattr(world.client_for(persona), case.method)(url, case.data(world))

    if persona == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
    elif persona == "outsider":
        assert response.status_code == 404
    else:
        expected = case.allowed[persona]
        assert response.status_code == (case.ok if expected == "ok" else expected)


FOREIGN = [case for case in CASES if case.foreign_kwargs is not None]


@pytest.mark.parametrize("case", FOREIGN, ids=lambda case: case.name)
def test_object_of_another_process_answers_404_even_to_the_lead(world, case: Case):
    url = reverse(case.name, kwargs=case.foreign_kwargs(world))

    response = getattr(world.client_for("lead"), case.method)(url, case.data(world))

    assert response.status_code == 404


def test_unknown_process_answers_404(world):
    response = world.client_for("lead").get("/p/findes-ikke/")

    assert response.status_code == 404
