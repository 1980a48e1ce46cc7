"""The participant register, personal links, QR cards and link e-mails (project members).

Every view needs Perm.EDIT: the register holds personal data. A personal link's token exists
only in the response that issues it (the link page, the CSV export, the QR sheet, the e-mail);
those responses are not cached.
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from core.http import add_service_errors, post_data, post_files
from core.qr import qr_svg
from core.spreadsheet import csv_row
from strategy.permissions import Perm, get_object_in_process, get_process_for_user
from workshops.forms.participants import (
    LinkInvitationForm,
    LinkScopeForm,
    ParticipantFilterForm,
    ParticipantForm,
    ParticipantImportForm,
)
from workshops.models import Participant
from workshops.selectors import participants as selectors
from workshops.services import participants as services


def _get_participant(request: HttpRequest, slug: str, pk: int):
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    participant = get_object_in_process(
        Participant.objects.filter(joined_via_code__isnull=True).select_related("org_unit"),
        process,
        pk=pk,
    )
    return process, participant


def _link_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("workshops:link.redeem", kwargs={"token": token}))


def _private(response: HttpResponse) -> HttpResponse:
    """A response that shows personal links: never cached, never sent on as a referrer."""
    add_never_cache_headers(response)
    response["Referrer-Policy"] = "no-referrer"
    return response


# --- The register --------------------------------------------------------------------------------


def _render_list(
    request: HttpRequest, process, *, scope_form: LinkScopeForm | None = None, status: int = 200
) -> HttpResponse:
    filter_form = ParticipantFilterForm(request.GET or None)
    ctx = {
        "process": process,
        "participants": list(selectors.participants_for_register(process, **filter_form.filters())),
        "filter_form": filter_form,
        "scope_form": scope_form or LinkScopeForm(),
        "code_participant_count": selectors.code_participant_count(process),
    }
    return render(request, "workshops/participants/list.html", ctx, status=status)


@login_required
@require_safe
def participant_list(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    return _render_list(request, process)


@login_required
@require_http_methods(["GET", "POST"])
def participant_create(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    return _participant_form(request, process, Participant(process=process))


@login_required
@require_http_methods(["GET", "POST"])
def participant_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, participant = _get_participant(request, slug, pk)
    return _participant_form(request, process, participant)


def _participant_form(request: HttpRequest, process, participant: Participant) -> HttpResponse:
    is_new = participant.pk is None
    form = ParticipantForm(post_data(request), instance=participant, process=process)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_save(participant=form.instance)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The participant was saved."))
            if is_new:
                return redirect("workshops:participant.edit", slug=process.slug, pk=participant.pk)
            return redirect("workshops:participant.list", slug=process.slug)
    ctx = {"process": process, "participant": participant, "form": form, "is_new": is_new}
    status = 400 if form.errors else 200
    return render(request, "workshops/participants/form.html", ctx, status=status)


@login_required
@require_POST
def participant_deactivate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Toggle: deactivate an active participant, reactivate an inactive one."""
    process, participant = _get_participant(request, slug, pk)
    services.participant_set_active(participant=participant, active=not participant.active)
    if participant.active:
        messages.success(request, _("The participant is active again."))
    else:
        messages.success(
            request, _("The participant is inactive. Their personal link no longer works.")
        )
    return redirect("workshops:participant.edit", slug=process.slug, pk=participant.pk)


# --- Personal links ------------------------------------------------------------------------------


