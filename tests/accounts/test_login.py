"""Login with e-mail, password pages, and the lockout keyed on username and IP together."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

PASSWORD = "pw-Strategi-2026"


@pytest.fixture
def user(db):
    return UserFactory(email="pia@rodovre.dk")


def login(client: Client, username: str, password: str, ip: str = "10.0.0.1"):
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_login_page_is_danish(db, client):
    response = client.get(reverse("accounts:login"))

    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="da">' in body
    assert "<h1>Log ind</h1>" in body
    assert 'name="username"' in body
    assert 'name="password"' in body


def test_login_with_email_in_any_case_redirects_home(user, client):
    response = login(client, "Pia@Rodovre.DK", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("strategy:home")
    assert int(client.session["_auth_user_id"]) == user.pk


def test_wrong_password_shows_danish_error(user, client):
    response = login(client, "pia@rodovre.dk", "forkert")

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Indtast venligst korrekt e-mail og adgangskode. Bemærk at begge felter kan være "
        "versalfølsomme."
    ]


def test_five_failures_lock_out_that_username_from_that_ip_only(user, client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    other = UserFactory(email="kollega@rodovre.dk")
    for _attempt in range(5):
        login(client, "pia@rodovre.dk", "forkert", ip="10.0.0.7")

    locked = login(Client(), "pia@rodovre.dk", PASSWORD, ip="10.0.0.7")
    same_ip_other_user = login(Client(), other.email, PASSWORD, ip="10.0.0.7")
    same_user_other_ip = login(Client(), "pia@rodovre.dk", PASSWORD, ip="10.0.0.8")

    assert locked.status_code == 429
    assert "For mange mislykkede login" in locked.content.decode()
    assert same_ip_other_user.status_code == 302
    assert same_user_other_ip.status_code == 302


def test_four_failures_do_not_lock_out(user, client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    for _attempt in range(4):
        login(client, "pia@rodovre.dk", "forkert")

    assert login(Client(), "pia@rodovre.dk", PASSWORD).status_code == 302


def test_logout_requires_post_and_ends_the_session(user, client):
    client.force_login(user)

    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_password_reset_sends_a_danish_mail_with_a_working_link(user, client):
    response = client.post(reverse("accounts:password_reset"), {"email": "pia@rodovre.dk"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "Vælg en ny adgangskode til Rødovre Strategi"
    link = next(
        line for line in message.body.splitlines() if "/accounts/adgangskode/nulstil/" in line
    )
    path = link.split("testserver", 1)[1]
    confirm = client.get(path, follow=True)
    assert confirm.context["validlink"] is True
    done = client.post(
        confirm.redirect_chain[-1][0],
        {"new_password1": "Nyt-Kodeord-2027", "new_password2": "Nyt-Kodeord-2027"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Nyt-Kodeord-2027")


def test_password_change_requires_login(db, client):
    response = client.get(reverse("accounts:password_change"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_password_change_changes_the_password(user, client):
    client.force_login(user)

    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Endnu-Nyere-2028",
            "new_password2": "Endnu-Nyere-2028",
        },
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Endnu-Nyere-2028")


def test_create_user_normalises_email_and_requires_it(db):
    from accounts.models import User

    user = User.objects.create_user(email="Ny@Example.DK", password="x")

    assert user.email == "ny@example.dk"
    with pytest.raises(ValueError):
        User.objects.create_user(email="", password="x")


def test_invited_person_without_password_can_ask_for_a_new_link(db, client):
    from accounts.models import User

    invited = User.objects.create_user(email="inviteret@rodovre.dk")
    inactive = User.objects.create_user(email="stoppet@rodovre.dk", password="x", is_active=False)

    client.post(reverse("accounts:password_reset"), {"email": "Inviteret@rodovre.dk"})
    client.post(reverse("accounts:password_reset"), {"email": inactive.email})

    assert invited.has_usable_password() is False
    assert [m.to for m in mail.outbox] == [["inviteret@rodovre.dk"]]


def test_behind_a_proxy_the_lockout_uses_the_forwarded_client_address(user, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.LOCKOUT_TRUSTED_PROXIES = 1
    proxy = "10.9.9.9"
    for _attempt in range(3):
        Client().post(
            reverse("accounts:login"),
            {"username": "pia@rodovre.dk", "password": "forkert"},
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR="203.0.113.5",
        )
    # A client cannot dodge the count by sending its own X-Forwarded-For: the proxy appends.
    spoofed = Client().post(
        reverse("accounts:login"),
        {"username": "pia@rodovre.dk", "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5",
    )

    attacker = Client().post(
        reverse("accounts:login"),
        {"username": "pia@rodovre.dk", "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="203.0.113.5",
    )
    real_user = Client().post(
        reverse("accounts:login"),
        {"username": "pia@rodovre.dk", "password": PASSWORD},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )

    assert spoofed.status_code == 429
    assert attacker.status_code == 429
    assert real_user.status_code == 302
