"""What the page benchmarks' setup scripts share (bench/setup_actionplan.py,
bench/setup_budget.py): the query count of each page in-process, and a session cookie of the demo
lead for the load requests. Import after django.setup()."""

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.module_loading import import_string


def query_counts(user, pages: dict[str, str]) -> dict[str, int]:
    """The queries of one GET of each page as `user` (after a warm-up GET, which must be 200)."""
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    queries = {}
    for name, path in pages.items():
        warm = client.get(path)
        if warm.status_code != 200:
            raise SystemExit(f"{path} answered {warm.status_code}")
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        queries[name] = len(captured.captured_queries)
    return queries


def session_cookie(user) -> str:
    """A new session for `user` (as the test client's force_login makes it) as a Cookie value."""
    engine = import_string(settings.SESSION_ENGINE)
    session = engine.SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    # As force_login: the first backend that can load a user.
    session[BACKEND_SESSION_KEY] = next(
        path
        for path in settings.AUTHENTICATION_BACKENDS
        if hasattr(import_string(path), "get_user")
    )
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
