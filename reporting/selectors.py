"""Reads of the reporting app that views and renderers reuse."""

from __future__ import annotations

from reporting import defaults
from reporting.models import BudgetRequestText
from strategy.enums import ThemeStatus
from strategy.models import StrategicTheme, StrategyProcess


def budget_request_text(process: StrategyProcess) -> BudgetRequestText:
    """The process's budget request prose, or the Danish default (unsaved) when there is none
    yet. 1 query."""
    found = BudgetRequestText.objects.filter(process=process).first()
    return found or BudgetRequestText(process=process, **defaults.budget_request_texts(process))


def prioritised_theme_titles(process: StrategyProcess) -> list[str]:
    """The titles of the process's themes that are neither merged nor parked, by priority."""
    return list(
        StrategicTheme.objects.filter(process=process)
        .exclude(status__in=[ThemeStatus.MERGED, ThemeStatus.PARKED])
        .order_by("priority_rank", "title")
        .values_list("title", flat=True)
    )
