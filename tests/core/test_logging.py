import logging

import pytest

from core.logging import RedactSecretsFilter, redact

TOKEN = "pQ3x_Vb-9kLmN0aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Not Found: /v/{TOKEN}/", "Not Found: /v/[skjult]/"),
        (f'"GET /v/{TOKEN}/ HTTP/1.1" 404 12', '"GET /v/[skjult]/ HTTP/1.1" 404 12'),
        (f"/v/{TOKEN}", "/v/[skjult]"),
        (f"/v/{TOKEN}?x=1", "/v/[skjult]?x=1"),
        ("/v/æøå%20x/", "/v/[skjult]/"),
        ("GET /join/?code=ABC234 HTTP/1.1", "GET /join/?code=[skjult] HTTP/1.1"),
        ("/join/?group=leder&code=ab%20c&x=1", "/join/?group=leder&code=[skjult]&x=1"),
        ("/static/vendor/htmx.js /p/demo/", "/static/vendor/htmx.js /p/demo/"),
    ],
)
def test_redact_hides_tokens_and_join_codes_only(text, expected):
    assert redact(text) == expected


def _record(msg, args=(), exc_info=None):
    return logging.LogRecord("django.request", logging.WARNING, __file__, 1, msg, args, exc_info)


def test_filter_redacts_message_and_arguments_and_keeps_the_record():
    record = _record("%s: %s", ("Not Found", f"/v/{TOKEN}/"))

    kept = RedactSecretsFilter().filter(record)

    assert kept is True
    assert record.getMessage() == "Not Found: /v/[skjult]/"
    assert TOKEN not in repr(record.args)


def test_filter_redacts_mapping_arguments():
    record = _record("path %(path)s", ({"path": "/join/?code=QWERTY"},))

    RedactSecretsFilter().filter(record)

    assert record.getMessage() == "path /join/?code=[skjult]"


def test_filter_leaves_records_without_secrets_untouched():
    record = _record("%s took %d ms", ("/p/demo/", 12))

    RedactSecretsFilter().filter(record)

    assert record.msg == "%s took %d ms"
    assert record.args == ("/p/demo/", 12)


def test_filter_redacts_a_code_placeholder_without_breaking_the_format():
    record = _record("joined with code=%s", ("ABC234",))

    RedactSecretsFilter().filter(record)

    assert record.getMessage() == "joined with code=[skjult]"


def test_filter_redacts_the_traceback():
    try:
        raise ValueError(f"bad path /v/{TOKEN}/")
    except ValueError:
        import sys

        record = _record("boom", exc_info=sys.exc_info())

    RedactSecretsFilter().filter(record)

    assert TOKEN not in record.exc_text
    assert "/v/[skjult]/" in record.exc_text


def test_console_handler_of_the_settings_carries_the_filter():
    from django.conf import settings

    assert "redact_secrets" in settings.LOGGING["handlers"]["console"]["filters"]
    assert settings.LOGGING["filters"]["redact_secrets"]["()"] == "core.logging.RedactSecretsFilter"
