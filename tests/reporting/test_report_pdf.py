"""The strategy PDF of the current draft: content, tagging, fonts, structure, consent."""

import re

import pytest
from django.urls import reverse

from actionplan.budget_selectors import budget_basis
from tests.reporting.builders import OPEN_QUOTE, SECRET_QUOTE, grow
from tests.reporting.pdftools import pdf_fonts_embedded, pdf_info, pdf_text, qpdf_check

# session, user, membership + building the document (28)
QUERIES_PREVIEW = 31


@pytest.fixture
def report(world):
    objects = grow(world, 2)
    response = world.client_for("viewer").get(
        reverse("reporting:report.pdf", kwargs={"slug": world.process.slug})
    )
    return world, objects, response


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_report_pdf_is_a_tagged_pdf_with_embedded_fonts(report):
    _world, _objects, response = report

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    info = pdf_info(pdf)
    assert info["Tagged"] == "yes"
    assert int(info["Pages"]) >= 8
    fonts = pdf_fonts_embedded(pdf)
    assert fonts
    assert {embedded for _name, embedded in fonts} == {"yes"}
    assert qpdf_check(pdf) == 0


def test_report_pdf_shows_themes_initiatives_and_budget_totals(report):
    world, objects, response = report
    text = _squash(pdf_text(response.content))
    basis = budget_basis(world.process)

    for theme in objects["themes"]:
        assert theme.title in text
    for initiative in objects["initiatives"]:
        assert f"{initiative.number} {initiative.title}" in text
    assert "UDKAST" in text or "DRAFT" in text
    assert re.search(r"Side 1 af \d+", text)
    for figures in (basis.drift, basis.anlaeg, basis.total):
        assert " ".join(figures.display) in text
    assert basis.total.display == ["494", "6", "0", "0"]


def test_report_pdf_never_prints_a_quote_without_consent(report):
    _world, _objects, response = report
    text = _squash(pdf_text(response.content))

    assert SECRET_QUOTE not in text
    assert f"{OPEN_QUOTE} 0" in text


def test_report_preview_shows_the_document(world):
    grow(world, 1)

    response = world.client_for("steering").get(
        reverse("reporting:report.preview", kwargs={"slug": world.process.slug})
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "1.1 Indsats 0-0" in content
    assert SECRET_QUOTE not in content
    assert reverse("reporting:report.pdf", kwargs={"slug": world.process.slug}) in content


@pytest.mark.parametrize("factor", [1, 5])
def test_report_preview_query_count(world, django_assert_num_queries, factor):
    grow(world, factor)
    client = world.client_for("viewer")
    url = reverse("reporting:report.preview", kwargs={"slug": world.process.slug})
    client.get(url)

    with django_assert_num_queries(QUERIES_PREVIEW):
        response = client.get(url)

    assert response.status_code == 200
