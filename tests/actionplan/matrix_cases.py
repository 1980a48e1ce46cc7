"""Role-matrix cases of the actionplan app, one list per area (each area owns its module)."""

from tests.actionplan import matrix_budget, matrix_followup, matrix_initiatives, matrix_plan

CASES = [
    *matrix_initiatives.CASES,
    *matrix_plan.CASES,
    *matrix_followup.CASES,
    *matrix_budget.CASES,
]

NOT_IN_MATRIX = {
    **matrix_initiatives.NOT_IN_MATRIX,
    **matrix_plan.NOT_IN_MATRIX,
    **matrix_followup.NOT_IN_MATRIX,
    **matrix_budget.NOT_IN_MATRIX,
}
