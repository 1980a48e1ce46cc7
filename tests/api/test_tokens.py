"""API tokens: the management command prints the key once, the admin revokes."""

from io import StringIO

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from api import services
from api.models import ApiToken
from tests.factories import OrganisationFactory


@pytest.fixture
def admin_client(client, db):
    client.force_login(User.objects.create_superuser(email="admin@example.dk", password="x-Y-2026"))
    return client


def test_create_api_token_prints_the_key_once(db):
    organisation = OrganisationFactory(slug="rodovre")
    out, err = StringIO(), StringIO()

    call_command("create_api_token", "rodovre", "Power BI", stdout=out, stderr=err)

    key = out.getvalue().strip()
    token = ApiToken.objects.get()
    assert (token.organisation, token.name, token.revoked) == (organisation, "Power BI", False)
    assert token.key_hash == services.hash_key(key)
    assert len(key) == 43
    assert key not in err.getvalue()
    assert "not shown again" in err.getvalue()


def test_create_api_token_unknown_organisation(db):
    with pytest.raises(CommandError, match="No organisation with the slug 'nope'"):
        call_command("create_api_token", "nope", "Power BI", stdout=StringIO())

    assert ApiToken.objects.count() == 0


def test_two_tokens_have_different_keys(db):
    organisation = OrganisationFactory()

    _a, key_a = services.token_create(organisation=organisation, name="a")
    _b, key_b = services.token_create(organisation=organisation, name="b")

    assert key_a != key_b


def test_admin_lists_and_revokes_with_the_action(admin_client):
    token, _key = services.token_create(organisation=OrganisationFactory(), name="Power BI")

    listing = admin_client.get(reverse("admin:api_apitoken_changelist"))
    response = admin_client.post(
        reverse("admin:api_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [token.pk]},
    )

    assert listing.status_code == 200
    assert response.status_code == 302
    assert ApiToken.objects.get(pk=token.pk).revoked is True


@pytest.mark.parametrize(
    ("selected", "already_revoked", "expected"),
    [(1, 0, "1 token revoked."), (2, 0, "2 tokens revoked."), (3, 1, "2 tokens revoked.")],
)
def test_admin_revoke_action_counts_in_its_message(
    admin_client, selected, already_revoked, expected
):
    organisation = OrganisationFactory()
    tokens = [
        services.token_create(organisation=organisation, name=f"tool {i}")[0]
        for i in range(selected)
    ]
    for token in tokens[:already_revoked]:
        services.token_revoke(token=token)

    # The message is translated inside the request, in the language the cookie chooses.
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        response = admin_client.post(
            reverse("admin:api_apitoken_changelist"),
            {"action": "revoke", "_selected_action": [token.pk for token in tokens]},
        )
        shown = [str(message) for message in get_messages(response.wsgi_request)]

    assert response.status_code == 302
    assert shown == [expected]
    assert ApiToken.objects.filter(revoked=False).count() == 0


def test_admin_change_form_revokes_and_cannot_add(admin_client):
    token, _key = services.token_create(organisation=OrganisationFactory(), name="Power BI")
    change = reverse("admin:api_apitoken_change", args=[token.pk])

    form = admin_client.get(change)
    response = admin_client.post(change, {"revoked": "on"})

    assert list(form.context["adminform"].form.fields) == ["revoked"]
    assert response.status_code == 302
    assert ApiToken.objects.get(pk=token.pk).revoked is True
    assert list(admin_client.get(change).context["adminform"].form.fields) == []
    assert admin_client.get(reverse("admin:api_apitoken_add")).status_code == 403
