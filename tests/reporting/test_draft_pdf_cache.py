"""The draft's PDF is rendered again only when it would come out different (render.draft_pdf)."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from reporting import render
from strategy.enums import Role
from tests.factories import MembershipFactory, ProcessFactory
from tests.reporting.pdftools import pdf_info, pdf_text


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def renders(monkeypatch):
    """Each render returns a PDF of its own ("%PDF-1.7 render N"), and is counted."""
    calls = []

    def fake(document, *, stamp=None):
        calls.append((document.process.title, document.date))
        return f"%PDF-1.7 render {len(calls)}".encode()

    monkeypatch.setattr(render, "strategy_pdf", fake)
    return calls


def download(world, process=None):
    process = process or world.process
    response = world.client_for("viewer").get(
        reverse("reporting:report.pdf", kwargs={"slug": process.slug})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    return response.content


def test_an_unchanged_draft_is_rendered_once(world, renders):
    first = download(world)
    second = download(world)

    assert first == second == b"%PDF-1.7 render 1"
    assert len(renders) == 1


def test_a_changed_draft_is_rendered_again_and_then_kept(world, renders):
    download(world)
    world.process.title = "Digitaliseringsstrategi 0-6 år, 2. udkast"
    world.process.save(update_fields=["title"])

    assert download(world) == b"%PDF-1.7 render 2"
    assert download(world) == b"%PDF-1.7 render 2"
    assert [title for title, _date in renders][-1] == "Digitaliseringsstrategi 0-6 år, 2. udkast"
    assert len(renders) == 2


def test_the_next_day_renders_again_for_the_new_date(world, renders, monkeypatch):
    download(world)
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    monkeypatch.setattr("reporting.document.timezone.localdate", lambda: tomorrow)

    assert download(world) == b"%PDF-1.7 render 2"
    assert renders[-1][1] == tomorrow


def test_each_process_keeps_its_own_draft(world, renders):
    other = ProcessFactory(organisation=world.process.organisation)
    MembershipFactory(process=other, user=world.users["viewer"], role=Role.VIEWER)

    assert download(world) == b"%PDF-1.7 render 1"
    assert download(world, other) == b"%PDF-1.7 render 2"
    assert download(world) == b"%PDF-1.7 render 1"
    assert download(world, other) == b"%PDF-1.7 render 2"
    assert len(renders) == 2


def test_a_new_fingerprint_renders_again(world, renders, monkeypatch):
    download(world)
    monkeypatch.setattr(render, "render_fingerprint", lambda: "another deploy")

    assert download(world) == b"%PDF-1.7 render 2"


def test_the_kept_pdf_is_the_real_rendered_one(world):
    first = download(world)
    second = download(world)

    assert first == second
    assert pdf_info(second)["Tagged"] == "yes"
    assert "UDKAST" in pdf_text(second)


# --- The fingerprint -----------------------------------------------------------------------------


def test_the_fingerprint_covers_templates_css_fonts_code_and_translations(settings):
    base = settings.BASE_DIR
    names = {path.relative_to(base).as_posix() for path in render.fingerprint_files(base)}

    assert {
        "reporting/templates/reporting/strategy.html",
        "reporting/templates/reporting/_document.html",
        "reporting/static/reporting/print.css",
        "reporting/static/reporting/svg-charts.css",
        "reporting/static/reporting/fonts/DejaVuSans.ttf",
        "reporting/render.py",
        "reporting/charts.py",
        "reporting/document.py",
        "core/templatetags/core_tags.py",
    } <= names
    if (base / "locale/da/LC_MESSAGES/django.mo").exists():
        assert "locale/da/LC_MESSAGES/django.mo" in names


def test_the_fingerprint_changes_with_a_file_or_a_package_version(tmp_path):
    (tmp_path / "reporting" / "templates").mkdir(parents=True)
    template = tmp_path / "reporting" / "templates" / "strategy.html"
    template.write_text("<h1>Strategi</h1>")
    (tmp_path / "reporting" / "notes.txt").write_text("not part of a render")
    files = render.fingerprint_files(tmp_path)

    assert files == [template]
    before = render.fingerprint(tmp_path, files, ["weasyprint 70.0"])
    assert render.fingerprint(tmp_path, files, ["weasyprint 70.0"]) == before
    assert render.fingerprint(tmp_path, files, ["weasyprint 71.0"]) != before
    template.write_text("<h1>Strategi 2</h1>")
    assert render.fingerprint(tmp_path, files, ["weasyprint 70.0"]) != before
