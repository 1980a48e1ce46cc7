"""Server-rendered SVG charts of the action plan: the roadmap (Gantt by quarter) and the 5×5 risk
matrix. Pure geometry from already loaded objects; the templates only draw it (the same SVG goes
into the PDF)."""

from dataclasses import dataclass, field
from datetime import date, timedelta

# --- Roadmap ---------------------------------------------------------------------------------

RM_LABEL_WIDTH = 240
RM_QUARTER_WIDTH = 40
RM_TOP = 40  # year row and quarter row
RM_ROW_HEIGHT = 24
RM_BAR_HEIGHT = 14
RM_BOTTOM = 20
RM_DIAMOND = 6  # half the diagonal of a milestone diamond


@dataclass
class RoadmapColumn:
    x: float
    label: str  # "K1".."K4"
    year: int
    quarter: int


@dataclass
class RoadmapMilestone:
    milestone: object
    x: float
    y: float
    points: str  # the diamond's polygon


@dataclass
class RoadmapRow:
    y: float  # top of the row
    text_y: float
    theme: object = None  # a theme heading row
    initiative: object = None
    bar_x: float | None = None
    bar_width: float = 0
    bar_y: float = 0
    phase_class: str = "rm-phase-none"
    no_dates: bool = False
    start_quarter: str = ""  # "K1 2026"
    end_quarter: str = ""
    milestones: list[RoadmapMilestone] = field(default_factory=list)


@dataclass
class RoadmapArrow:
    from_initiative: object
    to_initiative: object
    path: str


@dataclass
class Roadmap:
    width: int
    height: int
    label_width: int
    chart_width: int
    top: int
    columns: list[RoadmapColumn]
    years: list[tuple[float, int]]  # x of the year's first quarter, year
    rows: list[RoadmapRow]
    arrows: list[RoadmapArrow]
    today_x: float | None
    today: date
    start: date
    end: date  # exclusive: 1 January after the period


def quarter_of(day: date) -> str:
    """ "K2 2026"."""
    return f"K{(day.month - 1) // 3 + 1} {day.year}"


def _quarter_start(year: int, quarter: int) -> date:
    return date(year, 3 * (quarter - 1) + 1, 1)


def roadmap(initiatives: list, *, period_start: int, period_end: int, today: date) -> Roadmap:
    """Geometry of the roadmap. `initiatives` in display order (theme priority, position), with
    `theme`, `milestones` and `dependencies` (each with `depends_on`) loaded."""
    start = date(period_start, 1, 1)
    end = date(period_end + 1, 1, 1)
    quarters = 4 * (period_end - period_start + 1)
    chart_width = quarters * RM_QUARTER_WIDTH

    def x_of(day: date) -> float:
        """Linear within each quarter; clamped to the period."""
        if day <= start:
            return float(RM_LABEL_WIDTH)
        if day >= end:
            return float(RM_LABEL_WIDTH + chart_width)
        quarter = (day.month - 1) // 3
        index = 4 * (day.year - period_start) + quarter
        q_start = _quarter_start(day.year, quarter + 1)
        q_end = (
            _quarter_start(day.year + 1, 1)
            if quarter == 3
            else _quarter_start(day.year, quarter + 2)
        )
        fraction = (day - q_start).days / (q_end - q_start).days
        return round(RM_LABEL_WIDTH + (index + fraction) * RM_QUARTER_WIDTH, 1)

    columns = []
    years = []
    for year in range(period_start, period_end + 1):
        for quarter in range(1, 5):
            x = RM_LABEL_WIDTH + (4 * (year - period_start) + quarter - 1) * RM_QUARTER_WIDTH
            columns.append(RoadmapColumn(x=x, label=f"K{quarter}", year=year, quarter=quarter))
            if quarter == 1:
                years.append((x, year))

    rows: list[RoadmapRow] = []
    by_initiative: dict[int, RoadmapRow] = {}
    y = RM_TOP
    current_theme = None
    for initiative in initiatives:
        if initiative.theme_id != current_theme:
            current_theme = initiative.theme_id
            rows.append(RoadmapRow(y=y, text_y=y + 16, theme=initiative.theme))
            y += RM_ROW_HEIGHT
        row = RoadmapRow(
            y=y,
            text_y=y + 16,
            initiative=initiative,
            bar_y=y + (RM_ROW_HEIGHT - RM_BAR_HEIGHT) / 2,
            phase_class=f"rm-phase-{initiative.phase}" if initiative.phase else "rm-phase-none",
        )
        if initiative.start_date:
            row.start_quarter = quarter_of(initiative.start_date)
        if initiative.end_date:
            row.end_quarter = quarter_of(initiative.end_date)
        if initiative.start_date and initiative.end_date:
            row.bar_x = x_of(initiative.start_date)
            row.bar_width = max(
                round(x_of(initiative.end_date + timedelta(days=1)) - row.bar_x, 1), 2
            )
        else:
            row.no_dates = True
        mid = y + RM_ROW_HEIGHT / 2
        for milestone in initiative.milestones.all():
            if not start <= milestone.due_date < end:
                continue
            mx = x_of(milestone.due_date)
            d = RM_DIAMOND
            row.milestones.append(
                RoadmapMilestone(
                    milestone=milestone,
                    x=mx,
                    y=mid,
                    points=f"{mx},{mid - d} {mx + d},{mid} {mx},{mid + d} {mx - d},{mid}",
                )
            )
        rows.append(row)
        by_initiative[initiative.pk] = row
        y += RM_ROW_HEIGHT

    arrows = []
    for initiative in initiatives:
        target = by_initiative[initiative.pk]
        for dependency in initiative.dependencies.all():
            source = by_initiative.get(dependency.depends_on_id)
            if source is None or source.bar_x is None or target.bar_x is None:
                continue
            x1 = round(source.bar_x + source.bar_width, 1)
            y1 = source.y + RM_ROW_HEIGHT / 2
            x2 = target.bar_x
            y2 = target.y + RM_ROW_HEIGHT / 2
            elbow = round(x1 + 6, 1)
            if x2 >= x1 + 12:
                path = f"M {x1} {y1} H {elbow} V {y2} H {x2}"
            else:  # the dependent starts before there is room: around, on the row boundary
                between = y2 - RM_ROW_HEIGHT / 2 if y1 < y2 else y2 + RM_ROW_HEIGHT / 2
                back = round(x2 - 6, 1)
                path = f"M {x1} {y1} H {elbow} V {between} H {back} V {y2} H {x2}"
            arrows.append(
                RoadmapArrow(
                    from_initiative=dependency.depends_on, to_initiative=initiative, path=path
                )
            )

    return Roadmap(
        width=RM_LABEL_WIDTH + chart_width + 10,
        height=y + RM_BOTTOM,
        label_width=RM_LABEL_WIDTH,
        chart_width=chart_width,
        top=RM_TOP,
        columns=columns,
        years=years,
        rows=rows,
        arrows=arrows,
        today_x=x_of(today) if start <= today < end else None,
        today=today,
        start=start,
        end=end,
    )


