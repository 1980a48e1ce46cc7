"""Role-matrix cases of the workshops app, one list per area (each area owns its module)."""

from tests.workshops import matrix_evidence, matrix_participants, matrix_voting

CASES = [*matrix_participants.CASES, *matrix_evidence.CASES, *matrix_voting.CASES]

# Public views (personal links, join by code, the participant's phone pages) are outside the
# role matrix: they are tested in tests/workshops/ with their own participant-session rules.
NOT_IN_MATRIX = {
    **matrix_participants.NOT_IN_MATRIX,
    **matrix_evidence.NOT_IN_MATRIX,
    **matrix_voting.NOT_IN_MATRIX,
}
