"""Session fixation and cross-site request forgery: the session key changes whenever a browser
becomes someone (a password login, a join code; the personal link and the two-factor step are
tested in tests/workshops/test_links.py and tests/accounts/test_two_factor.py), and a POST
without the CSRF token is refused before it reaches a view."""

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY as USER_SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory
from workshops.models import Participant
from workshops.permissions import SESSION_KEY as PARTICIPANT_SESSION_KEY

PASSWORD = "pw-Strategi-2026"
LOGIN = reverse("accounts:login")
JOIN = reverse("workshops:join")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def session_key_before(client: Client) -> str:
    """Give the browser a stored session (as a visitor's browser has) and return its key."""
    session = client.session
    session["visited"] = True
    session.save()
    return session.session_key


def test_a_password_login_gives_the_session_a_new_key(db):
    user = UserFactory(email="pia@rodovre.dk")
    client = Client()
    before = session_key_before(client)

    response = client.post(LOGIN, {"username": "pia@rodovre.dk", "password": PASSWORD})

    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert response.status_code == 302
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert Session.objects.get(session_key=after).get_decoded()[USER_SESSION_KEY] == str(user.pk)


def test_joining_with_a_code_gives_the_session_a_new_key(world):
    client = Client()
    before = session_key_before(client)

    response = client.post(JOIN, {"code": world.workshop.join_code, "group": "leder"})

    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    participant = Participant.objects.get(joined_via_code=world.workshop)
    assert response.status_code == 302
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()
    assert Session.objects.get(session_key=after).get_decoded()[PARTICIPANT_SESSION_KEY] == (
        participant.pk
    )


def test_a_login_without_the_csrf_token_is_refused(db):
    UserFactory(email="pia@rodovre.dk")
    client = Client(enforce_csrf_checks=True)

    response = client.post(LOGIN, {"username": "pia@rodovre.dk", "password": PASSWORD})

    assert response.status_code == 403
    assert USER_SESSION_KEY not in client.session


def test_a_join_without_the_csrf_token_is_refused_and_with_it_accepted(world):
    client = Client(enforce_csrf_checks=True)
    data = {"code": world.workshop.join_code, "group": "leder"}

    refused = client.post(JOIN, data)
    client.get(JOIN)  # the form page sets the CSRF cookie
    accepted = client.post(
        JOIN, {**data, "csrfmiddlewaretoken": client.cookies[settings.CSRF_COOKIE_NAME].value}
    )

    assert refused.status_code == 403
    assert accepted.status_code == 302
    assert Participant.objects.filter(joined_via_code=world.workshop).count() == 1


def test_a_members_post_without_the_csrf_token_changes_nothing(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["lead"])

    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 403
    assert int(client.session[USER_SESSION_KEY]) == world.users["lead"].pk
