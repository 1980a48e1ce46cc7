"""The user menu in the page header: the account's own pages."""

import re

from django.conf import settings
from django.test import Client

from strategy.enums import Role
from tests.factories import MembershipFactory, UserFactory

TWO_FACTOR_LINK = '<a class="dropdown-item" href="/accounts/to-faktor/">Two-factor login</a>'
PASSWORD_LINK = '<a class="dropdown-item" href="/accounts/adgangskode/skift/">Change password</a>'


def english_client() -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_the_user_menu_links_to_the_two_factor_login(db):
    user = MembershipFactory(role=Role.LEAD, user=UserFactory(email="pia@example.dk")).user
    client = english_client()
    client.force_login(user)

    response = client.get("/")

    body = response.content.decode()
    assert response.status_code == 200
    assert body.count(TWO_FACTOR_LINK) == 1
    # The next item after "Change password", in the same menu.
    assert re.search(re.escape(PASSWORD_LINK) + r"</li>\s*<li>" + re.escape(TWO_FACTOR_LINK), body)


def test_an_anonymous_page_has_no_user_menu(db):
    response = english_client().get("/accounts/login/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "/accounts/to-faktor/" not in body
    assert "/accounts/adgangskode/skift/" not in body
