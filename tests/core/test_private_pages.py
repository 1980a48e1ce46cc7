"""core.middleware.PrivatePagesMiddleware: no-store for a member's or a participant's session,
decided from a session the view has loaded; a view's own Cache-Control is kept."""

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.http import HttpResponse
from django.test import RequestFactory

from core.middleware import PARTICIPANT_SESSION_KEY, PrivatePagesMiddleware
from workshops import permissions

NEVER_CACHE = "max-age=0, no-cache, no-store, must-revalidate, private"


def request_with(session_data: dict):
    """A request whose stored session holds `session_data`, not loaded yet (as in a request)."""
    stored = SessionStore()
    stored.update(session_data)
    stored.save()
    request = RequestFactory().get("/")
    request.session = SessionStore(stored.session_key)
    return request


def middleware(*, read: bool, cache_control: str | None = None) -> PrivatePagesMiddleware:
    """The middleware around a view that reads the session or not and sets its own
    Cache-Control or not."""

    def view(request):
        if read:
            request.session.get("anything")
        response = HttpResponse("ok")
        if cache_control is not None:
            response["Cache-Control"] = cache_control
        return response

    return PrivatePagesMiddleware(view)


def test_the_participant_key_is_the_one_workshops_uses():
    assert PARTICIPANT_SESSION_KEY == permissions.SESSION_KEY


def test_a_member_session_read_by_the_view_gets_no_store(db):
    response = middleware(read=True)(request_with({SESSION_KEY: "1"}))

    assert response["Cache-Control"] == NEVER_CACHE
    assert "Expires" in response


def test_a_participant_session_read_by_the_view_gets_no_store(db):
    response = middleware(read=True)(request_with({PARTICIPANT_SESSION_KEY: 7}))

    assert response["Cache-Control"] == NEVER_CACHE


def test_an_anonymous_session_gets_nothing(db):
    response = middleware(read=True)(request_with({"other": 1}))

    assert "Cache-Control" not in response


def test_a_session_the_view_did_not_read_is_not_loaded_and_gets_nothing(
    db, django_assert_num_queries
):
    request = request_with({SESSION_KEY: "1"})

    with django_assert_num_queries(0):
        response = middleware(read=False)(request)

    assert "Cache-Control" not in response


def test_the_views_own_cache_control_is_kept(db):
    response = middleware(read=True, cache_control="private, max-age=3600")(
        request_with({SESSION_KEY: "1"})
    )

    assert response["Cache-Control"] == "private, max-age=3600"
