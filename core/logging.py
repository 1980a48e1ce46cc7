"""Keep personal-link tokens and join codes out of the logs.

A personal link `/v/<token>/` is a password: whoever has it can add notes as that participant.
Request paths reach log records (Django's request and server loggers, exceptions), so the
console handler carries `RedactSecretsFilter`, which rewrites the message, its arguments and
the exception text before the record is written.
"""

import logging
import re

REDACTED = "[skjult]"

_PATTERNS = [
    # /v/<token>/ : everything up to the next slash, quote, space, query or fragment.
    (re.compile(r"/v/[^/\s\"'?#&]+"), f"/v/{REDACTED}"),
    # ?code=ABC234 or &code=ABC234 (join codes in a query string or form body).
    (re.compile(r"(code=)[^&\s\"'#<>;]+", re.IGNORECASE), rf"\g<1>{REDACTED}"),
]


def redact(text: str) -> str:
    """`text` with every personal-link token and join code replaced by [skjult]."""
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactSecretsFilter(logging.Filter):
    """Rewrites a record in place so that no handler after it sees a token; keeps every record.

    The message is formatted with its arguments first and redacted as a whole, so a token in an
    argument is caught as well as one in the message, and a "code=%s" in the message cannot end
    up with more arguments than placeholders.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: leave it to the handler to report
            message = None
        if message is not None:
            redacted = redact(message)
            if redacted != message:
                record.msg = redacted
                record.args = ()
        if record.exc_info and not record.exc_text:
            # Format the traceback now, so that it can be redacted; formatters reuse exc_text.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
