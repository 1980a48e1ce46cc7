"""Geometry of the roadmap and the risk matrix, with exact numbers (pure functions)."""

from datetime import date
from types import SimpleNamespace

from actionplan import charts


class _Related(list):
    def all(self):
        return self


def _theme(pk, rank):
    return SimpleNamespace(pk=pk, priority_rank=rank, title=f"Tema {pk}")


def _initiative(pk, theme, start=None, end=None, phase="1", milestones=(), depends_on=()):
    return SimpleNamespace(
        pk=pk,
        theme=theme,
        theme_id=theme.pk,
        start_date=start,
        end_date=end,
        phase=phase,
        milestones=_Related(milestones),
        dependencies=_Related(
            SimpleNamespace(depends_on=other, depends_on_id=other.pk) for other in depends_on
        ),
    )


def test_quarter_of():
    assert charts.quarter_of(date(2026, 1, 1)) == "K1 2026"
    assert charts.quarter_of(date(2026, 6, 30)) == "K2 2026"
    assert charts.quarter_of(date(2026, 12, 31)) == "K4 2026"


def test_roadmap_columns_rows_bars_milestones_and_arrows():
    theme_a, theme_b = _theme(1, 1), _theme(2, 2)
    first = _initiative(
        10,
        theme_a,
        date(2026, 1, 1),
        date(2026, 6, 30),
        phase="1",
        milestones=[
            SimpleNamespace(due_date=date(2026, 4, 1), done=True),
            SimpleNamespace(due_date=date(2030, 1, 1), done=False),  # outside: left out
        ],
    )
    undated = _initiative(11, theme_a, phase="")
    second = _initiative(
        20, theme_b, date(2026, 7, 1), date(2027, 12, 31), phase="2", depends_on=[first]
    )

    chart = charts.roadmap(
        [first, undated, second], period_start=2026, period_end=2027, today=date(2026, 2, 15)
    )

    assert (chart.width, chart.height, chart.chart_width) == (570, 180, 320)
    assert [(c.x, c.label, c.year) for c in chart.columns[:5]] == [
        (240, "K1", 2026),
        (280, "K2", 2026),
        (320, "K3", 2026),
        (360, "K4", 2026),
        (400, "K1", 2027),
    ]
    assert chart.years == [(240, 2026), (400, 2027)]
    # theme heading, first, undated, theme heading, second
    assert [(r.y, r.theme is not None) for r in chart.rows] == [
        (40, True),
        (64, False),
        (88, False),
        (112, True),
        (136, False),
    ]
    row_first, row_undated, row_second = chart.rows[1], chart.rows[2], chart.rows[4]
    assert (row_first.bar_x, row_first.bar_width, row_first.bar_y) == (240.0, 80.0, 69.0)
    assert row_first.phase_class == "rm-phase-1"
    assert (row_first.start_quarter, row_first.end_quarter) == ("K1 2026", "K2 2026")
    assert (row_undated.bar_x, row_undated.no_dates, row_undated.phase_class) == (
        None,
        True,
        "rm-phase-none",
    )
    assert (row_second.bar_x, row_second.bar_width, row_second.phase_class) == (
        320.0,
        240.0,
        "rm-phase-2",
    )
    assert [(m.x, m.y, m.points) for m in row_first.milestones] == [
        (280.0, 76.0, "280.0,70.0 286.0,76.0 280.0,82.0 274.0,76.0")
    ]
    assert [a.path for a in chart.arrows] == [
        "M 320.0 76.0 H 326.0 V 136.0 H 314.0 V 148.0 H 320.0"
    ]
    # 15 February: 45 of the 90 days of K1 2026
    assert chart.today_x == 260.0


def test_roadmap_arrow_goes_straight_when_the_dependent_starts_later():
    theme = _theme(1, 1)
    first = _initiative(1, theme, date(2026, 1, 1), date(2026, 3, 31))
    later = _initiative(2, theme, date(2026, 10, 1), date(2026, 12, 31), depends_on=[first])

    chart = charts.roadmap(
        [first, later], period_start=2026, period_end=2026, today=date(2026, 1, 1)
    )

    # first ends at 280 (end of K1), later starts at 360 (start of K4)
    assert [a.path for a in chart.arrows] == ["M 280.0 76.0 H 286.0 V 100.0 H 360.0"]


def test_roadmap_clamps_to_the_period_and_has_no_today_outside_it():
    theme = _theme(1, None)
    early = _initiative(1, theme, date(2020, 5, 1), date(2031, 1, 1))

    chart = charts.roadmap([early], period_start=2026, period_end=2026, today=date(2025, 1, 1))

    assert (chart.rows[1].bar_x, chart.rows[1].bar_width) == (240.0, 160.0)
    assert chart.today_x is None


def test_score_bands():
    assert [charts.score_band(s) for s in (1, 4, 5, 9, 10, 16, 20, 25)] == [
        "low",
        "low",
        "medium",
        "medium",
        "high",
        "high",
        "critical",
        "critical",
    ]


