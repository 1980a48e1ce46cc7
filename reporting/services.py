"""Every write of the reporting app."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from reporting.document import build_document, canonical_json
from reporting.models import (
    ApprovalRequest,
    ApprovalStatus,
    BudgetRequestText,
    StrategyVersion,
)
from reporting.render import Stamp, strategy_pdf
from strategy import services as strategy_services
from strategy.enums import ProcessStatus, Role
from strategy.models import Membership, StrategyProcess


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


# --- Approval ------------------------------------------------------------------------------------


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _user_name(user) -> str:
    return (getattr(user, "full_name", "") or user.email).strip()


@transaction.atomic
def approval_submit(
    *, process: StrategyProcess, user, base_url: str, note: str = ""
) -> ApprovalRequest:
    """The lead submits the current draft: its canonical content and SHA-256 are kept, the
    process goes to "awaiting approval", and every steering-group member with an e-mail
    address gets a link (after commit). Refused while another request is pending."""
    if ApprovalRequest.objects.filter(process=process, status=ApprovalStatus.PENDING).exists():
        raise ValidationError(_("A version is already awaiting approval."))
    now = timezone.now()
    today = timezone.localdate(now)
    snapshot = canonical_json(build_document(process, today=today))
    approval = ApprovalRequest(
        process=process,
        submitted_by=user,
        submitted_at=now,
        document_date=today,
        snapshot=snapshot,
        content_sha256=_sha256(snapshot.encode()),
        note=note.strip(),
    )
    approval.full_clean()
    approval.save()
    if process.status == ProcessStatus.APPROVED:
        strategy_services.process_set_status(process=process, status=ProcessStatus.DRAFT)
    strategy_services.process_set_status(process=process, status=ProcessStatus.IN_APPROVAL)
    link = base_url.rstrip("/") + reverse(
        "reporting:approval.detail", kwargs={"slug": process.slug, "pk": approval.pk}
    )
    recipients = [
        membership.user.email
        for membership in Membership.objects.filter(process=process, role=Role.STEERING)
        .select_related("user")
        .order_by("user__email")
        if membership.user.email
    ]
    if recipients:
        context = {
            "process": process,
            "approval": approval,
            "submitted_by": _user_name(user),
            "link": link,
        }
        subject = _("The strategy “%(process)s” awaits your approval") % {"process": process.title}
        body = render_to_string("reporting/email/approval_request.txt", context)
        transaction.on_commit(
            lambda: [send_mail(subject, body, None, [email]) for email in recipients]
        )
    return approval


@transaction.atomic
def approval_decide(
    *, approval: ApprovalRequest, user, approve: bool, comment: str = ""
) -> ApprovalRequest:
    """A steering-group member approves or rejects a pending request (the first decision
    decides it); the decision goes into the steering group's decision log.

    Approving freezes the submitted content as the next StrategyVersion with its PDF (the
    content hash printed in its footer) and sets the process to approved. It is refused when
    the draft has changed since it was submitted (the lead submits again). Rejecting returns
    the process to draft."""
    approval = (
        ApprovalRequest.objects.select_for_update().select_related("process").get(pk=approval.pk)
    )
    process = approval.process
    if approval.status != ApprovalStatus.PENDING:
        raise ValidationError(_("This request has already been decided."))
    comment = comment.strip()
    now = timezone.now()
    with translation.override("da"):
        if approve:
            document = build_document(process, today=approval.document_date)
            snapshot = canonical_json(document)
            if _sha256(snapshot.encode()) != approval.content_sha256:
                raise ValidationError(
                    _(
                        "The draft has changed since it was submitted. The project lead must "
                        "submit it again."
                    )
                )
            last = StrategyVersion.objects.filter(process=process).aggregate(n=Max("number"))
            number = (last["n"] or 0) + 1
            stamp = Stamp(
                number=number,
                approved_at=now,
                approved_by=_user_name(user),
                content_sha256=approval.content_sha256,
            )
            pdf = strategy_pdf(document, stamp=stamp)
            version = StrategyVersion(
                process=process,
                number=number,
                approval_request=approval,
                snapshot=snapshot,
                content_sha256=approval.content_sha256,
                pdf=pdf,
                pdf_sha256=_sha256(pdf),
                approved_by=user,
                approved_by_name=_user_name(user),
                approved_at=now,
            )
            version.full_clean()
            version.save()
            text = _("The strategy is approved as version %(number)s.") % {"number": number}
            strategy_services.process_set_status(process=process, status=ProcessStatus.APPROVED)
        else:
            text = _("The draft of the strategy was rejected.")
            strategy_services.process_set_status(process=process, status=ProcessStatus.DRAFT)
        if comment:
            text = f"{text} {comment}"
        strategy_services.decision_create(
            process=process, date=timezone.localdate(now), text=text, recorded_by=user
        )
    approval.status = ApprovalStatus.APPROVED if approve else ApprovalStatus.REJECTED
    approval.decided_by = user
    approval.decided_at = now
    approval.comment = comment
    approval.full_clean()
    approval.save(update_fields=["status", "decided_by", "decided_at", "comment"])
    return approval
