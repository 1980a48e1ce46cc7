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
    assert [a.path for a in chart.arrows] == ["M 320.0 76.0 H 326.0 V 148.0 H 320.0"]
    # 15 February: 45 of the 90 days of K1 2026
    assert chart.today_x == 260.0


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
