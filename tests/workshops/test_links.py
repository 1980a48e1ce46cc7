"""Personal links: issuing, revoking, redeeming, rate limits, bulk export, QR cards, e-mails."""

import csv
import io
import logging
import re
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django.urls import reverse

from tests.factories import OrgUnitFactory, ParticipantFactory, WorkshopFactory
from workshops.defaults import LINK_INVITATION_BODY, LINK_INVITATION_SUBJECT
from workshops.models import LinkInvitation, Participant
from workshops.permissions import SESSION_KEY
from workshops.services.participants import participant_issue_link, participants_send_links
from workshops.tokens import hash_token, new_token

LINK_IN_PAGE = re.compile(r"http://testserver/v/([A-Za-z0-9_-]+)/")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _redeem(client: Client, token: str):
    return client.get(f"/v/{quote(token, safe='')}/")


def _url(name: str, world, **kwargs) -> str:
    return reverse(name, kwargs={"slug": world.process.slug, **kwargs})


# --- Redeeming -----------------------------------------------------------------------------------


def test_valid_link_signs_the_phone_in_and_redirects_to_an_address_without_the_token(world):
    token = participant_issue_link(participant=world.participant)
    client = Client()

    response = _redeem(client, token)

    assert response.status_code == 302
    assert response["Location"] == reverse("workshops:phone.home")
    assert token not in response["Location"]
    assert client.session[SESSION_KEY] == world.participant.pk
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["Cache-Control"] == "no-store"


def test_redeeming_gives_the_session_a_new_key(world):
    token = participant_issue_link(participant=world.participant)
    client = Client()
    session = client.session
    session["probe"] = 1
    session.save()
    old_key = client.cookies[settings.SESSION_COOKIE_NAME].value

    _redeem(client, token)

    new_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert new_key != old_key
    assert client.session[SESSION_KEY] == world.participant.pk


def test_a_planted_session_key_is_not_kept_when_redeeming(world):
    """A key the database does not know (set by someone else on a shared phone, say) is
    replaced: the participant is bound to a freshly generated key only."""
    from django.contrib.sessions.models import Session

    token = participant_issue_link(participant=world.participant)
    client = Client()
    planted = "plantedkey0123456789abcdefghijkl"
    client.cookies[settings.SESSION_COOKIE_NAME] = planted

    _redeem(client, token)

    new_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert new_key != planted
    assert not Session.objects.filter(session_key=planted).exists()
    assert Session.objects.get(session_key=new_key).get_decoded()[SESSION_KEY] == (
        world.participant.pk
    )


def test_only_the_hash_of_the_token_is_stored(world):
    token = participant_issue_link(participant=world.participant)

    world.participant.refresh_from_db()
    assert world.participant.token_hash == hash_token(token)
    assert len(token) >= 43  # 256 bits, URL-safe base64
    assert world.participant.token_issued_at is not None


@pytest.mark.parametrize(
    "token",
    [
        "unknown-but-well-formed-token-0123456789abcdef",
        "x" * 10_000,
        "æøå-ÆØÅ-€-😀",
        "a b c",
        "<script>alert(1)",
        "%00",
        "..",
        "",
    ],
    ids=["unknown", "10000-chars", "non-ascii", "spaces", "html", "percent", "dots", "empty"],
)
def test_unknown_or_absurd_tokens_answer_404_and_sign_nothing_in(world, token):
    participant_issue_link(participant=world.participant)
    client = Client()

    response = _redeem(client, token) if token else client.get("/v//")

    assert response.status_code == 404
    assert SESSION_KEY not in client.session
    if token:
        assert response["Referrer-Policy"] == "no-referrer"
        assert response["Cache-Control"] == "no-store"
        assert response.templates[0].name == "workshops/phone/link_invalid.html"


def test_redeem_accepts_only_get_and_head(world):
    token = participant_issue_link(participant=world.participant)
    client = Client()

    post = client.post(f"/v/{token}/")
    head = client.head(f"/v/{token}/")

    assert post.status_code == 405
    assert post["Cache-Control"] == "no-store"
    assert head.status_code == 302


