from tests.matrix import EDIT, VIEW, Case, slug  # noqa: F401

CASES: list[Case] = [
    Case("actionplan:roadmap", slug, VIEW),
    Case("actionplan:risk.matrix", slug, VIEW),
    Case("actionplan:plan.csv", slug, VIEW),
    Case("actionplan:plan.xlsx", slug, VIEW),
]

NOT_IN_MATRIX: dict[str, str] = {}
