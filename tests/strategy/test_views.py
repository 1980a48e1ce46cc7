from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from strategy.enums import PhaseStatus, Role
from strategy.models import Membership, OrgUnit
from tests.factories import MembershipFactory, PhaseFactory, ProcessFactory, UserFactory


def url(name, **kwargs):
    return reverse(name, kwargs=kwargs)


def test_home_lists_only_the_users_processes_with_their_role(world):
    MembershipFactory(process=ProcessFactory(title="Andet forløb"), role=Role.VIEWER)

    response = world.client_for("steering").get(reverse("strategy:home"))

    assert response.status_code == 200
    assert [p.slug for p in response.context["processes"]] == [world.process.slug]
    assert response.context["processes"][0].my_role == Role.STEERING


def test_home_for_a_user_without_processes_says_so(world):
    response = world.client_for("outsider").get(reverse("strategy:home"))

    assert [p.slug for p in response.context["processes"]] == [world.other_process.slug]


def test_overview_marks_the_current_phase_and_lists_open_deliverables(world, lead_client):
    world.phase.start_date, world.phase.end_date = date(2020, 1, 1), date(2099, 12, 31)
    world.phase.status = PhaseStatus.ACTIVE
    world.phase.save()
    nxt = PhaseFactory(process=world.process, number=2, name="Ekspertinterviews")

    response = lead_client.get(url("strategy:process.overview", slug=world.process.slug))

    assert response.status_code == 200
    assert response.context["current_phase"] == world.phase
    assert response.context["next_phase"] == nxt
    assert [d.title for d in response.context["open_deliverables"]] == [world.deliverable.title]
    assert response.context["timeline"].today_x is not None
    counts = {c.label: c.value for c in response.context["counts"]}
    assert counts["Institutioner"] == 1


def test_process_edit_saves_and_records_history(world, lead_client):
    process = world.process
    data = {
        "title": "Ny titel",
        "area": process.area,
        "description": "",
        "period_start": 2027,
        "period_end": 2030,
        "budget_year": 2027,
        "price_level_year": 2027,
        "theme_label": "spor",
        "plan_label": "handlingsplan",
    }

    response = lead_client.post(url("strategy:process.edit", slug=process.slug), data)

    assert response.status_code == 302
    process.refresh_from_db()
    assert (process.title, process.theme_label, process.plan_label) == (
        "Ny titel",
        "spor",
        "handlingsplan",
    )
    overview = lead_client.get(process.get_absolute_url())
    record = overview.context["history"][0]
    assert (record.history_user, record.history_type) == (world.users["lead"], "~")
    assert ("titel", "Strategi", "Ny titel") in [
        (str(label), old[:8], new) for label, old, new in record.changes
    ]


def test_process_edit_with_period_end_before_start_shows_error_and_saves_nothing(
    world, lead_client
):
    process = world.process
    data = {
        "title": "X",
        "area": "a",
        "period_start": 2030,
        "period_end": 2027,
        "budget_year": 2027,
        "price_level_year": 2027,
        "theme_label": "tema",
        "plan_label": "handleplan",
    }

    response = lead_client.post(url("strategy:process.edit", slug=process.slug), data)

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Perioden kan ikke slutte, før den begynder."
    ]
    process.refresh_from_db()
    assert process.title != "X"


def test_phase_edit_rejects_end_before_start(world, lead_client):
    response = lead_client.post(
        url("strategy:phase.edit", slug=world.process.slug, pk=world.phase.pk),
        {"name": "Fase", "start_date": "2026-03-10", "end_date": "2026-03-01", "status": "planned"},
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Fasen kan ikke slutte, før den begynder."
    ]
    world.phase.refresh_from_db()
    assert world.phase.end_date is None


def test_deliverable_toggle_via_htmx_returns_the_row(world, lead_client):
    response = lead_client.post(
        url(
            "strategy:phase.deliverable.toggle",
            slug=world.process.slug,
            pk=world.phase.pk,
            item=world.deliverable.pk,
        ),
        {"done": "on"},
        headers={"HX-Request": "true"},
    )

    world.deliverable.refresh_from_db()
    assert world.deliverable.done is True
    assert response.status_code == 200
    assert f'id="deliverable-{world.deliverable.pk}"' in response.content.decode()
    assert "<html" not in response.content.decode()