def test_revoked_link_answers_404(world, lead_client):
    token = participant_issue_link(participant=world.participant)

    response = lead_client.post(
        _url("workshops:participant.revoke", world, pk=world.participant.pk)
    )

    world.participant.refresh_from_db()
    assert response.status_code == 302
    assert world.participant.token_hash is None
    assert world.participant.token_issued_at is None
    assert _redeem(Client(), token).status_code == 404


def test_link_of_an_inactive_participant_answers_404(world):
    token = participant_issue_link(participant=world.participant)
    Participant.objects.filter(pk=world.participant.pk).update(active=False)

    assert _redeem(Client(), token).status_code == 404


def test_issuing_a_new_link_makes_the_old_one_stop_working(world, lead_client):
    old = participant_issue_link(participant=world.participant)

    response = lead_client.post(_url("workshops:participant.link", world, pk=world.participant.pk))

    new = LINK_IN_PAGE.search(response.content.decode()).group(1)
    world.participant.refresh_from_db()
    assert response.status_code == 200
    assert world.participant.token_hash == hash_token(new)
    assert "no-store" in response["Cache-Control"]
    assert '<svg role="img"' in response.content.decode()
    assert _redeem(Client(), old).status_code == 404
    assert _redeem(Client(), new).status_code == 302


def test_a_link_of_another_process_cannot_be_issued_through_this_process(world, lead_client):
    foreign = world.other["participant"]

    response = lead_client.post(_url("workshops:participant.link", world, pk=foreign.pk))

    foreign.refresh_from_db()
    assert response.status_code == 404
    assert foreign.token_hash is None


def test_viewer_cannot_issue_or_revoke_links(world):
    token = participant_issue_link(participant=world.participant)
    client = world.client_for("viewer")

    issued = client.post(_url("workshops:participant.link", world, pk=world.participant.pk))
    revoked = client.post(_url("workshops:participant.revoke", world, pk=world.participant.pk))

    world.participant.refresh_from_db()
    assert (issued.status_code, revoked.status_code) == (403, 403)
    assert world.participant.token_hash == hash_token(token)


# --- Rate limits ---------------------------------------------------------------------------------


def test_failed_attempts_are_limited_per_browser_session(world):
    token = participant_issue_link(participant=world.participant)
    client = Client()

    statuses = [_redeem(client, new_token()).status_code for _ in range(10)]
    limited = _redeem(client, new_token())
    valid_but_limited = _redeem(client, token)

    assert statuses == [404] * 10
    assert limited.status_code == 429
    assert limited["Referrer-Policy"] == "no-referrer"
    assert limited["Cache-Control"] == "no-store"
    assert valid_but_limited.status_code == 429
    assert SESSION_KEY not in client.session


def test_another_phone_on_the_same_address_is_not_locked_out(world):
    token = participant_issue_link(participant=world.participant)
    attacker = Client()
    for _ in range(11):
        _redeem(attacker, new_token())

    response = _redeem(Client(), token)

    assert response.status_code == 302


def test_successful_redemptions_are_not_counted(world):
    token = participant_issue_link(participant=world.participant)
    client = Client()

    statuses = {_redeem(client, token).status_code for _ in range(25)}

    assert statuses == {302}


def test_failed_attempts_are_limited_per_address_across_sessions(world, settings):
    settings.PARTICIPANT_FAILURES_PER_IP = 3
    token = participant_issue_link(participant=world.participant)
    for _ in range(3):
        assert _redeem(Client(), new_token()).status_code == 404  # a new browser each time

    other_address = Client(REMOTE_ADDR="10.0.0.9")

    assert _redeem(Client(), token).status_code == 429
    assert _redeem(other_address, token).status_code == 302


# --- Logging -------------------------------------------------------------------------------------


def test_tokens_never_reach_a_log_record(world, caplog):
    valid = participant_issue_link(participant=world.participant)
    invalid = new_token()
    caplog.set_level(logging.DEBUG)

    _redeem(Client(), valid)
    _redeem(Client(), invalid)
    limited_client = Client()
    for _ in range(11):
        _redeem(limited_client, invalid)

    Client().post(f"/v/{valid}/")
    Client().post(f"/v/{invalid}/")

    assert caplog.records  # the refusals are logged, without the token
    for record in caplog.records:
        for value in vars(record).values():
            assert valid not in str(value)
            assert invalid not in str(value)
        assert valid not in record.getMessage()
        assert invalid not in record.getMessage()


