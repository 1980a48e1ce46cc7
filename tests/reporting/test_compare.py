"""Comparison of two documents' data and the query counts of the version screens."""

import hashlib

import pytest
from django.urls import reverse

from reporting.compare import compare
from reporting.models import ApprovalRequest, ApprovalStatus, StrategyVersion
from tests.reporting.builders import grow


def _data(themes, initiatives, lines, totals) -> dict:
    return {
        "themes": themes,
        "plan": [{"initiatives": initiatives}],
        "strategy_prerequisites": [],
        "budget": {
            "themes": [{"initiatives": [{"number": "1.1", "lines": lines}]}],
            "totals": totals,
            "financing": [],
        },
    }


def _initiative(key, number, title, prerequisites=()):
    return {
        "key": key,
        "number": number,
        "title": title,
        "phase_label": "Fase 1",
        "period": "",
        "owner": "",
        "status_label": "",
        "in_budget_request": False,
        "prerequisites": list(prerequisites),
    }


def test_compare_finds_added_removed_and_changed_rows():
    theme = {"key": "1", "title": "Tid", "priority_rank": 1, "phase_label": "", "objective": ""}
    prerequisite = {
        "key": "9",
        "description": "Kurser",
        "status_label": "Ikke opfyldt",
        "owner": "",
    }
    line = {"key": "5", "label": "Tablets", "display": ["512", "0", "0", "0"]}
    old = _data(
        [theme],
        [_initiative("3", "1.1", "Skærm", [prerequisite]), _initiative("4", "1.2", "Vagtplan")],
        [line],
        [{"key": "total", "label": "I alt", "display": ["512", "0", "0", "0"]}],
    )
    new = _data(
        [{**theme, "priority_rank": 2}, {**theme, "key": "2", "title": "Data"}],
        [_initiative("3", "1.1", "Skærm", [{**prerequisite, "status_label": "Opfyldt"}])],
        [{**line, "display": ["600", "0", "0", "0"]}],
        [{"key": "total", "label": "I alt", "display": ["600", "0", "0", "0"]}],
    )

    sections = {section.key: section.changes for section in compare(old, new)}

    assert [(c.kind, c.label, [d[1:] for d in c.details]) for c in sections["themes"]] == [
        ("changed", "Tid", [("1", "2")]),
        ("added", "Data", []),
    ]
    assert [(c.kind, c.label) for c in sections["initiatives"]] == [("removed", "1.2 Vagtplan")]
    assert [(c.kind, c.label, [d[1:] for d in c.details]) for c in sections["prerequisites"]] == [
        ("changed", "1.1 Kurser", [("Ikke opfyldt", "Opfyldt")])
    ]
    assert [(c.kind, [d[1:] for d in c.details]) for c in sections["budget_lines"]] == [
        ("changed", [("512 | 0 | 0 | 0", "600 | 0 | 0 | 0")])
    ]
    assert [(c.kind, c.label) for c in sections["budget_totals"]] == [("changed", "I alt")]


def test_compare_of_equal_documents_has_no_changes():
    data = _data([], [], [], [])

    assert [section.changes for section in compare(data, data)] == [[], [], [], [], []]


def _versions(world, count: int) -> None:
    for number in range(1, count + 1):
        approval = ApprovalRequest.objects.create(
            process=world.process,
            submitted_at="2026-05-04T10:00:00Z",
            document_date="2026-05-04",
            snapshot="{}",
            content_sha256=hashlib.sha256(b"{}").hexdigest(),
            status=ApprovalStatus.APPROVED,
            submitted_by=world.users["lead"],
            decided_by=world.users["steering"],
        )
        StrategyVersion.objects.create(
            process=world.process,
            number=number,
            approval_request=approval,
            snapshot="{}",
            content_sha256=hashlib.sha256(b"{}").hexdigest(),
            pdf=b"%PDF",
            pdf_sha256=hashlib.sha256(b"%PDF").hexdigest(),
            approved_by=world.users["steering"],
            approved_by_name="Styregruppe",
            approved_at="2026-05-04T12:00:00Z",
        )


@pytest.mark.parametrize("factor", [1, 5])
def test_version_list_query_count(world, django_assert_num_queries, factor):
    _versions(world, factor)
    client = world.client_for("viewer")
    url = reverse("reporting:version.list", kwargs={"slug": world.process.slug})
    client.get(url)

    with django_assert_num_queries(6):
        response = client.get(url)

    assert response.status_code == 200
    assert f"versions/{factor}/strategy.pdf" in response.content.decode()


@pytest.mark.parametrize("factor", [1, 5])
def test_version_compare_query_count(world, django_assert_num_queries, factor):
    grow(world, factor)
    _versions(world, 1)
    client = world.client_for("viewer")
    url = reverse("reporting:version.compare", kwargs={"slug": world.process.slug})
    client.get(url, {"old": "1", "new": "draft"})

    with django_assert_num_queries(33):
        response = client.get(url, {"old": "1", "new": "draft"})

    assert response.status_code == 200
