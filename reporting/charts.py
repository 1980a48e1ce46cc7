"""The document's charts: the same geometry functions and SVG fragments as the screens
(`workshops.charts.score_bars`, `actionplan.charts.roadmap`), fed from the document's plain
values instead of model rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

from actionplan import charts as plan_charts
from workshops import charts as vote_charts


@dataclass
class _Related:
    """Stands in for a related manager: `.all()` of already loaded rows."""

    rows: list = field(default_factory=list)

    def all(self) -> list:
        return self.rows


def score_bars(vote):
    """The score bars of a vote (VoteInfo) in rank order."""
    options = [
        SimpleNamespace(key=str(n), title=o.title, score=o.score, rank=o.rank, tied=o.tied)
        for n, o in enumerate(vote.options)
    ]
    return vote_charts.score_bars(options)


def roadmap(document):
    """The roadmap of the document's initiatives over the strategy period, as of its date."""
    initiatives = []
    by_number = {}
    for theme_index, theme in enumerate(document.plan):
        theme_row = SimpleNamespace(title=theme.title, priority_rank=theme.priority_rank)
        for info in theme.initiatives:
            initiative = SimpleNamespace(
                pk=info.key,
                theme_id=theme_index,
                theme=theme_row,
                number=info.number,
                title=info.title,
                phase=info.phase,
                status=info.status,
                start_date=info.start_date,
                end_date=info.end_date,
                milestones=_Related(
                    [
                        SimpleNamespace(title=m.title, due_date=m.due_date, done=m.done)
                        for m in info.milestones
                    ]
                ),
                dependencies=_Related(),
                depends_on_numbers=info.depends_on,
            )
            initiatives.append(initiative)
            by_number[info.number] = initiative
    for initiative in initiatives:
        initiative.dependencies.rows = [
            SimpleNamespace(depends_on_id=by_number[n].pk, depends_on=by_number[n])
            for n in initiative.depends_on_numbers
            if n in by_number
        ]
    if not initiatives:
        return None
    return plan_charts.roadmap(
        initiatives,
        period_start=document.process.period_start,
        period_end=document.process.period_end,
        today=document.date,
    )
