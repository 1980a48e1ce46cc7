"""Join-code guessing is limited per session, per code (from any session or address) and,
generously, per address."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from workshops.models import Participant


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _join(client: Client, code: str, ip: str = "10.0.0.1"):
    return client.post(
        reverse("workshops:join"), {"code": code, "group": "medarbejder"}, REMOTE_ADDR=ip
    )


def test_one_session_is_limited_after_its_failures(world):
    client = Client()
    statuses = [
        _join(client, f"WRONG{n}").status_code
        for n in range(settings.PARTICIPANT_FAILURES_PER_SESSION + 1)
    ]

    assert statuses == [400] * settings.PARTICIPANT_FAILURES_PER_SESSION + [429]
    assert _join(client, world.workshop.join_code).status_code == 429  # even a right code
    assert Participant.objects.filter(joined_via_code__isnull=False).count() == 0


@override_settings(PARTICIPANT_FAILURES_PER_CODE=3)
def test_one_code_is_limited_across_sessions_and_addresses(world):
    # Each attempt from a fresh browser (no session) and another address.
    statuses = [_join(Client(), "ABC234", ip=f"10.0.1.{n}").status_code for n in range(4)]

    assert statuses == [400, 400, 400, 429]
    # Another code from a fresh browser is not affected.
    assert _join(Client(), "XYZ789", ip="10.0.2.1").status_code == 400


@override_settings(PARTICIPANT_FAILURES_PER_CODE=3)
def test_the_code_limit_counts_normalised_codes(world):
    variants = ["abc234", "ABC 234", " a b c 2 3 4 ", "ABC234"]

    statuses = [
        _join(Client(), code, ip=f"10.0.3.{n}").status_code for n, code in enumerate(variants)
    ]

    assert statuses == [400, 400, 400, 429]


@override_settings(PARTICIPANT_FAILURES_PER_CODE=3)
def test_a_right_code_is_never_counted(world):
    code = world.workshop.join_code
    statuses = [_join(Client(), code, ip=f"10.0.4.{n}").status_code for n in range(5)]

    assert statuses == [302] * 5
    assert Participant.objects.filter(joined_via_code=world.workshop).count() == 5


@override_settings(PARTICIPANT_FAILURES_PER_IP=4)
def test_the_address_limit_catches_a_browser_that_drops_its_cookie(world):
    statuses = [_join(Client(), f"WRONG{n}", ip="10.0.5.1").status_code for n in range(5)]

    assert statuses == [400, 400, 400, 400, 429]
