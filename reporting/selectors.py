"""Reads of the reporting app that views and renderers reuse."""

from __future__ import annotations

from reporting import defaults
from reporting.models import ApprovalRequest, BudgetRequestText, StrategyVersion
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


def versions_of_process(process: StrategyProcess) -> list[StrategyVersion]:
    """The approved versions, newest first, without their PDF bytes and snapshot. 1 query."""
    return list(
        StrategyVersion.objects.filter(process=process).defer("pdf", "snapshot").order_by("-number")
    )


def version_numbers(process: StrategyProcess) -> list[int]:
    return list(
        StrategyVersion.objects.filter(process=process)
        .order_by("number")
        .values_list("number", flat=True)
    )


def approval_requests_of_process(process: StrategyProcess) -> list[ApprovalRequest]:
    """Every approval request, newest first, with who submitted and decided. 1 query."""
    return list(
        ApprovalRequest.objects.filter(process=process)
        .select_related("submitted_by", "decided_by")
        .defer("snapshot")
        .order_by("-submitted_at", "-id")
    )


def approval_queryset():
    return ApprovalRequest.objects.select_related("submitted_by", "decided_by").defer("snapshot")
