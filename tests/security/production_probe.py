"""Run with production settings (DEBUG off, from the environment as in `make check-deploy`):
prints, as JSON, what `check --deploy` says and the headers and cookies of real responses.
Used by test_production_headers.py in a subprocess, because settings are read at start-up."""

import io
import json
import os
import sys


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "rodovre_strategy.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.sessions.middleware import SessionMiddleware
    from django.core.management import call_command
    from django.http import HttpResponse
    from django.test import Client, RequestFactory

    # Only the static files' storage differs from production: the manifest needs a
    # collectstatic run, which a test does not make (the headers do not depend on it).
    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )

    out, err = io.StringIO(), io.StringIO()
    call_command("check", deploy=True, fail_level="WARNING", stdout=out, stderr=err)

    host = settings.ALLOWED_HOSTS[0]
    client = Client(HTTP_HOST=host)
    page = client.get("/accounts/login/", secure=True)
    plain = client.get("/accounts/login/", secure=False)
    language = client.post("/sprog/", {"language": "en", "next": "/"}, secure=True)

    # The session cookie as SessionMiddleware sets it (a cache session store here, so the
    # probe needs no database; the cookie's attributes come from the same settings).
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"

    def view(request):
        request.session["probe"] = 1
        return HttpResponse()

    session_response = SessionMiddleware(view)(RequestFactory().get("/", secure=True))

    def cookie(response, name: str) -> dict:
        morsel = response.cookies[name]
        return {
            "secure": bool(morsel["secure"]),
            "httponly": bool(morsel["httponly"]),
            "samesite": morsel["samesite"],
        }

    json.dump(
        {
            "check_stdout": out.getvalue(),
            "check_stderr": err.getvalue(),
            "debug": settings.DEBUG,
            "page_status": page.status_code,
            "headers": dict(page.headers),
            "plain_status": plain.status_code,
            "plain_location": plain.headers.get("Location", ""),
            "cookies": {
                "csrftoken": cookie(page, settings.CSRF_COOKIE_NAME),
                "sessionid": cookie(session_response, settings.SESSION_COOKIE_NAME),
                "language": cookie(language, settings.LANGUAGE_COOKIE_NAME),
            },
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