# --- CSV export for a mail merge -----------------------------------------------------------------


def _csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_export_issues_links_for_all_active_participants(world, lead_client):
    unit = OrgUnitFactory(organisation=world.process.organisation, name="Solsikken")
    pia = ParticipantFactory(
        process=world.process, name="Pia", email="pia@example.dk", group="leder", org_unit=unit
    )
    old = participant_issue_link(participant=pia)
    ParticipantFactory(process=world.process, name="Inaktiv", active=False)
    ParticipantFactory(process=world.process, joined_via_code=world.workshop)

    response = lead_client.post(_url("workshops:participant.export_links", world), {"scope": "all"})

    rows = _csv_rows(response)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "no-store" in response["Cache-Control"]
    assert rows[0] == ["navn", "e-mail", "gruppe", "institution", "link"]
    assert [row[:4] for row in rows[1:]] == [
        [world.participant.name, "", "medarbejder", ""],
        ["Pia", "pia@example.dk", "leder", "Solsikken"],
    ]
    pia.refresh_from_db()
    token = LINK_IN_PAGE.fullmatch(rows[2][4]).group(1)
    assert pia.token_hash == hash_token(token)
    assert _redeem(Client(), old).status_code == 404


def test_export_keeps_formulas_out_of_the_spreadsheet(world, lead_client):
    ParticipantFactory(process=world.process, name="=HYPERLINK(1)", email="+45@example.dk")

    response = lead_client.post(_url("workshops:participant.export_links", world), {"scope": "all"})

    rows = _csv_rows(response)
    assert rows[1][:2] == ["'=HYPERLINK(1)", "'+45@example.dk"]


def test_export_without_link_scope_leaves_existing_links_alone(world, lead_client):
    has_link = ParticipantFactory(process=world.process, name="Har link")
    token = participant_issue_link(participant=has_link)

    response = lead_client.post(
        _url("workshops:participant.export_links", world), {"scope": "without_link"}
    )

    rows = _csv_rows(response)
    has_link.refresh_from_db()
    assert [row[0] for row in rows[1:]] == [world.participant.name]
    assert has_link.token_hash == hash_token(token)


def test_export_with_an_invalid_scope_answers_400_and_issues_nothing(world, lead_client):
    response = lead_client.post(
        _url("workshops:participant.export_links", world), {"scope": "everyone"}
    )

    world.participant.refresh_from_db()
    assert response.status_code == 400
    assert world.participant.token_hash is None


def test_export_links_rejects_get(world, lead_client):
    response = lead_client.get(_url("workshops:participant.export_links", world))

    assert response.status_code == 405


# --- QR cards ------------------------------------------------------------------------------------


