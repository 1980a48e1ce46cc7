"""Server-rendered SVG charts of the voting rounds (the same drawing on the page, the projector
and, later, the PDF). Pure geometry: the template `workshops/rounds/_score_bars.html` draws it.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

WIDTH = 640
LEFT = 4
VALUE_SPACE = 96  # room for the value to the right of the longest bar
ROW_HEIGHT = 48
LABEL_OFFSET = 17  # the title sits above its bar
BAR_OFFSET = 24
BAR_HEIGHT = 18
TOP = 4
BOTTOM = 6


@dataclass
class ScoreBar:
    key: str
    label: str
    value: Decimal | int | None
    rank: int
    tied: bool
    x: float
    y: float
    width: float
    label_y: float
    value_x: float
    value_y: float


@dataclass
class ScoreBars:
    width: int
    height: int
    max_value: Decimal | int
    bars: list[ScoreBar]


def score_bars(options: Sequence, *, scale_max: Decimal | int | None = None) -> ScoreBars | None:
    """Horizontal bars of the options' scores, one row per option in the given (ranked) order.

    `options` have `key`, `title`, `score` (int, Decimal or None), `rank` and `tied`. The longest
    bar is the highest score, unless `scale_max` fixes the scale (a matrix: 1 to scale_max).
    None when there is nothing to draw.
    """
    if not options:
        return None
    scores = [option.score for option in options if option.score is not None]
    max_value = scale_max if scale_max is not None else max(scores, default=0)
    span = WIDTH - LEFT - VALUE_SPACE
    bars = []
    for row, option in enumerate(options):
        y = TOP + row * ROW_HEIGHT
        if option.score is None or not max_value:
            width = 0.0
        else:
            width = round(float(Decimal(option.score) / Decimal(max_value)) * span, 1)
        bars.append(
            ScoreBar(
                key=option.key,
                label=option.title,
                value=option.score,
                rank=option.rank,
                tied=option.tied,
                x=LEFT,
                y=y + BAR_OFFSET,
                width=width,
                label_y=y + LABEL_OFFSET,
                value_x=round(LEFT + width + 6, 1),
                value_y=y + BAR_OFFSET + BAR_HEIGHT - 4,
            )
        )
    return ScoreBars(
        width=WIDTH,
        height=TOP + len(options) * ROW_HEIGHT + BOTTOM,
        max_value=max_value,
        bars=bars,
    )