def test_risk_matrix_cells_and_markers():
    risks = [SimpleNamespace(pk=n, likelihood=5, impact=5) for n in range(10)]
    risks.append(SimpleNamespace(pk=99, likelihood=1, impact=2))

    matrix = charts.risk_matrix(risks)

    assert (matrix.width, matrix.height) == (386, 376)
    assert len(matrix.cells) == 25
    top_left, top_right, bottom_left = matrix.cells[0], matrix.cells[4], matrix.cells[20]
    assert (top_left.likelihood, top_left.impact, top_left.x, top_left.y, top_left.band) == (
        5,
        1,
        56,
        10,
        "medium",
    )
    assert (top_right.x, top_right.y, top_right.band) == (312, 10, "critical")
    assert (bottom_left.likelihood, bottom_left.impact, bottom_left.y, bottom_left.band) == (
        1,
        1,
        266,
        "low",
    )
    assert [(m.number, m.x, m.y) for m in top_right.markers[:4]] == [
        (1, 322.7, 20.7),
        (2, 344.0, 20.7),
        (3, 365.3, 20.7),
        (4, 322.7, 42.0),
    ]
    assert (len(top_right.markers), top_right.hidden) == (9, 1)
    cell_1_2 = matrix.cells[21]
    assert [(m.number, m.risk.pk, m.x, m.y) for m in cell_1_2.markers] == [(11, 99, 130.7, 276.7)]
    assert [n for n, _ in matrix.numbered] == list(range(1, 12))
    assert matrix.axis_x[0] == (88.0, 1)
    assert matrix.axis_y[0] == (46.0, 5)


# --- The pages -------------------------------------------------------------------------------


def _svg(html: str, svg_id: str):
    """The <svg> element with this id, parsed as XML (it must be well-formed for the PDF)."""
    import re
    import xml.etree.ElementTree as ET

    match = re.search(rf'<svg[^>]*id="{svg_id}".*?</svg>', html, re.S)
    assert match is not None
    return ET.fromstring(match.group(0))  # noqa: S314 - our own rendered page


SVG = "{http://www.w3.org/2000/svg}"


def test_roadmap_page_draws_bars_milestones_arrows_and_the_table(world, lead_client):
    from django.urls import reverse

    from actionplan.models import Dependency, Milestone
    from tests.factories import InitiativeFactory, ThemeFactory

    theme = ThemeFactory(process=world.process, priority_rank=1, title="Tema A")
    first = InitiativeFactory(
        theme=theme,
        position=1,
        title="Først",
        start_date=date(2027, 1, 1),
        end_date=date(2027, 6, 30),
        phase="1",
    )
    second = InitiativeFactory(
        theme=theme,
        position=2,
        title="Bagefter",
        start_date=date(2027, 7, 1),
        end_date=date(2027, 12, 31),
        phase="2",
    )
    undated = InitiativeFactory(theme=theme, position=3, title="Udateret")
    Milestone.objects.create(initiative=first, title="Pilot", due_date=date(2027, 4, 1), done=True)
    Milestone.objects.create(initiative=second, title="Drift", due_date=date(2027, 10, 1))
    Dependency.objects.create(initiative=second, depends_on=first)
    InitiativeFactory(theme=world.other["theme"], title="Fremmed")

    response = lead_client.get(reverse("actionplan:roadmap", kwargs={"slug": world.process.slug}))

    assert response.status_code == 200
    html = response.content.decode()
    svg = _svg(html, "roadmap-svg")
    # the world's process runs 2027-2030: 16 quarters of 40 px after 240 px of labels
    assert svg.get("viewBox") == "0 0 890 156"
    bars = svg.findall(f".//{SVG}rect")
    assert [(b.get("class"), b.get("x"), b.get("width")) for b in bars] == [
        ("rm-bar rm-phase-1 rm-status-not_started", "240.0", "80.0"),
        ("rm-bar rm-phase-2 rm-status-not_started", "320.0", "80.0"),
    ]
    diamonds = svg.findall(f".//{SVG}polygon")
    assert [d.get("class") for d in diamonds] == ["rm-milestone rm-done", "rm-milestone rm-open"]
    arrows = svg.findall(f".//{SVG}path[@class='rm-arrow']")
    assert [a.get("d") for a in arrows] == ["M 320.0 76.0 H 326.0 V 88.0 H 314.0 V 100.0 H 320.0"]
    nodates = svg.findall(f".//{SVG}text[@class='rm-text rm-nodates']")
    assert len(nodates) == 1
    labels = [t.text for t in svg.findall(f".//{SVG}text[@class='rm-text rm-label']")]
    assert labels == ["1.1 Først", "1.2 Bagefter", "1.3 Udateret"]
    for initiative in (first, second, undated):
        assert f'id="roadmap-row-{initiative.pk}"' in html
    assert "Fremmed" not in html
    assert "K1 2027" in html and "K4 2027" in html
    assert "style=" not in svg_text(html)


def svg_text(html: str) -> str:
    import re

    return re.search(r"<svg.*?</svg>", html, re.S).group(0)


def test_risk_matrix_page_numbers_risks_by_score(world, lead_client):
    from django.urls import reverse

    from actionplan.models import Risk
    from tests.factories import InitiativeFactory

    initiative = InitiativeFactory(theme=world.theme, title="Velfærd")
    low = Risk.objects.create(process=world.process, description="Lav", likelihood=1, impact=2)
    high = Risk.objects.create(
        process=world.process, initiative=initiative, description="Høj", likelihood=4, impact=5
    )
    middle = Risk.objects.create(
        process=world.process, description="Mellem", likelihood=3, impact=3
    )
    Risk.objects.create(process=world.other_process, description="Fremmed", likelihood=5, impact=5)

    response = lead_client.get(
        reverse("actionplan:risk.matrix", kwargs={"slug": world.process.slug})
    )

    assert response.status_code == 200
    assert [(n, r) for n, r in response.context["matrix"].numbered] == [
        (1, high),
        (2, middle),
        (3, low),
    ]
    html = response.content.decode()
    svg = _svg(html, "risk-matrix-svg")
    markers = svg.findall(f".//{SVG}g[@class='risk-marker']")
    assert [m.get("data-risk") for m in markers] == [str(high.pk), str(middle.pk), str(low.pk)]
    cells = svg.findall(f".//{SVG}rect")
    assert len(cells) == 25
    assert cells[4].get("class") == "risk-cell risk-band-critical"
    assert f'id="risk-row-{high.pk}"' in html
    assert "Fremmed" not in html
