"""The action plan, its exports, the roadmap, the risk matrix and the strategy-level prerequisites
and risks."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from actionplan import charts, selectors
from strategy.permissions import Perm, get_process_for_user


def views(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def plan(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def plan_csv(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def csv(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def plan_xlsx(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def xlsx(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


@login_required
@require_safe
def roadmap(request: HttpRequest, slug: str) -> HttpResponse:
    """The roadmap: a Gantt chart by quarter over the strategy period, and the same as a table."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    initiatives = selectors.roadmap_initiatives(process)
    chart = charts.roadmap(
        initiatives,
        period_start=process.period_start,
        period_end=process.period_end,
        today=timezone.localdate(),
    )
    ctx = {"process": process, "roadmap": chart, "initiatives": initiatives}
    return render(request, "actionplan/roadmap.html", ctx)


@login_required
@require_safe
def risk_matrix(request: HttpRequest, slug: str) -> HttpResponse:
    """The 5×5 risk matrix and the table of risks, highest score first."""
    process = get_process_for_user(request.user, slug, Perm.VIEW)
    matrix = charts.risk_matrix(selectors.risks_by_score(process))
    ctx = {"process": process, "matrix": matrix}
    return render(request, "actionplan/risk_matrix.html", ctx)


def prerequisite_list(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def prerequisite_edit(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError


def risk_edit(request, **kwargs):  # pragma: no cover - replaced by the implementation
    raise NotImplementedError
