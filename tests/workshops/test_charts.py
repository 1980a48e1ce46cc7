"""Geometry of the voting rounds' score bars (workshops.charts.score_bars)."""

from dataclasses import dataclass
from decimal import Decimal

from workshops.charts import BAR_OFFSET, LABEL_OFFSET, LEFT, ROW_HEIGHT, TOP, WIDTH, score_bars

SPAN = WIDTH - LEFT - 96  # the bar of the highest score


@dataclass
class Option:
    key: str
    title: str
    score: int | Decimal | None
    rank: int
    tied: bool = False


def test_the_highest_score_gets_the_full_span_and_the_others_their_fraction():
    chart = score_bars([Option("2", "B", 40, 1), Option("1", "A", 30, 2), Option("3", "C", 0, 3)])

    assert (chart.width, chart.height, chart.max_value) == (WIDTH, TOP + 3 * ROW_HEIGHT + 6, 40)
    assert [(bar.key, bar.width) for bar in chart.bars] == [("2", 540.0), ("1", 405.0), ("3", 0.0)]
    assert [bar.label_y for bar in chart.bars] == [
        TOP + LABEL_OFFSET,
        TOP + ROW_HEIGHT + LABEL_OFFSET,
        TOP + 2 * ROW_HEIGHT + LABEL_OFFSET,
    ]
    assert [bar.y for bar in chart.bars] == [TOP + BAR_OFFSET + n * ROW_HEIGHT for n in range(3)]
    assert [bar.value_x for bar in chart.bars] == [550.0, 415.0, 10.0]
    assert SPAN == 540


def test_a_fixed_scale_for_the_matrix():
    chart = score_bars(
        [Option("1", "A", Decimal("3.6667"), 1), Option("2", "B", None, 2)], scale_max=5
    )

    assert chart.max_value == 5
    assert [bar.width for bar in chart.bars] == [396.0, 0.0]
    assert [bar.value for bar in chart.bars] == [Decimal("3.6667"), None]


def test_ties_and_ranks_are_carried_to_the_bars():
    chart = score_bars([Option("1", "A", 3, 1, True), Option("2", "B", 3, 1, True)])

    assert [(bar.rank, bar.tied, bar.width) for bar in chart.bars] == [
        (1, True, 540.0),
        (1, True, 540.0),
    ]


def test_all_zero_scores_draw_no_bars_and_nothing_to_draw_is_none():
    chart = score_bars([Option("1", "A", 0, 1, True), Option("2", "B", 0, 1, True)])

    assert [bar.width for bar in chart.bars] == [0.0, 0.0]
    assert score_bars([]) is None
