"""The WSGI entry point imports the URLconf while a gunicorn worker boots."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
import rodovre_strategy.wsgi
from django.urls import get_resolver
print("url_patterns" in get_resolver().__dict__, "workshops.views.voting_phone" in sys.modules)
"""


def test_wsgi_module_loads_the_urlconf_and_the_views_before_the_first_request():
    # In a fresh interpreter: this test process has long imported the URLconf itself.
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "rodovre_strategy.settings_test"}
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["True", "True"]
