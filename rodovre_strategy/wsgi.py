"""WSGI entry point (gunicorn rodovre_strategy.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rodovre_strategy.settings")

application = get_wsgi_application()

# Import the URLconf, and with it every view module, while the worker boots: not on the first
# request each worker serves (after a start, a restart or a reload), which would wait for it.
get_resolver().url_patterns  # noqa: B018 - the property's side effect is the import