def test_qr_sheet_shows_one_card_with_a_new_link_per_participant(world, lead_client):
    second = ParticipantFactory(process=world.process, name="Anden")
    ParticipantFactory(process=world.process, active=False)

    response = lead_client.post(_url("workshops:participant.qr_sheet", world), {"scope": "all"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert re.findall(r'id="qr-card-(\d+)"', html) == [str(second.pk), str(world.participant.pk)]
    assert html.count('<svg role="img"') == 2
    assert "css/participants.css" in html
    assert (
        Participant.objects.filter(
            pk__in=[second.pk, world.participant.pk], token_hash__isnull=False
        ).count()
        == 2
    )


def test_qr_sheet_escapes_names(world, lead_client):
    ParticipantFactory(process=world.process, name="<b>Fed</b>")

    response = lead_client.post(_url("workshops:participant.qr_sheet", world), {"scope": "all"})

    html = response.content.decode()
    assert "&lt;b&gt;Fed&lt;/b&gt;" in html
    assert "<b>Fed</b>" not in html


def test_print_css_has_print_rules():
    css = (settings.BASE_DIR / "static" / "css" / "participants.css").read_text()

    assert "@media print" in css
    assert "size: A4" in css


# --- E-mails -------------------------------------------------------------------------------------


def test_send_links_page_shows_the_default_text_and_who_has_no_email(world, lead_client):
    with_email = ParticipantFactory(process=world.process, email="a@example.dk")

    response = lead_client.get(_url("workshops:participant.send_links", world))

    form = response.context["form"]
    assert response.status_code == 200
    assert form["subject"].value() == LINK_INVITATION_SUBJECT
    assert form["body"].value() == LINK_INVITATION_BODY
    assert response.context["without_email"] == [world.participant]
    assert with_email not in response.context["without_email"]
    assert not LinkInvitation.objects.filter(process=world.process).exists()


def test_send_links_mails_each_participant_with_an_address_their_new_link(
    world, lead_client, django_capture_on_commit_callbacks
):
    pia = ParticipantFactory(process=world.process, name="Pia", email="pia@example.dk")
    ole = ParticipantFactory(process=world.process, name="Ole", email="ole@example.dk")
    ParticipantFactory(process=world.process, email="inaktiv@example.dk", active=False)
    data = {"subject": "Link til {navn}", "body": "Hej {navn}\n{link}\n{ukendt}", "scope": "all"}

    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(_url("workshops:participant.send_links", world), data)

    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == ["ole@example.dk", "pia@example.dk"]
    for participant in (pia, ole):
        participant.refresh_from_db()
        message = next(m for m in mail.outbox if m.to == [participant.email])
        token = LINK_IN_PAGE.search(message.body).group(1)
        assert message.subject == f"Link til {participant.name}"
        assert message.body == (f"Hej {participant.name}\nhttp://testserver/v/{token}/\n{{ukendt}}")
        assert participant.token_hash == hash_token(token)
    invitation = LinkInvitation.objects.get(process=world.process)
    assert (invitation.subject, invitation.body) == (data["subject"], data["body"])


def test_send_links_without_link_placeholder_answers_400_and_sends_nothing(
    world, lead_client, django_capture_on_commit_callbacks
):
    ParticipantFactory(process=world.process, email="pia@example.dk")
    data = {"subject": "Link", "body": "Hej {navn}", "scope": "all"}

    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(_url("workshops:participant.send_links", world), data)

    assert response.status_code == 400
    assert "body" in response.context["form"].errors
    assert mail.outbox == []
    assert not LinkInvitation.objects.exists()
    assert not Participant.objects.filter(token_hash__isnull=False).exists()


def test_send_links_rejects_a_subject_with_a_line_break(world, lead_client):
    data = {"subject": "Link\nBcc: x@example.dk", "body": "{link}", "scope": "all"}

    response = lead_client.post(_url("workshops:participant.send_links", world), data)

    assert response.status_code == 400
    assert "subject" in response.context["form"].errors


def test_send_links_is_forbidden_for_the_steering_group(world):
    data = {"subject": "Link", "body": "{link}", "scope": "all"}

    response = world.client_for("steering").post(
        _url("workshops:participant.send_links", world), data
    )

    assert response.status_code == 403
    assert mail.outbox == []


def test_workshop_factory_is_unaffected_by_links(world):
    # A join code is not a personal link: issuing links leaves workshops alone.
    workshop = WorkshopFactory(process=world.process)
    participant_issue_link(participant=world.participant)

    workshop.refresh_from_db()
    assert workshop.join_code.startswith("K")


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


def test_a_failing_mail_server_is_counted_not_raised(
    world, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.workshops.test_links.RefusingBackend"
    ParticipantFactory(process=world.process, email="pia@example.dk")
    ParticipantFactory(process=world.process, email="ole@example.dk")

    with django_capture_on_commit_callbacks(execute=True):
        mailing = participants_send_links(
            process=world.process,
            subject="Link",
            body="{link}",
            scope="all",
            link_for=lambda token: f"https://example.dk/v/{token}/",
        )

    assert (mailing.queued, mailing.sent, mailing.failed) == (2, 0, 2)
    assert mail.outbox == []


def test_send_links_view_survives_a_failing_mail_server(
    world, lead_client, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.workshops.test_links.RefusingBackend"
    ParticipantFactory(process=world.process, email="pia@example.dk")
    data = {"subject": "Link", "body": "{link}", "scope": "all"}

    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(_url("workshops:participant.send_links", world), data)

    assert response.status_code == 302
    assert mail.outbox == []
