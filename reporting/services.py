"""Every write of the reporting app."""

from __future__ import annotations

from reporting.models import BudgetRequestText
from strategy.models import StrategyProcess


def budget_request_text_save(*, process: StrategyProcess, data: dict, user) -> BudgetRequestText:
    """Create or change the process's budget request prose."""
    text = BudgetRequestText.objects.filter(process=process).first() or BudgetRequestText(
        process=process
    )
    for name, value in data.items():
        setattr(text, name, value.strip() if isinstance(value, str) else value)
    text.updated_by = user
    text.full_clean()
    text.save()
    return text
