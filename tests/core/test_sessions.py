"""core.sessions: Django's database sessions without the look-up of a new key."""

from importlib import import_module
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_the_project_uses_it():
    assert import_module(settings.SESSION_ENGINE).SessionStore is SessionStore


def test_a_new_session_is_inserted_without_looking_its_key_up_first():
    session = SessionStore()
    session["participant_id"] = 7

    with CaptureQueriesContext(connection) as queries:
        session.save()

    statements = [q["sql"] for q in queries.captured_queries if "django_session" in q["sql"]]
    assert len(statements) == 1
    assert statements[0].startswith('INSERT INTO "django_session"')
    assert SessionStore(session.session_key).load() == {"participant_id": 7}


def test_a_drawn_key_that_exists_is_not_reused_and_the_next_one_is_drawn():
    existing = SessionStore()
    existing["participant_id"] = 1
    existing.save()
    taken, fresh = existing.session_key, "z" * 32

    session = SessionStore()
    session["participant_id"] = 2
    with mock.patch("core.sessions.get_random_string", side_effect=[taken, fresh]) as draw:
        session.save()

    assert draw.call_count == 2
    assert session.session_key == fresh
    assert SessionStore(taken).load() == {"participant_id": 1}
    assert SessionStore(fresh).load() == {"participant_id": 2}
    assert Session.objects.count() == 2


def test_cycling_a_key_keeps_the_data_under_a_new_key_and_drops_the_old_row():
    session = SessionStore()
    session["participant_id"] = 3
    session.save()
    old = session.session_key

    session.cycle_key()

    assert session.session_key != old
    assert not Session.objects.filter(session_key=old).exists()
    assert SessionStore(session.session_key).load() == {"participant_id": 3}
