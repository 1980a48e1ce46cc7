"""The facilitator board: every note of a workshop, live; cluster notes into themes, with undo.

`board.notes` is the polled fragment. It answers 204 (no body, htmx swaps nothing) when the
`v` it is given equals the current version of the workshop's notes, and 200 with the notes
partial (carrying the new version in its `hx-get`) otherwise. It costs a constant number of
queries: the session, the user, the membership, the workshop with its version (one query), and
for a 200 the notes and their theme tags.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from core.htmx import is_htmx, swap_refusal
from core.http import add_service_errors
from strategy.permissions import Perm, get_object_in_process, get_process_for_user
from workshops.forms.evidence import (
    BoardAssignForm,
    BoardCreateThemeForm,
    BoardDuplicatesForm,
    BoardFilterForm,
)
from workshops.selectors import evidence as selectors
from workshops.services import board as services

TEMPLATE = "workshops/board/board.html"


def _board_workshop(request, slug: str, pk: int, perm: Perm = Perm.VIEW):
    """The process and the workshop, annotated with the version of its notes: one query each."""
    process = get_process_for_user(request.user, slug, perm)
    workshop = get_object_in_process(selectors.board_workshop_queryset(process), process, pk=pk)
    workshop.process = process
    return process, workshop


def _query(filters: dict, **extra) -> str:
    params = {name: value for name, value in filters.items() if value}
    params.update(extra)
    return urlencode(params)


def _notes_context(process, workshop, filters: dict, *, preserve: bool = True) -> dict:
    version = selectors.board_version(workshop)
    notes_url = reverse("workshops:board.notes", kwargs={"slug": process.slug, "pk": workshop.pk})
    return {
        "process": process,
        "workshop": workshop,
        "notes": selectors.board_notes(workshop, **filters),
        "note_total": workshop.v_notes,
        "filters": filters,
        "version": version,
        "poll_url": f"{notes_url}?{_query(filters, v=version)}",
        "preserve": preserve,
        "can_edit": Perm.EDIT in process.perms,
    }


def _actions_context(process, workshop, *, bound=None, status_message: str = "") -> dict:
    """The action panel: the three forms (one of them bound when it failed), the themes to
    assign to and the action that undo would reverse."""
    forms = {
        "assign_form": BoardAssignForm(workshop=workshop),
        "create_form": BoardCreateThemeForm(workshop=workshop),
        "duplicates_form": BoardDuplicatesForm(workshop=workshop),
    }
    error_form = None
    if bound is not None:
        for key, form in forms.items():
            if type(form) is type(bound):
                forms[key] = bound
        error_form = bound
    return {
        **forms,
        "themes": list(selectors.open_themes(process)),
        "error_form": error_form,
        "last_action": selectors.last_board_action(workshop),
        "status_message": status_message,
    }


def _board_url(process, workshop, filters: dict) -> str:
    url = reverse("workshops:board.detail", kwargs={"slug": process.slug, "pk": workshop.pk})
    query = _query(filters)
    return f"{url}?{query}" if query else url


@login_required
@require_safe
def board(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The board page. An htmx request (the filter form) gets only the notes partial, and its
    URL (this page with the filters) is pushed to the history."""
    process, workshop = _board_workshop(request, slug, pk)
    filter_form = BoardFilterForm(request.GET or None)
    filters = filter_form.filters()
    ctx = _notes_context(process, workshop, filters)
    if is_htmx(request):
        return render(request, f"{TEMPLATE}#notes", ctx)
    ctx["filter_form"] = filter_form
    if ctx["can_edit"]:
        ctx.update(_actions_context(process, workshop))
    return render(request, TEMPLATE, ctx)


