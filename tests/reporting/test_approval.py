"""Approval: the lead submits, the steering group approves or rejects (decision log), approved
versions are frozen (bytes and hashes), immutable, listed, compared and verified."""

import hashlib
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.urls import reverse

from actionplan.models import Initiative
from reporting.models import (
    ApprovalRequest,
    ApprovalStatus,
    ImmutableVersionError,
    StrategyVersion,
)
from strategy.enums import ProcessStatus
from strategy.models import Decision
from tests.reporting.builders import grow
from tests.reporting.pdftools import pdf_info, pdf_text, qpdf_check


def _url(world, name, **kwargs) -> str:
    return reverse(f"reporting:{name}", kwargs={"slug": world.process.slug, **kwargs})


def _submit(world, django_capture_on_commit_callbacks) -> ApprovalRequest:
    with django_capture_on_commit_callbacks(execute=True):
        response = world.client_for("lead").post(
            _url(world, "approval.submit"), {"note": "Til SG5"}
        )
    assert response.status_code == 302
    return ApprovalRequest.objects.get(process=world.process)


def _decide(world, approval, decision, comment="") -> object:
    return world.client_for("steering").post(
        _url(world, "approval.decide", pk=approval.pk),
        {"decision": decision, "comment": comment},
    )


def test_lead_submits_and_the_steering_group_is_mailed(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    grow(world, 1)

    approval = _submit(world, django_capture_on_commit_callbacks)

    world.process.refresh_from_db()
    assert world.process.status == ProcessStatus.IN_APPROVAL
    assert approval.status == ApprovalStatus.PENDING
    assert approval.content_sha256 == hashlib.sha256(approval.snapshot.encode()).hexdigest()
    assert approval.note == "Til SG5"
    assert [message.to for message in mailoutbox] == [["steering@example.dk"]]
    link = "http://testserver" + _url(world, "approval.detail", pk=approval.pk)
    assert link in mailoutbox[0].body


def test_a_second_submission_is_refused_while_one_is_pending(
    world, django_capture_on_commit_callbacks
):
    _submit(world, django_capture_on_commit_callbacks)

    response = world.client_for("lead").post(_url(world, "approval.submit"), {})

    assert response.status_code == 400
    assert ApprovalRequest.objects.count() == 1


def test_approval_freezes_a_version_that_later_edits_do_not_change(
    world, django_capture_on_commit_callbacks
):
    objects = grow(world, 1)
    approval = _submit(world, django_capture_on_commit_callbacks)

    response = _decide(world, approval, "approve", "Godkendt på SG5")

    assert response.status_code == 302
    version = StrategyVersion.objects.get(process=world.process)
    assert version.number == 1
    assert version.content_sha256 == approval.content_sha256
    assert version.snapshot == approval.snapshot
    pdf = bytes(version.pdf)
    assert version.pdf_sha256 == hashlib.sha256(pdf).hexdigest()
    text = re.sub(r"\s+", " ", pdf_text(pdf))
    assert version.content_sha256 in text
    assert pdf_info(pdf)["Tagged"] == "yes"
    assert qpdf_check(pdf) == 0
    world.process.refresh_from_db()
    assert world.process.status == ProcessStatus.APPROVED
    decision = Decision.objects.filter(process=world.process).latest("id")
    assert decision.recorded_by == world.users["steering"]
    assert decision.text.endswith("Godkendt på SG5")
    approval.refresh_from_db()
    assert (approval.status, approval.decided_by) == (
        ApprovalStatus.APPROVED,
        world.users["steering"],
    )

    # A later edit changes only the draft.
    initiative = objects["initiatives"][0]
    Initiative.objects.filter(pk=initiative.pk).update(title="Nyt navn")
    served = world.client_for("viewer").get(_url(world, "version.pdf", number=1))
    assert served.status_code == 200
    assert served.content == pdf
    version = StrategyVersion.objects.get(pk=version.pk)
    assert (version.content_sha256, version.pdf_sha256) == (
        approval.content_sha256,
        hashlib.sha256(pdf).hexdigest(),
    )
    compare = world.client_for("viewer").get(
        _url(world, "version.compare"), {"old": "1", "new": "draft"}
    )
    assert compare.status_code == 200
    changes = compare.context["sections"][1].changes
    assert [(c.kind, c.label, [d[1:] for d in c.details]) for c in changes] == [
        ("changed", "1.1 Nyt navn", [("Indsats 0-0", "Nyt navn")])
    ]
    listing = world.client_for("viewer").get(_url(world, "version.list"))
    assert _url(world, "version.pdf", number=1) in listing.content.decode()
    out = StringIO()
    call_command("verify_versions", stdout=out)
    assert out.getvalue() == "1 version(s) verified.\n"


def test_rejection_returns_the_process_to_draft_and_is_logged(
    world, django_capture_on_commit_callbacks
):
    approval = _submit(world, django_capture_on_commit_callbacks)

    response = _decide(world, approval, "reject", "Budgettet skal ned")

    assert response.status_code == 302
    assert StrategyVersion.objects.count() == 0
    world.process.refresh_from_db()
    assert world.process.status == ProcessStatus.DRAFT
    approval.refresh_from_db()
    assert (approval.status, approval.comment) == (ApprovalStatus.REJECTED, "Budgettet skal ned")
    assert (
        Decision.objects.filter(process=world.process)
        .latest("id")
        .text.endswith("Budgettet skal ned")
    )
    assert _decide(world, approval, "approve").status_code == 400


def test_a_draft_changed_after_submission_cannot_be_approved(
    world, django_capture_on_commit_callbacks
):
    objects = grow(world, 1)
    approval = _submit(world, django_capture_on_commit_callbacks)
    Initiative.objects.filter(pk=objects["initiatives"][0].pk).update(title="Ændret")

    response = _decide(world, approval, "approve")

    assert response.status_code == 400
    assert StrategyVersion.objects.count() == 0
    approval.refresh_from_db()
    assert approval.status == ApprovalStatus.PENDING


@pytest.mark.parametrize("persona", ["lead", "contributor", "viewer"])
def test_only_the_steering_group_decides(world, persona, django_capture_on_commit_callbacks):
    approval = _submit(world, django_capture_on_commit_callbacks)

    response = world.client_for(persona).post(
        _url(world, "approval.decide", pk=approval.pk), {"decision": "approve"}
    )

    assert response.status_code == 403


def _version(world) -> StrategyVersion:
    approval = ApprovalRequest.objects.create(
        process=world.process,
        submitted_at="2026-05-04T10:00:00Z",
        document_date="2026-05-04",
        snapshot="{}",
        content_sha256=hashlib.sha256(b"{}").hexdigest(),
        status=ApprovalStatus.APPROVED,
    )
    return StrategyVersion.objects.create(
        process=world.process,
        number=1,
        approval_request=approval,
        snapshot="{}",
        content_sha256=hashlib.sha256(b"{}").hexdigest(),
        pdf=b"%PDF-1.7 test",
        pdf_sha256=hashlib.sha256(b"%PDF-1.7 test").hexdigest(),
        approved_by=world.users["steering"],
        approved_by_name="Styregruppe",
        approved_at="2026-05-04T12:00:00Z",
    )


def test_every_django_path_refuses_to_change_a_version(world):
    version = _version(world)

    version.pdf_sha256 = "0" * 64
    with pytest.raises(ImmutableVersionError):
        version.save()
    with pytest.raises(ImmutableVersionError):
        version.delete()
    with pytest.raises(ImmutableVersionError):
        StrategyVersion.objects.filter(pk=version.pk).update(number=2)
    with pytest.raises(ImmutableVersionError):
        StrategyVersion.objects.all().delete()
    assert StrategyVersion.objects.get(pk=version.pk).pdf_sha256 != "0" * 64


def test_verify_versions_reports_a_mismatch(world):
    version = _version(world)
    ApprovalRequest.objects.filter(pk=version.approval_request_id).update(status="approved")
    StrategyVersion.objects.create(
        process=world.process,
        number=2,
        approval_request=ApprovalRequest.objects.create(
            process=world.process,
            submitted_at="2026-05-05T10:00:00Z",
            document_date="2026-05-05",
            snapshot="{}",
            content_sha256="x",
            status=ApprovalStatus.APPROVED,
        ),
        snapshot='{"changed":true}',
        content_sha256=hashlib.sha256(b"{}").hexdigest(),
        pdf=b"%PDF",
        pdf_sha256=hashlib.sha256(b"%PDF").hexdigest(),
        approved_by=world.users["steering"],
        approved_by_name="Styregruppe",
        approved_at="2026-05-05T12:00:00Z",
    )
    err = StringIO()

    with pytest.raises(CommandError, match="1 mismatch"):
        call_command("verify_versions", stderr=err)

    assert err.getvalue().startswith(f"{world.process.slug} v2: content SHA-256 ")


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the immutability trigger exists only on PostgreSQL; set DATABASE_URL",
)
def test_postgresql_refuses_update_and_delete_through_sql(world):
    version = _version(world)

    for sql in (
        "UPDATE reporting_strategyversion SET pdf_sha256 = 'x' WHERE id = %s",
        "DELETE FROM reporting_strategyversion WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="immutable"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [version.pk])

    assert StrategyVersion.objects.get(pk=version.pk).pdf_sha256 == version.pdf_sha256
