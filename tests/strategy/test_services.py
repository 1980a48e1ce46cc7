from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from strategy import services
from strategy.defaults import DEFAULT_PHASES
from strategy.enums import PhaseStatus, ProcessStatus, Role
from strategy.models import Membership, ProcessPhase
from tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    PhaseFactory,
    ProcessFactory,
    UserFactory,
)


def test_process_create_adds_lead_and_nine_default_phases(db):
    lead = UserFactory()

    process = services.process_create(
        organisation=OrganisationFactory(),
        lead=lead,
        title="Digitaliseringsstrategi",
        slug="digi",
        area="0-6",
        period_start=2027,
        period_end=2030,
        budget_year=2027,
        price_level_year=2027,
    )

    assert list(process.memberships.values_list("user", "role")) == [(lead.pk, Role.LEAD)]
    phases = list(process.phases.order_by("number"))
    assert [(p.number, p.name) for p in phases] == [
        (number, name) for number, (name, _d, _i) in enumerate(DEFAULT_PHASES, start=1)
    ]
    assert phases[0].name == "Opstart og kommissorium"
    assert list(phases[0].deliverables.values_list("title", flat=True)) == [
        "Kommissorium",
        "Tidsplan",
        "Deltagerliste",
    ]


def test_process_create_rejects_period_ending_before_it_starts(db):
    with pytest.raises(ValidationError) as excinfo:
        services.process_create(
            organisation=OrganisationFactory(),
            lead=UserFactory(),
            title="T",
            slug="t",
            area="a",
            period_start=2030,
            period_end=2027,
            budget_year=2027,
            price_level_year=2027,
        )

    assert excinfo.value.messages == ["Perioden kan ikke slutte, før den begynder."]


def test_process_status_moves_only_along_allowed_transitions(db):
    process = ProcessFactory()

    services.process_set_status(process=process, status=ProcessStatus.IN_APPROVAL)
    services.process_set_status(process=process, status=ProcessStatus.APPROVED)
    with pytest.raises(ValidationError):
        services.process_set_status(process=process, status=ProcessStatus.IN_APPROVAL)

    process.refresh_from_db()
    assert process.status == ProcessStatus.APPROVED


def test_phase_update_refuses_end_before_start_and_keeps_the_row(db):
    phase = PhaseFactory(start_date=date(2026, 3, 2), end_date=date(2026, 3, 6))

    with pytest.raises(ValidationError):
        services.phase_update(phase=phase, data={"end_date": date(2026, 3, 1)})

    phase.refresh_from_db()
    assert phase.end_date == date(2026, 3, 6)


def test_current_phase_prefers_the_active_one_then_dates():
    first = ProcessPhase(pk=1, number=1, start_date=date(2026, 3, 1), end_date=date(2026, 3, 31))
    second = ProcessPhase(pk=2, number=2, status=PhaseStatus.ACTIVE)

    assert services.current_phase([first, second], date(2026, 3, 15)) == second
    assert services.current_phase([first], date(2026, 3, 15)) == first
    assert services.current_phase([first], date(2026, 4, 1)) is None


def test_the_last_lead_can_neither_be_demoted_nor_removed(db):
    membership = MembershipFactory(role=Role.LEAD)

    with pytest.raises(ValidationError):
        services.membership_change_role(membership=membership, role=Role.VIEWER, title="")
    with pytest.raises(ValidationError):
        services.membership_remove(membership=membership)

    assert Membership.objects.get(pk=membership.pk).role == Role.LEAD


def test_a_lead_can_be_demoted_when_another_lead_remains(db):
    membership = MembershipFactory(role=Role.LEAD)
    MembershipFactory(process=membership.process, role=Role.LEAD)

    services.membership_change_role(membership=membership, role=Role.STEERING, title="Formand")

    membership.refresh_from_db()
    assert (membership.role, membership.title) == (Role.STEERING, "Formand")


def test_member_invite_creates_account_without_password_and_sends_link(
    db, django_capture_on_commit_callbacks
):
    process = ProcessFactory(title="Digitaliseringsstrategi")
    inviter = UserFactory(full_name="Pia Projektleder")

    with django_capture_on_commit_callbacks(execute=True):
        membership = services.member_invite(
            process=process,
            email="Ny.Person@Rodovre.dk",
            full_name="Ny Person",
            role=Role.STEERING,
            title="",
            invited_by=inviter,
            base_url="https://strategi.example.dk/",
        )

    user = membership.user
    assert (user.email, user.full_name, user.has_usable_password()) == (
        "ny.person@rodovre.dk",
        "Ny Person",
        False,
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ny.person@rodovre.dk"]
    assert "https://strategi.example.dk/accounts/adgangskode/nulstil/" in mail.outbox[0].body
    assert "Pia Projektleder" in mail.outbox[0].body


def test_member_invite_of_existing_user_links_to_the_process(
    db, django_capture_on_commit_callbacks
):
    process = ProcessFactory()
    existing = UserFactory(email="kendt@rodovre.dk")

    with django_capture_on_commit_callbacks(execute=True):
        membership = services.member_invite(
            process=process,
            email="kendt@rodovre.dk",
            full_name="",
            role=Role.VIEWER,
            title="",
            invited_by=UserFactory(),
            base_url="https://strategi.example.dk",
        )

    assert membership.user == existing
    assert f"https://strategi.example.dk/p/{process.slug}/" in mail.outbox[0].body


def test_deliverable_add_appends_after_the_last(db):
    phase = PhaseFactory()
    services.deliverable_add(phase=phase, title="Første")
    services.deliverable_add(phase=phase, title="Anden")

    assert list(phase.deliverables.values_list("title", "position")) == [
        ("Første", 1),
        ("Anden", 2),
    ]


def test_text_limits_are_enforced_by_model_validation_not_only_by_forms(db):
    process = ProcessFactory()

    with pytest.raises(ValidationError) as excinfo:
        services.theme_create(process=process, title="Tema", description="x" * 2001)

    assert list(excinfo.value.message_dict) == ["description"]
    assert process.themes.count() == 0
