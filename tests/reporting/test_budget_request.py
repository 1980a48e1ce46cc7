"""The budget request: the lead's prose, the economy table of the budget request, the PDF."""

import re

import pytest
from django.urls import reverse

from actionplan.budget_selectors import budget_basis
from reporting.models import BudgetRequestText
from tests.reporting.builders import grow
from tests.reporting.pdftools import pdf_info, pdf_text, qpdf_check


def _edit_url(world) -> str:
    return reverse("reporting:budget_request.edit", kwargs={"slug": world.process.slug})


def test_budget_request_form_shows_the_danish_defaults(world):
    response = world.client_for("lead").get(_edit_url(world))

    assert response.status_code == 200
    assert "søges indarbejdet i budget 2027" in response.content.decode()
    assert BudgetRequestText.objects.count() == 0


def test_lead_saves_the_budget_request_text(world):
    response = world.client_for("lead").post(
        _edit_url(world),
        {"committee": "Børne- og Skoleudvalget", "core": "  Kernen  ", "recommendation": "At"},
    )

    assert response.status_code == 302
    text = BudgetRequestText.objects.get(process=world.process)
    assert (text.committee, text.core, text.recommendation, text.background) == (
        "Børne- og Skoleudvalget",
        "Kernen",
        "At",
        "",
    )
    assert text.updated_by == world.users["lead"]


def test_too_long_text_is_refused_with_400(world):
    response = world.client_for("lead").post(_edit_url(world), {"core": "x" * 3001})

    assert response.status_code == 400
    assert BudgetRequestText.objects.count() == 0


@pytest.mark.parametrize("persona", ["steering", "contributor", "viewer"])
def test_only_the_lead_edits_the_budget_request(world, persona):
    response = world.client_for(persona).post(_edit_url(world), {"core": "x"})

    assert response.status_code == 403
    assert BudgetRequestText.objects.count() == 0


def test_budget_request_pdf_has_the_case_format_and_the_totals(world):
    grow(world, 2)
    BudgetRequestText.objects.create(
        process=world.process,
        committee="Børne- og Skoleudvalget",
        department="Børne- og Kulturforvaltningen",
        core="Sagens kerne her",
    )
    basis = budget_basis(world.process, "request")

    response = world.client_for("steering").get(
        reverse("reporting:budget_request.pdf", kwargs={"slug": world.process.slug})
    )

    assert response.status_code == 200
    pdf = response.content
    text = re.sub(r"\s+", " ", pdf_text(pdf))
    assert f"Budgetønske til Budget 2027 – {world.process.title}" in text
    assert "Udvalg Børne- og Skoleudvalget" in text
    # The case header's "Forvaltning", not the admin menu's "Administration" (one msgid once).
    assert "Forvaltning Børne- og Kulturforvaltningen" in text
    assert "Sagens kerne her" in text
    assert "søges indarbejdet i budget 2027" not in text  # saved text replaces the default
    for figures in (basis.drift, basis.anlaeg):
        assert " ".join(figures.display) in text
    assert "Udgift 1-1" in text
    assert pdf_info(pdf)["Tagged"] == "yes"
    assert qpdf_check(pdf) == 0
