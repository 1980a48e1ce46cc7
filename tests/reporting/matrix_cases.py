"""Role-matrix cases of the reporting app (collected by tests/test_permission_matrix.py)."""

import hashlib

from reporting.models import ApprovalRequest, ApprovalStatus, StrategyVersion
from tests.matrix import MANAGE, VIEW, Case, slug

DECIDE = {"viewer": 403, "contributor": 403, "steering": "ok", "lead": 403}


def _approval(process, status=ApprovalStatus.PENDING) -> ApprovalRequest:
    return ApprovalRequest.objects.create(
        process=process,
        submitted_at="2026-05-04T10:00:00Z",
        document_date="2026-05-04",
        snapshot="{}",
        content_sha256=hashlib.sha256(b"{}").hexdigest(),
        status=status,
    )


def _version(w, process) -> StrategyVersion:
    """Version 1 of `process` (created on first use)."""
    found = StrategyVersion.objects.filter(process=process, number=1).first()
    if found:
        return found
    return StrategyVersion.objects.create(
        process=process,
        number=1,
        approval_request=_approval(process, ApprovalStatus.APPROVED),
        snapshot="{}",
        content_sha256=hashlib.sha256(b"{}").hexdigest(),
        pdf=b"%PDF-1.7",
        pdf_sha256=hashlib.sha256(b"%PDF-1.7").hexdigest(),
        approved_by=w.users["steering"],
        approved_by_name="Styregruppe",
        approved_at="2026-05-04T12:00:00Z",
    )


def _pending(w, process):
    """The pending request of `process` (created on first use)."""
    found = ApprovalRequest.objects.filter(process=process, status="pending").first()
    return found or _approval(process)


def on_approval(w) -> dict:
    return {**slug(w), "pk": _pending(w, w.process).pk}


def on_foreign_approval(w) -> dict:
    return {**slug(w), "pk": _pending(w, w.other_process).pk}


CASES = [
    Case("reporting:report.preview", slug, VIEW),
    Case("reporting:report.pdf", slug, VIEW),
    Case("reporting:budget_request.pdf", slug, VIEW),
    Case("reporting:budget_request.edit", slug, MANAGE),
    Case(
        "reporting:budget_request.edit",
        slug,
        MANAGE,
        method="post",
        data=lambda world: {"core": "Kernen", "recommendation": "At ..."},
        ok=302,
    ),
    Case("reporting:version.list", slug, VIEW),
    Case("reporting:version.compare", slug, VIEW),
    Case(
        "reporting:version.pdf",
        lambda w: {**slug(w), "number": _version(w, w.process).number},
        VIEW,
        foreign_kwargs=lambda w: {**slug(w), "number": 7},
    ),
    Case("reporting:approval.submit", slug, MANAGE, method="post", ok=302),
    Case("reporting:approval.detail", on_approval, VIEW, foreign_kwargs=on_foreign_approval),
    Case(
        "reporting:approval.decide",
        on_approval,
        DECIDE,
        method="post",
        data=lambda world: {"decision": "reject", "comment": "Nej"},
        ok=302,
        foreign_kwargs=on_foreign_approval,
    ),
]

NOT_IN_MATRIX: dict[str, str] = {}
