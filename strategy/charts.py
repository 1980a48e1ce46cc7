"""Server-rendered SVG charts of the strategy app (the same SVG goes into the PDF)."""

from dataclasses import dataclass
from datetime import date, timedelta

from strategy.models import ProcessPhase


@dataclass
class TimelineBar:
    phase: ProcessPhase
    x: float
    y: float
    width: float
    label_y: float
    current: bool


@dataclass
class Timeline:
    width: int
    height: int
    label_width: int
    bars: list[TimelineBar]
    today_x: float | None
    today: date
    start: date
    end: date
    ticks: list[tuple[float, date]]


ROW_HEIGHT = 26
LABEL_WIDTH = 260
CHART_WIDTH = 560
TOP = 24
BOTTOM = 24
MIN_TICK_SPACING = 64


def phase_timeline(
    phases: list[ProcessPhase], today: date, current_id: int | None
) -> Timeline | None:
    """Geometry of a Gantt-like bar per dated phase with a line for today; None without dates."""
    dated = [phase for phase in phases if phase.start_date and phase.end_date]
    if not dated:
        return None
    start = min(phase.start_date for phase in dated)
    end = max(phase.end_date for phase in dated) + timedelta(days=1)
    span = max((end - start).days, 1)

    def x_of(day: date) -> float:
        return round(LABEL_WIDTH + (day - start).days / span * CHART_WIDTH, 1)

    bars = []
    for row, phase in enumerate(phases):
        y = TOP + row * ROW_HEIGHT
        if phase.start_date and phase.end_date:
            x = x_of(phase.start_date)
            width = max(round(x_of(phase.end_date + timedelta(days=1)) - x, 1), 2)
        else:
            x, width = LABEL_WIDTH, 0
        bars.append(
            TimelineBar(
                phase=phase,
                x=x,
                y=y + 4,
                width=width,
                label_y=y + 17,
                current=phase.pk == current_id,
            )
        )
    ticks = []  # month starts, labelled only where there is room for the label
    month = date(start.year, start.month, 1)
    last_label_x = -MIN_TICK_SPACING
    while month <= end:
        if month >= start and x_of(month) - last_label_x >= MIN_TICK_SPACING:
            ticks.append((x_of(month), month))
            last_label_x = x_of(month)
        month = date(month.year + (month.month // 12), month.month % 12 + 1, 1)
    today_x = x_of(today) if start <= today <= end else None
    return Timeline(
        width=LABEL_WIDTH + CHART_WIDTH + 20,
        height=TOP + len(phases) * ROW_HEIGHT + BOTTOM,
        label_width=LABEL_WIDTH,
        bars=bars,
        today_x=today_x,
        today=today,
        start=start,
        end=end,
        ticks=ticks,
    )
