from tests.matrix import EDIT, VIEW, Case, slug  # noqa: F401

CASES: list[Case] = []

NOT_IN_MATRIX: dict[str, str] = {}