@login_required
@require_POST
def participant_link(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Issue a new link and show it once, with its QR code."""
    process, participant = _get_participant(request, slug, pk)
    token = services.participant_issue_link(participant=participant)
    url = _link_url(request, token)
    ctx = {
        "process": process,
        "participant": participant,
        "url": url,
        "qr": qr_svg(
            url, title=_("QR code of the personal link of %(name)s") % {"name": participant}
        ),
    }
    return _private(render(request, "workshops/participants/link.html", ctx))


@login_required
@require_POST
def participant_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    process, participant = _get_participant(request, slug, pk)
    services.participant_revoke_link(participant=participant)
    messages.success(request, _("The personal link was revoked. It no longer works."))
    return redirect("workshops:participant.edit", slug=process.slug, pk=participant.pk)


def _issue_for_scope(request: HttpRequest, process):
    """Issue links for the scope chosen in the POST: (issued links, None) or (None, 400 page)."""
    form = LinkScopeForm(request.POST)
    if not form.is_valid():
        return None, _render_list(request, process, scope_form=form, status=400)
    participants = selectors.participants_in_scope(process, form.cleaned_data["scope"])
    return services.participants_issue_links(participants=participants), None


@login_required
@require_POST
def participant_export_links(request: HttpRequest, slug: str) -> HttpResponse:
    """A CSV for a mail merge (UTF-8 with BOM, semicolons), with new links for the scope."""
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    issued, error_page = _issue_for_scope(request, process)
    if error_page is not None:
        return error_page
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="deltagerlinks.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["navn", "e-mail", "gruppe", "institution", "link"])
    for participant, token in issued:
        writer.writerow(
            csv_row(
                [
                    participant.name,
                    participant.email,
                    participant.group,
                    participant.org_unit.name if participant.org_unit else "",
                    _link_url(request, token),
                ]
            )
        )
    return _private(response)


@login_required
@require_POST
def participant_qr_sheet(request: HttpRequest, slug: str) -> HttpResponse:
    """A printable A4 sheet of QR cards, with new links for the scope."""
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    issued, error_page = _issue_for_scope(request, process)
    if error_page is not None:
        return error_page
    cards = []
    for participant, token in issued:
        url = _link_url(request, token)
        cards.append(
            {
                "participant": participant,
                "qr": qr_svg(url, title=_("Personal link of %(name)s") % {"name": participant}),
            }
        )
    ctx = {"process": process, "cards": cards}
    return _private(render(request, "workshops/participants/qr_sheet.html", ctx))


@login_required
@require_http_methods(["GET", "POST"])
def participant_send_links(request: HttpRequest, slug: str) -> HttpResponse:
    """Edit the invitation text and e-mail each participant (with an address) a new link."""
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    invitation = selectors.link_invitation_for(process)
    form = LinkInvitationForm(post_data(request), instance=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            mailing = services.participants_send_links(
                process=process,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                scope=form.cleaned_data["scope"],
                link_for=lambda token: _link_url(request, token),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            sent = mailing.queued - mailing.failed
            messages.success(
                request,
                ngettext(
                    "%(count)d e-mail with a personal link was sent.",
                    "%(count)d e-mails with personal links were sent.",
                    sent,
                )
                % {"count": sent},
            )
            if mailing.failed:
                messages.error(
                    request,
                    ngettext(
                        "%(count)d e-mail could not be sent. Try again later.",
                        "%(count)d e-mails could not be sent. Try again later.",
                        mailing.failed,
                    )
                    % {"count": mailing.failed},
                )
            return redirect("workshops:participant.send_links", slug=process.slug)
    ctx = {
        "process": process,
        "form": form,
        "without_email": selectors.participants_without_email(process),
    }
    status = 400 if form.errors else 200
    return render(request, "workshops/participants/send_links.html", ctx, status=status)


# --- CSV import ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def participant_import(request: HttpRequest, slug: str) -> HttpResponse:
    process = get_process_for_user(request.user, slug, Perm.EDIT)
    form = ParticipantImportForm(post_data(request), post_files(request))
    result = None
    if request.method == "POST" and form.is_valid():
        result = services.participants_import_csv(process=process, upload=form.cleaned_data["file"])
        if result.ok:
            messages.success(
                request,
                ngettext(
                    "Imported %(count)d participant.",
                    "Imported %(count)d participants.",
                    result.created,
                )
                % {"count": result.created},
            )
            return redirect("workshops:participant.list", slug=process.slug)
    status = 400 if (form.errors or (result and not result.ok)) else 200
    ctx = {"process": process, "form": form, "result": result}
    return render(request, "workshops/participants/import.html", ctx, status=status)
