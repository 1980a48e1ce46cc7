"""What the page benchmarks' setup scripts share (bench/setup_actionplan.py,
bench/setup_budget.py): Django set up with the server's environment, the demo data seeded once,
the query count of each page in-process, and a session cookie of the demo lead for the load
requests. Call `setup_django()` before importing anything else of the project."""

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(description: str) -> argparse.Namespace:
    """Parse `--scale` and set Django up (the environment is the server's: DATABASE_URL, ...)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--scale", type=int, required=True)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rodovre_strategy.settings")
    import django

    django.setup()
    return args


def demo_process_and_lead(seeded) -> tuple:
    """The demo process and its lead, seeding the demo data first unless `seeded(process)` says
    it is there."""
    from django.contrib.auth import get_user_model

    from actionplan import demo as actionplan_demo
    from strategy import demo as strategy_demo
    from strategy.models import StrategyProcess
    from workshops import demo as workshops_demo

    process = StrategyProcess.objects.filter(slug=strategy_demo.PROCESS_SLUG).first()
    if process is None or not seeded(process):
        strategy_demo.seed()
        workshops_demo.seed()
        actionplan_demo.seed()
        process = StrategyProcess.objects.get(slug=strategy_demo.PROCESS_SLUG)
    return process, get_user_model().objects.get(email=actionplan_demo.LEAD_EMAIL)


def query_counts(user, pages: dict[str, str]) -> dict[str, int]:
    """The queries of one GET of each page as `user` (after a warm-up GET, which must be 200)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

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
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

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


def report(process, lead, count_key: str, count: int, pages: dict[str, str]) -> int:
    """Print the JSON object that bench/run.py reads: the pages, their query counts, the size
    (`count_key`: `count`) and the lead's session cookie."""
    print(
        json.dumps(
            {
                "slug": process.slug,
                count_key: count,
                "pages": pages,
                "queries": query_counts(lead, pages),
                "cookie": session_cookie(lead),
            }
        )
    )
    return 0