@login_required
@require_safe
def board_notes(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The polled notes partial: 204 when `v` is the current version, else 200 with the partial.
    Parameters: `v` (the version the page shows), `kind` and `group` (filters)."""
    process, workshop = _board_workshop(request, slug, pk)
    if request.GET.get("v") == selectors.board_version(workshop):
        return HttpResponse(status=204)
    filters = BoardFilterForm(request.GET).filters()
    return render(request, f"{TEMPLATE}#notes", _notes_context(process, workshop, filters))


def _action(request, slug: str, pk: int, form_class, run) -> HttpResponse:
    """Run a board action: validate the form, call `run(workshop, form)` (which returns the
    message to show), answer an htmx request with the notes partial plus the action panel
    (out of band), and a plain POST with a redirect back to the board and its filters."""
    process, workshop = _board_workshop(request, slug, pk, Perm.EDIT)
    filters = BoardFilterForm(request.POST).filters()
    form = form_class(request.POST, workshop=workshop) if form_class else None
    if form is None or form.is_valid():
        try:
            message = run(workshop, form)
        except ValidationError as exc:
            if form is None:
                raise
            add_service_errors(form, exc)
        else:
            if not is_htmx(request):
                messages.success(request, message)
                return redirect(_board_url(process, workshop, filters))
            _process, workshop = _board_workshop(request, slug, pk, Perm.EDIT)
            return _partials(
                request,
                _notes_context(process, workshop, filters, preserve=False),
                _actions_context(process, workshop, status_message=message),
            )
    notes_ctx = _notes_context(process, workshop, filters)
    actions_ctx = _actions_context(process, workshop, bound=form)
    if is_htmx(request):
        return swap_refusal(_partials(request, notes_ctx, actions_ctx, status=400))
    ctx = {**notes_ctx, **actions_ctx, "filter_form": BoardFilterForm(filters)}
    return render(request, TEMPLATE, ctx, status=400)


def _partials(request, notes_ctx: dict, actions_ctx: dict, status: int = 200) -> HttpResponse:
    notes = render_to_string(f"{TEMPLATE}#notes", notes_ctx, request=request)
    actions = render_to_string(
        f"{TEMPLATE}#actions", {**notes_ctx, **actions_ctx, "oob": True}, request=request
    )
    return HttpResponse(notes + actions, status=status)


@login_required
@require_POST
def board_assign(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    def run(workshop, form):
        notes, theme = list(form.cleaned_data["notes"]), form.cleaned_data["theme"]
        services.board_assign(workshop=workshop, insights=notes, theme=theme, user=request.user)
        return ngettext(
            "%(n)d note was assigned to “%(theme)s”.",
            "%(n)d notes were assigned to “%(theme)s”.",
            len(notes),
        ) % {"n": len(notes), "theme": theme.title}

    return _action(request, slug, pk, BoardAssignForm, run)


@login_required
@require_POST
def board_create_theme(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    def run(workshop, form):
        notes = list(form.cleaned_data["notes"])
        _action_row, theme = services.board_create_theme(
            workshop=workshop, insights=notes, title=form.cleaned_data["title"], user=request.user
        )
        return ngettext(
            "“%(theme)s” was created with %(n)d note.",
            "“%(theme)s” was created with %(n)d notes.",
            len(notes),
        ) % {"n": len(notes), "theme": theme.title}

    return _action(request, slug, pk, BoardCreateThemeForm, run)


@login_required
@require_POST
def board_duplicates(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    def run(workshop, form):
        notes = list(form.cleaned_data["notes"])
        services.board_mark_duplicates(workshop=workshop, insights=notes, user=request.user)
        return ngettext(
            "%(n)d note was marked as a duplicate of the oldest selected note.",
            "%(n)d notes were marked as duplicates of the oldest selected note.",
            len(notes) - 1,
        ) % {"n": len(notes) - 1}

    return _action(request, slug, pk, BoardDuplicatesForm, run)


@login_required
@require_POST
def board_undo(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    def run(workshop, _form):
        action, theme_kept = services.board_undo(workshop=workshop, user=request.user)
        if action is None:
            return _("There is nothing to undo.")
        message = _("Undone: %(action)s.") % {"action": action.get_kind_display()}
        if theme_kept:
            message += " " + _(
                "The theme was kept, because other evidence or decisions point at it."
            )
        return message

    return _action(request, slug, pk, None, run)