# --- Risk matrix -----------------------------------------------------------------------------

RM_CELL = 64
RISK_LEFT = 56  # room for the likelihood axis
RISK_TOP = 10
RISK_BOTTOM = 46  # room for the impact axis
MARKER_RADIUS = 9
MARKERS_PER_ROW = 3
MARKERS_PER_CELL = 9


def score_band(score: int) -> str:
    """low 1-4, medium 5-9, high 10-16, critical 20-25."""
    if score <= 4:
        return "low"
    if score <= 9:
        return "medium"
    if score <= 16:
        return "high"
    return "critical"


@dataclass
class RiskMarker:
    risk: object
    number: int
    x: float
    y: float


@dataclass
class RiskCell:
    likelihood: int
    impact: int
    x: int
    y: int
    band: str
    markers: list[RiskMarker] = field(default_factory=list)
    hidden: int = 0  # markers beyond MARKERS_PER_CELL, shown as "+n"


@dataclass
class RiskMatrix:
    width: int
    height: int
    cell: int
    left: int
    top: int
    cells: list[RiskCell]  # likelihood 5 first (top row), impact 1..5 left to right
    numbered: list[tuple[int, object]]  # (number, risk) in the given order
    axis_y: list[tuple[float, int]]  # label y, likelihood
    axis_x: list[tuple[float, int]]  # label x, impact


def risk_matrix(risks: list) -> RiskMatrix:
    """Geometry of the 5×5 matrix; `risks` sorted as the table shows them (numbered from 1)."""
    cells: dict[tuple[int, int], RiskCell] = {}
    ordered = []
    for likelihood in range(5, 0, -1):
        for impact in range(1, 6):
            cell = RiskCell(
                likelihood=likelihood,
                impact=impact,
                x=RISK_LEFT + (impact - 1) * RM_CELL,
                y=RISK_TOP + (5 - likelihood) * RM_CELL,
                band=score_band(likelihood * impact),
            )
            cells[likelihood, impact] = cell
            ordered.append(cell)
    numbered = []
    spacing = RM_CELL / MARKERS_PER_ROW  # 21.33: three markers of radius 9 side by side
    for number, risk in enumerate(risks, start=1):
        numbered.append((number, risk))
        cell = cells[risk.likelihood, risk.impact]
        index = len(cell.markers)
        if index >= MARKERS_PER_CELL:
            cell.hidden += 1
            continue
        column, row = index % MARKERS_PER_ROW, index // MARKERS_PER_ROW
        cell.markers.append(
            RiskMarker(
                risk=risk,
                number=number,
                x=round(cell.x + spacing * (column + 0.5), 1),
                y=round(cell.y + spacing * (row + 0.5), 1),
            )
        )
    return RiskMatrix(
        width=RISK_LEFT + 5 * RM_CELL + 10,
        height=RISK_TOP + 5 * RM_CELL + RISK_BOTTOM,
        cell=RM_CELL,
        left=RISK_LEFT,
        top=RISK_TOP,
        cells=ordered,
        numbered=numbered,
        axis_y=[(RISK_TOP + (5 - n) * RM_CELL + RM_CELL / 2 + 4, n) for n in range(5, 0, -1)],
        axis_x=[(RISK_LEFT + (n - 1) * RM_CELL + RM_CELL / 2, n) for n in range(1, 6)],
    )