def test_deliverable_add_via_htmx_renders_only_the_checklist_partial(world, lead_client):
    response = lead_client.post(
        url("strategy:phase.deliverable.add", slug=world.process.slug, pk=world.phase.pk),
        {"title": "Tidsplan"},
        headers={"HX-Request": "true"},
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith('<section id="checklist"')
    assert list(world.phase.deliverables.values_list("title", flat=True)) == [
        world.deliverable.title,
        "Tidsplan",
    ]


def test_orgunit_create_and_edit_show_history(world):
    client = world.client_for("contributor")
    data = {
        "name": "Børnehuset Nyt",
        "kind": "integreret",
        "children_0_2": 12,
        "children_3_5": 40,
        "rooms": 3,
        "fte": "12,5",
        "childminders": 0,
        "play_centres": 0,
        "dagpleje_pedagogues": 0,
        "active": "on",
    }

    response = client.post(url("strategy:orgunit.create", slug=world.process.slug), data)
    unit = OrgUnit.objects.get(name="Børnehuset Nyt")
    client.post(
        url("strategy:orgunit.edit", slug=world.process.slug, pk=unit.pk), {**data, "rooms": 4}
    )
    detail = client.get(url("strategy:orgunit.detail", slug=world.process.slug, pk=unit.pk))

    assert response.status_code == 302
    unit.refresh_from_db()
    assert (unit.organisation, unit.fte, unit.rooms) == (
        world.process.organisation,
        Decimal("12.5"),
        4,
    )
    history = detail.context["history"]
    assert [r.history_type for r in history] == ["~", "+"]
    assert [(str(label), old, new) for label, old, new in history[0].changes] == [("stuer", 3, 4)]
    assert "Historik" in detail.content.decode()


def test_orgunit_create_with_missing_name_shows_danish_error(world):
    response = world.client_for("lead").post(
        url("strategy:orgunit.create", slug=world.process.slug), {"kind": "integreret"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["name"] == ["Dette felt er påkrævet."]
    assert OrgUnit.objects.filter(organisation=world.process.organisation).count() == 1


def test_orgunit_duplicate_name_in_organisation_is_refused(world):
    response = world.client_for("lead").post(
        url("strategy:orgunit.create", slug=world.process.slug),
        {
            "name": world.org_unit.name,
            "kind": "vuggestue",
            "children_0_2": 0,
            "children_3_5": 0,
            "rooms": 0,
            "fte": "0",
            "childminders": 0,
            "play_centres": 0,
            "dagpleje_pedagogues": 0,
        },
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "Der findes allerede en institution med dette navn."
    ]


def test_csv_template_is_a_semicolon_csv_with_bom(world):
    response = world.client_for("viewer").get(
        url("strategy:orgunit.csv_template", slug=world.process.slug)
    )

    lines = response.content.decode("utf-8").splitlines()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        lines[0]
        == "\ufeffnavn;type;børn 0-2;børn 3-5;stuer;årsværk;dagplejere;legestuer;dagplejepædagoger;"
        "souschef"
    )


def test_member_add_invites_a_new_person(world, lead_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(
            url("strategy:member.list", slug=world.process.slug),
            {"email": "ny@rodovre.dk", "full_name": "Ny", "role": "steering", "title": "MED"},
        )

    assert response.status_code == 302
    membership = Membership.objects.get(process=world.process, user__email="ny@rodovre.dk")
    assert (membership.role, membership.title) == (Role.STEERING, "MED")
    assert len(mail.outbox) == 1


def test_member_add_of_existing_member_is_refused(world, lead_client):
    response = lead_client.post(
        url("strategy:member.list", slug=world.process.slug),
        {"email": "VIEWER@example.dk", "role": "lead"},
    )

    assert response.status_code == 400
    assert response.context["form"].errors["email"] == ["Personen er allerede medlem af processen."]
    assert (
        Membership.objects.get(process=world.process, user=world.users["viewer"]).role
        == Role.VIEWER
    )


def test_removing_the_last_lead_is_refused_with_a_message(world, lead_client):
    lead_membership = Membership.objects.get(process=world.process, role=Role.LEAD)

    response = lead_client.post(
        url("strategy:member.remove", slug=world.process.slug, pk=lead_membership.pk), follow=True
    )

    assert Membership.objects.filter(pk=lead_membership.pk).exists()
    assert [str(m) for m in response.context["messages"]] == [
        "En proces skal have mindst én projektleder."
    ]


@pytest.mark.parametrize("method", ["put", "delete"])
def test_unsupported_methods_answer_405(world, lead_client, method):
    response = getattr(lead_client, method)(
        url("strategy:process.overview", slug=world.process.slug)
    )

    assert response.status_code == 405


def test_member_edit_changes_role(world, lead_client):
    membership = world.extra_membership

    response = lead_client.post(
        url("strategy:member.edit", slug=world.process.slug, pk=membership.pk),
        {"role": "contributor", "title": "Digitalisering"},
    )

    membership.refresh_from_db()
    assert response.status_code == 302
    assert (membership.role, membership.title) == (Role.CONTRIBUTOR, "Digitalisering")


def test_new_user_without_process_sees_empty_state(db, client):
    client.force_login(UserFactory())

    response = client.get(reverse("strategy:home"))

    assert response.context["processes"] == []
    assert "Du er endnu ikke medlem af nogen strategiproces" in response.content.decode()


def test_orgunit_edit_form_shows_danish_fte_in_a_text_input(world, lead_client):
    world.org_unit.fte = Decimal("24.5")
    world.org_unit.save()

    response = lead_client.get(
        url("strategy:orgunit.edit", slug=world.process.slug, pk=world.org_unit.pk)
    )

    field = str(response.context["form"]["fte"])
    assert 'type="text"' in field
    assert 'value="24,5"' in field


@pytest.mark.parametrize(
    "name", ["strategy:process.edit", "strategy:orgunit.create", "strategy:orgunit.import"]
)
def test_an_empty_post_is_validated_and_refused(world, lead_client, name):
    before = (OrgUnit.objects.count(), world.process.title)

    response = lead_client.post(url(name, slug=world.process.slug), {})

    world.process.refresh_from_db()
    assert response.status_code == 400
    assert (OrgUnit.objects.count(), world.process.title) == before
