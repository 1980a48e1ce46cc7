"""Security headers and cookies on real responses, with the production settings (DEBUG off,
configuration from the environment as in `make check-deploy`), and `check --deploy` clean."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from workshops.services.participants import participant_issue_link

# The test run's own configuration must not reach the production process (the browser tests,
# for one, set DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly refuses).
TEST_ONLY = {"DATABASE_URL", "DEBUG", "ALLOWED_HOSTS", "SECRET_KEY", "CACHE_URL", "ROOT_URLCONF"}


@pytest.fixture(scope="module")
def production():
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in TEST_ONLY and not key.startswith(("DJANGO_", "PYTEST_"))
    }
    env |= {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "strategi.example.dk",
    }
    result = subprocess.run(
        [sys.executable, "-W", "ignore", "-m", "tests.security.production_probe"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def test_check_deploy_reports_nothing(production):
    assert production["debug"] is False
    assert production["check_stdout"] == "System check identified no issues (0 silenced).\n"
    assert production["check_stderr"] == ""


def test_page_headers(production):
    headers = production["headers"]

    assert production["page_status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_strict_csp(production):
    csp = production["headers"]["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";") if part.strip())

    assert directives == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data:",
        "font-src": "'self'",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp


def test_plain_http_is_redirected_to_https(production):
    assert production["plain_status"] == 301
    assert production["plain_location"] == "https://strategi.example.dk/accounts/login/"


@pytest.mark.parametrize("name", ["csrftoken", "sessionid", "language"])
def test_cookies_are_secure_httponly_and_samesite(production, name):
    assert production["cookies"][name] == {"secure": True, "httponly": True, "samesite": "Lax"}


def test_personal_link_redirect_sends_no_referrer(world, client):
    token = participant_issue_link(participant=world.participant)

    response = client.get(reverse("workshops:link.redeem", kwargs={"token": token}))

    assert response.status_code == 302
    assert response["Location"] == reverse("workshops:phone.home")
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["Cache-Control"] == "no-store"
    assert token not in response["Location"]


def test_a_wrong_personal_link_sends_no_referrer_either(world, client):
    response = client.get(reverse("workshops:link.redeem", kwargs={"token": "x" * 43}))

    assert response.status_code == 404
    assert response["Referrer-Policy"] == "no-referrer"


def test_api_answers_carry_the_same_headers(world, client):
    response = client.get(reverse("api:process.list"))

    assert response.status_code == 401
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
