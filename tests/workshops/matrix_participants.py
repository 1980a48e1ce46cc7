"""Role-matrix cases of the participant register: every view needs EDIT (personal data)."""

from tests.matrix import EDIT, Case, slug


def _participant(world) -> dict:
    return {**slug(world), "pk": world.participant.pk}


def _foreign_participant(world) -> dict:
    return {**slug(world), "pk": world.other["participant"].pk}


CASES: list[Case] = [
    Case("workshops:participant.list", slug, EDIT),
    Case("workshops:participant.create", slug, EDIT),
    Case("workshops:participant.import", slug, EDIT),
    Case(
        "workshops:participant.export_links",
        slug,
        EDIT,
        method="post",
        data=lambda w: {"scope": "all"},
    ),
    Case(
        "workshops:participant.qr_sheet",
        slug,
        EDIT,
        method="post",
        data=lambda w: {"scope": "all"},
    ),
    Case("workshops:participant.send_links", slug, EDIT),
    Case(
        "workshops:participant.edit",
        _participant,
        EDIT,
        foreign_kwargs=_foreign_participant,
    ),
    Case(
        "workshops:participant.deactivate",
        _participant,
        EDIT,
        method="post",
        ok=302,
        foreign_kwargs=_foreign_participant,
    ),
    Case(
        "workshops:participant.link",
        _participant,
        EDIT,
        method="post",
        foreign_kwargs=_foreign_participant,
    ),
    Case(
        "workshops:participant.revoke",
        _participant,
        EDIT,
        method="post",
        ok=302,
        foreign_kwargs=_foreign_participant,
    ),
]

# Participants' own pages: no project role, a participant session instead. Each is tested with
# its own rules in tests/workshops/test_links.py and tests/workshops/test_phone.py.
NOT_IN_MATRIX: dict[str, str] = {
    "workshops:link.redeem": "public personal link (token-checked, rate-limited); test_links.py",
    "workshops:join": "public join by workshop code (rate-limited); test_phone.py",
    "workshops:phone.home": "participant session, not a project role; test_phone.py",
    "workshops:phone.workshop": "participant session, own workshops only; test_phone.py",
    "workshops:phone.note_edit": "participant session, own notes only; test_phone.py",
    "workshops:phone.logout": "ends the participant session; test_phone.py",
}
