"""The budget request (budgetønske) in the municipal case format of DOMAIN.md §3: a header,
Sagens kerne, Baggrund, the economy table of the initiatives in the budget request, Forudsætninger,
Risici and Indstilling. The prose is the lead's (BudgetRequestText, with Danish defaults)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone, translation

from actionplan.budget_enums import Scenario
from reporting import render as renderers
from reporting import selectors
from reporting.document import (
    BudgetInfo,
    CatalogueItemInfo,
    budget_info,
    investment_info,
)
from reporting.models import BudgetRequestText
from strategy.models import StrategyProcess


@dataclass
class BudgetRequest:
    date: datetime.date
    organisation: str
    process_title: str
    budget_year: int
    price_level_year: int
    text: BudgetRequestText
    themes: list[str]
    economy: BudgetInfo
    devices: int
    catalogue: list[CatalogueItemInfo]

    @property
    def title(self) -> str:
        return f"Budgetønske til Budget {self.budget_year} – {self.process_title}"


def build_budget_request(
    process: StrategyProcess, *, today: datetime.date | None = None
) -> BudgetRequest:
    with translation.override("da"):
        investment = investment_info(process)
        return BudgetRequest(
            date=today or timezone.localdate(),
            organisation=process.organisation.name,
            process_title=process.title,
            budget_year=process.budget_year,
            price_level_year=process.price_level_year,
            text=selectors.budget_request_text(process),
            themes=selectors.prioritised_theme_titles(process),
            economy=budget_info(process, Scenario.REQUEST),
            devices=investment.need.total,
            catalogue=investment.catalogue,
        )


def budget_request_html(request_document: BudgetRequest) -> str:
    with translation.override("da"):
        return render_to_string("reporting/budget_request.html", {"request": request_document})


def budget_request_pdf(request_document: BudgetRequest) -> bytes:
    return renderers.html_to_pdf(budget_request_html(request_document))
