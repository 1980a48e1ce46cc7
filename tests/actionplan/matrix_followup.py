from tests.factories import InitiativeFactory
from tests.matrix import EDIT, VIEW, Case, slug


def initiative(world):
    """One initiative in the world's process (made once per world)."""
    if getattr(world, "_followup_initiative", None) is None:
        world._followup_initiative = InitiativeFactory(theme=world.theme)
    return world._followup_initiative


def other_initiative(world):
    if getattr(world, "_followup_other_initiative", None) is None:
        world._followup_other_initiative = InitiativeFactory(theme=world.other["theme"])
    return world._followup_other_initiative


CASES: list[Case] = [
    Case(
        "actionplan:status_update.add",
        lambda w: {**slug(w), "pk": initiative(w).pk},
        EDIT,
        method="post",
        data=lambda w: {"date": "2027-03-01", "status": "in_progress", "traffic_light": "yellow"},
        ok=302,
        foreign_kwargs=lambda w: {**slug(w), "pk": other_initiative(w).pk},
    ),
    Case("actionplan:programme", slug, VIEW),
]

NOT_IN_MATRIX: dict[str, str] = {
    "actionplan:you_said_we_did": (
        "participant session, no account (workshops.permissions.participant_required); "
        "tests/actionplan/test_followup.py"
    ),
}
