"""The API is not reached with a login session: its URLs are token-authenticated and tested
in tests/api (foreign organisation 404, no or revoked token 401, POST 405)."""

CASES = []

_REASON = "token-authenticated, covered by tests/api"

NAMES = (
    "api:schema",
    "api:process.list",
    "api:process.detail",
    "api:theme.list",
    "api:round.list",
    "api:initiative.list",
    "api:budget",
)

NOT_IN_MATRIX = dict.fromkeys(NAMES, _REASON)
