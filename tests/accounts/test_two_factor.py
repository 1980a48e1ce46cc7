"""Optional two-factor login (TOTP): enrolment, the login with a right and a wrong code, the
lockout, and REQUIRE_2FA_FOR_LEADS."""

import time
from binascii import unhexlify
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from strategy.enums import Role
from tests.factories import MembershipFactory

PASSWORD = "pw-Strategi-2026"
LOGIN = reverse("accounts:login")
ENROL = reverse("accounts:otp_enrol")
VERIFY = reverse("accounts:otp_verify")


def code_for(key: str, offset_steps: int = 0) -> str:
    totp = TOTP(unhexlify(key))
    totp.time = time.time() + 30 * offset_steps
    return f"{totp.token():06d}"


def password_step(client: Client, email: str, password: str = PASSWORD, ip="10.0.0.1", **extra):
    return client.post(LOGIN, {"username": email, "password": password, **extra}, REMOTE_ADDR=ip)


def enrolled(user) -> TOTPDevice:
    key = two_factor.new_key()
    return TOTPDevice.objects.create(user=user, name="app", key=key, confirmed=True)


@pytest.fixture
def lead(world):
    return world.users["lead"]


def test_roles_are_the_strategy_roles():
    assert two_factor.TWO_FACTOR_ROLES == (Role.LEAD, Role.STEERING)


# --- Enrolment -------------------------------------------------------------------------------


def test_enrol_page_shows_a_qr_code_as_an_image_and_the_key(world, lead):
    client = world.client_for("lead")

    response = client.get(ENROL)

    body = response.content.decode()
    key = client.session[two_factor.ENROL_KEY]
    assert response.status_code == 200
    assert '<img class="d-block mb-2" src="data:image/svg+xml;base64,' in body
    assert two_factor.key_base32(key) in body
    assert "<svg" not in body  # an <img> of a data URL: nothing inline for the CSP to block
    assert TOTPDevice.objects.count() == 0  # nothing is stored before the code proves the app


def test_enrol_with_a_right_code_turns_it_on_and_verifies_the_session(world, lead):
    client = world.client_for("lead")
    client.get(ENROL)
    key = client.session[two_factor.ENROL_KEY]

    response = client.post(ENROL, {"code": code_for(key)})

    device = TOTPDevice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("strategy:home")
    assert (device.user, device.key, device.confirmed) == (lead, key, True)
    assert client.session["otp_device_id"] == device.persistent_id
    assert two_factor.ENROL_KEY not in client.session
    assert client.get(ENROL).context["enrolled"] is True


def test_enrol_with_a_wrong_code_stores_nothing(world, lead):
    client = world.client_for("lead")
    client.get(ENROL)
    key = client.session[two_factor.ENROL_KEY]

    responses = [client.post(ENROL, {"code": code}) for code in ("000000", "12345", "abcdef")]
    old = client.post(ENROL, {"code": code_for(key, offset_steps=-5)})

    assert [r.status_code for r in [*responses, old]] == [400, 400, 400, 400]
    assert TOTPDevice.objects.count() == 0
    assert client.session[two_factor.ENROL_KEY] == key


@pytest.mark.parametrize("persona", ["steering", "lead"])
def test_leads_and_steering_members_may_enrol(world, persona):
    assert world.client_for(persona).get(ENROL).status_code == 200


@pytest.mark.parametrize("persona", ["viewer", "contributor"])
def test_other_roles_may_enrol_too(world, persona, settings):
    settings.REQUIRE_2FA_FOR_LEADS = True
    client = world.client_for(persona)

    response = client.get(ENROL)
    key = client.session[two_factor.ENROL_KEY]
    confirmed = client.post(ENROL, {"code": code_for(key)})

    assert response.status_code == 200
    assert response.context["required"] is False
    assert confirmed.status_code == 302
    assert TOTPDevice.objects.get().user == world.users[persona]


def test_a_lead_of_another_organisation_may_enrol_too(world):
    assert world.client_for("outsider").get(ENROL).status_code == 200


def test_anonymous_enrol_goes_to_login(db, client):
    response = client.get(ENROL)

    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


# --- Login with the code ---------------------------------------------------------------------


def test_login_without_an_app_is_unchanged(world, lead):
    client = Client()

    response = password_step(client, lead.email)

    assert response.status_code == 302
    assert response["Location"] == reverse("strategy:home")
    assert int(client.session["_auth_user_id"]) == lead.pk


def test_password_alone_does_not_log_in_a_user_with_an_app(world, lead):
    enrolled(lead)
    client = Client()

    response = password_step(client, lead.email, next="/p/x/")

    assert response.status_code == 302
    assert response["Location"] == VERIFY
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("strategy:home")).status_code == 302  # still anonymous


def test_right_code_logs_in_rotates_the_session_and_goes_to_next(world, lead):
    device = enrolled(lead)
    client = Client()
    password_step(client, lead.email, next=f"/p/{world.process.slug}/")
    before = client.session.session_key

    response = client.post(VERIFY, {"code": code_for(device.key)})

    assert response.status_code == 302
    assert response["Location"] == f"/p/{world.process.slug}/"
    assert int(client.session["_auth_user_id"]) == lead.pk
    assert client.session["otp_device_id"] == device.persistent_id
    assert client.session.session_key != before
    assert two_factor.PENDING_KEY not in client.session
    assert client.get(f"/p/{world.process.slug}/").status_code == 200


