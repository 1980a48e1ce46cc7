"""Strategic themes with their evidence; create, edit, change status, merge.

Theme writes go through strategy.services (theme_create, theme_update, theme_set_status) and
workshops.services.board.theme_merge.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.http import add_service_errors, post_data
from strategy import services as strategy_services
from strategy.enums import ThemeStatus
from strategy.models import StrategicTheme
from strategy.permissions import Perm, get_object_in_process, get_process_for_user
from strategy.services import theme_set_status, theme_update
from workshops.forms.evidence import ThemeFilterForm, ThemeForm, ThemeMergeForm, ThemeStatusForm
from workshops.selectors import evidence as selectors
from workshops.services import board as services


def _get_theme(request, slug: str, pk: int, perm: Perm = Perm.VIEW):
    process = get_process_for_user(request.user, slug, perm)
    theme = get_object_in_process(
        StrategicTheme.objects.select_related("priority_decision__meeting"), process, pk=pk
    )
    theme.process = process
    return process, theme


@login_required
@require_safe
def theme_list(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug)
    filter_form = ThemeFilterForm(request.GET or None)
    themes = list(
        selectors.themes_for_process(process, process.perms, status=filter_form.status_filter())
    )
    ctx = {"process": process, "themes": themes, "filter_form": filter_form}
    return render(request, "workshops/themes/list.html", ctx)


@login_required
@require_http_methods(["GET", "POST"])
def theme_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    return _theme_form(request, process, None)


@login_required
@require_http_methods(["GET", "POST"])
def theme_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, theme = _get_theme(request, slug, pk, Perm.EDIT)
    return _theme_form(request, process, theme)


def _theme_form(request, process, theme: StrategicTheme | None) -> HttpResponse:
    form = ThemeForm(post_data(request), instance=theme, process=process)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            if theme is None:
                theme = strategy_services.theme_create(process=process, **data)
            else:
                theme = theme_update(theme=theme, data=data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("“%(theme)s” was saved.") % {"theme": theme.title})
            return redirect("workshops:theme.detail", slug=process.slug, pk=theme.pk)
    ctx = {"process": process, "form": form, "theme": theme}
    status = 400 if form.errors else 200
    return render(request, "workshops/themes/form.html", ctx, status=status)


def _detail(
    request, process, theme, *, status_form=None, status_error: str = "", status: int = 200
) -> HttpResponse:
    merged_into, merged_from = selectors.theme_merges(theme)
    ctx = {
        "process": process,
        "theme": theme,
        "evidence": selectors.theme_evidence(theme, process.perms),
        "merged_into": merged_into,
        "merged_from": merged_from,
        "decisions": selectors.decisions_for_theme(theme),
        "priority_round": selectors.priority_round(theme),
        "is_merged": theme.status == ThemeStatus.MERGED,
        "status_error": status_error,
    }
    if Perm.EDIT in process.perms and not ctx["is_merged"]:
        ctx["status_form"] = status_form or ThemeStatusForm(initial={"status": theme.status})
    return render(request, "workshops/themes/detail.html", ctx, status=status)


@login_required
@require_safe
def theme_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, theme = _get_theme(request, slug, pk)
    return _detail(request, process, theme)


@login_required
@require_POST
def theme_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, theme = _get_theme(request, slug, pk, Perm.EDIT)
    form = ThemeStatusForm(request.POST)
    if form.is_valid():
        try:
            theme_set_status(theme=theme, status=form.cleaned_data["status"])
        except ValidationError as exc:
            theme.refresh_from_db(fields=["status"])
            form.add_error("status", exc.messages)
        else:
            messages.success(
                request,
                _("The status is now: %(status)s.") % {"status": theme.get_status_display()},
            )
            return redirect("workshops:theme.detail", slug=process.slug, pk=theme.pk)
    error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    return _detail(request, process, theme, status_form=form, status_error=error, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def theme_merge(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, source = _get_theme(request, slug, pk, Perm.EDIT)
    ctx = {"process": process, "theme": source}
    if source.status == ThemeStatus.MERGED:
        ctx["already_merged"] = True
        return render(
            request,
            "workshops/themes/merge.html",
            ctx,
            status=400 if request.method == "POST" else 200,
        )
    insights = selectors.insights_of_theme(source, process.perms)
    form = ThemeMergeForm(post_data(request), source=source, insights=insights)
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_merge(
                source=source,
                targets=list(form.cleaned_data["targets"]),
                assignments=form.cleaned_data["assignments"],
                user=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("“%(theme)s” was merged.") % {"theme": source.title})
            return redirect("workshops:theme.detail", slug=process.slug, pk=source.pk)
    ctx["form"] = form
    status = 400 if form.errors else 200
    return render(request, "workshops/themes/merge.html", ctx, status=status)
