"""Role-matrix cases of the reporting app (collected by tests/test_permission_matrix.py)."""

from tests.matrix import MANAGE, VIEW, Case, slug

DECIDE = {"viewer": 403, "contributor": 403, "steering": "ok", "lead": 403}

CASES = [
    Case("reporting:report.preview", slug, VIEW),
    Case("reporting:report.pdf", slug, VIEW),
    Case("reporting:budget_request.pdf", slug, VIEW),
    Case("reporting:budget_request.edit", slug, MANAGE),
    Case(
        "reporting:budget_request.edit",
        slug,
        MANAGE,
        method="post",
        data=lambda world: {"core": "Kernen", "recommendation": "At ..."},
        ok=302,
    ),
]

NOT_IN_MATRIX: dict[str, str] = {}