def test_an_outside_next_is_not_followed(world, lead):
    device = enrolled(lead)
    client = Client()
    password_step(client, lead.email, next="https://evil.example/")

    response = client.post(VERIFY, {"code": code_for(device.key)})

    assert response["Location"] == reverse("strategy:home")


@pytest.mark.parametrize("code", ["000000", "12345", "abcdef", "", "1234567"])
def test_wrong_code_does_not_log_in(world, lead, code):
    device = enrolled(lead)
    client = Client()
    password_step(client, lead.email)
    if code in {code_for(device.key, step) for step in (-1, 0, 1)}:
        pytest.skip("the random key's current code happens to be this one")

    response = client.post(VERIFY, {"code": code})

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors["code"]


def test_a_used_code_cannot_be_used_again(world, lead):
    device = enrolled(lead)
    code = code_for(device.key)
    first, second = Client(), Client()
    password_step(first, lead.email)
    password_step(second, lead.email)

    assert first.post(VERIFY, {"code": code}).status_code == 302
    assert second.post(VERIFY, {"code": code}).status_code == 400


def test_wrong_codes_are_throttled(world, lead):
    device = enrolled(lead)
    client = Client()
    password_step(client, lead.email)
    valid = {code_for(device.key, step) for step in (-1, 0, 1)}
    wrong = next(code for code in ("000001", "000002", "000003", "000004") if code not in valid)
    for _n in range(3):
        client.post(VERIFY, {"code": wrong})

    response = client.post(VERIFY, {"code": code_for(device.key)})  # right, but too soon

    device.refresh_from_db()
    assert response.status_code == 400
    assert response.context["form"].errors["code"]
    # After a wrong code the next try must wait (1 s, doubling with each failure), so the
    # later tries, the right code too, were refused without being checked.
    assert device.throttling_failure_count == 1
    assert "_auth_user_id" not in client.session


def test_verify_without_a_pending_login_goes_to_login(db, client):
    response = client.get(VERIFY)

    assert response.status_code == 302
    assert response["Location"] == LOGIN


def test_the_lockout_still_applies_to_users_with_an_app(world, lead, settings):
    settings.AXES_FAILURE_LIMIT = 5
    enrolled(lead)
    for _n in range(5):
        password_step(Client(), lead.email, "forkert", ip="10.0.0.9")

    locked = password_step(Client(), lead.email, ip="10.0.0.9")

    assert locked.status_code == 429


# --- REQUIRE_2FA_FOR_LEADS -------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["lead", "steering"])
def test_required_leads_and_steering_are_sent_to_enrolment(world, settings, persona):
    settings.REQUIRE_2FA_FOR_LEADS = True
    client = Client()
    password_step(client, world.users[persona].email)
    page = f"/p/{world.process.slug}/"

    response = client.get(page)

    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?{urlencode({'next': page})}"
    assert client.get(ENROL).status_code == 200
    htmx = client.get(page, headers={"HX-Request": "true"})
    assert htmx["HX-Redirect"].startswith(ENROL)


def test_required_enrolment_opens_the_pages(world, settings):
    settings.REQUIRE_2FA_FOR_LEADS = True
    client = world.client_for("lead")
    page = f"/p/{world.process.slug}/"
    client.get(ENROL)
    key = client.session[two_factor.ENROL_KEY]

    done = client.post(f"{ENROL}?{urlencode({'next': page})}", {"code": code_for(key)})

    assert done["Location"] == page
    assert client.get(page).status_code == 200


def test_required_with_an_app_but_an_unverified_session_asks_for_the_code(world, settings):
    settings.REQUIRE_2FA_FOR_LEADS = True
    device = enrolled(world.users["lead"])
    client = world.client_for("lead")  # a session from before the app was set up

    response = client.get(f"/p/{world.process.slug}/")
    verified = client.post(response["Location"], {"code": code_for(device.key)})

    assert response["Location"] == f"{VERIFY}?{urlencode({'next': f'/p/{world.process.slug}/'})}"
    assert verified.status_code == 302
    assert verified["Location"] == f"/p/{world.process.slug}/"  # back to the page asked for
    assert client.get(f"/p/{world.process.slug}/").status_code == 200


@pytest.mark.parametrize("persona", ["viewer", "contributor"])
def test_required_does_not_touch_other_roles(world, settings, persona):
    settings.REQUIRE_2FA_FOR_LEADS = True

    response = world.client_for(persona).get(f"/p/{world.process.slug}/")

    assert response.status_code == 200


def test_not_required_by_default(world):
    response = world.client_for("lead").get(f"/p/{world.process.slug}/")

    assert response.status_code == 200


def test_required_leaves_the_account_pages_and_logout_reachable(world, settings):
    settings.REQUIRE_2FA_FOR_LEADS = True
    client = world.client_for("lead")

    assert client.get(reverse("accounts:password_change")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302


def test_a_steering_member_of_another_process_only_is_required_too(db, settings):
    settings.REQUIRE_2FA_FOR_LEADS = True
    membership = MembershipFactory(role=Role.STEERING)
    client = Client()
    client.force_login(membership.user)

    assert client.get("/").status_code == 302
