"""Role-matrix cases for the voting rounds' project-member screens.

Each case builds the round it needs (draft, open, closed) in the world of its test, so a POST
that changes a round's status finds the status it expects. The hidden-results rule is part of
the matrix: an open round whose results are hidden until the close answers results.json with
403 for every persona, and its results page says so (200).
"""

from tests.factories import ThemeFactory, VotingRoundFactory
from tests.matrix import EDIT, MINUTES, VIEW, Case, slug
from workshops.enums import ResultsVisibility, RoundStatus
from workshops.services.voting import round_close

HIDDEN = {"viewer": 403, "contributor": 403, "steering": 403, "lead": 403}


def _themes(process) -> list:
    return [ThemeFactory(process=process), ThemeFactory(process=process)]


def _round(world, status: str, *, process=None, **kwargs):
    process = process or world.process
    cache = f"_matrix_round_{process.pk}_{status}_{sorted(kwargs.items())}"
    if not hasattr(world, cache):
        voting_round = VotingRoundFactory(
            process=process,
            status=RoundStatus.OPEN if status == RoundStatus.CLOSED else status,
            themes=_themes(process),
            **kwargs,
        )
        if status == RoundStatus.CLOSED:
            voting_round = round_close(voting_round=voting_round)
        setattr(world, cache, voting_round)
    return getattr(world, cache)


def _pk(status: str, **kwargs):
    def build(world) -> dict:
        return {**slug(world), "pk": _round(world, status, **kwargs).pk}

    return build


def _foreign(status: str):
    def build(world) -> dict:
        other = world.other_process
        return {**slug(world), "pk": _round(world, status, process=other).pk}

    return build


def _round_data(world) -> dict:
    themes = _themes(world.process)
    return {
        "title": "Prioritering af temaer",
        "method": "points",
        "budget": "5",
        "budget_exact": "exact",
        "options": [str(theme.pk) for theme in themes],
        "mode": "registered",
        "results_visibility": "after_close",
    }


def _edit_data(world) -> dict:
    voting_round = _round(world, RoundStatus.DRAFT)
    return {
        **_round_data(world),
        "options": [str(option.theme_id) for option in voting_round.options.all()],
    }


def _paper_data(world) -> dict:
    first, second = _round(world, RoundStatus.OPEN).options.order_by("position")
    return {"group": "leder", f"option-{first.theme_id}": "3", f"option-{second.theme_id}": "2"}


def _adopt_data(world) -> dict:
    voting_round = _round(world, RoundStatus.CLOSED)
    return {f"phase_{option.theme_id}": "1" for option in voting_round.options.all()}


DRAFT, OPEN, CLOSED = RoundStatus.DRAFT, RoundStatus.OPEN, RoundStatus.CLOSED
LIVE = {"results_visibility": ResultsVisibility.LIVE}

CASES: list[Case] = [
    Case("workshops:round.list", slug, VIEW),
    Case("workshops:round.create", slug, EDIT),
    Case("workshops:round.create", slug, EDIT, method="post", data=_round_data, ok=302),
    Case("workshops:round.detail", _pk(OPEN), VIEW, foreign_kwargs=_foreign(OPEN)),
    Case("workshops:round.edit", _pk(DRAFT), EDIT, foreign_kwargs=_foreign(DRAFT)),
    Case(
        "workshops:round.edit",
        _pk(DRAFT),
        EDIT,
        method="post",
        data=_edit_data,
        ok=302,
        foreign_kwargs=_foreign(DRAFT),
    ),
    Case(
        "workshops:round.open",
        _pk(DRAFT),
        EDIT,
        method="post",
        ok=302,
        foreign_kwargs=_foreign(DRAFT),
    ),
    Case(
        "workshops:round.close",
        _pk(OPEN),
        EDIT,
        method="post",
        ok=302,
        foreign_kwargs=_foreign(OPEN),
    ),
    Case("workshops:round.paper", _pk(OPEN), EDIT, foreign_kwargs=_foreign(OPEN)),
    Case(
        "workshops:round.paper",
        _pk(OPEN),
        EDIT,
        method="post",
        data=_paper_data,
        ok=302,
        foreign_kwargs=_foreign(OPEN),
    ),
    # Results: closed (frozen), open with live results, open with hidden results.
    Case("workshops:round.results", _pk(CLOSED), VIEW, foreign_kwargs=_foreign(CLOSED)),
    Case("workshops:round.results", _pk(OPEN, **LIVE), VIEW),
    Case("workshops:round.results", _pk(OPEN), VIEW),
    Case("workshops:round.results_json", _pk(CLOSED), VIEW, foreign_kwargs=_foreign(CLOSED)),
    Case("workshops:round.results_json", _pk(OPEN, **LIVE), VIEW),
    Case("workshops:round.results_json", _pk(OPEN), HIDDEN),
    Case("workshops:round.projector", _pk(OPEN), VIEW, foreign_kwargs=_foreign(OPEN)),
    Case("workshops:round.projector_panel", _pk(OPEN), VIEW, foreign_kwargs=_foreign(OPEN)),
    Case("workshops:round.adopt", _pk(CLOSED), MINUTES, foreign_kwargs=_foreign(CLOSED)),
    Case(
        "workshops:round.adopt",
        _pk(CLOSED),
        MINUTES,
        method="post",
        data=_adopt_data,
        ok=302,
        foreign_kwargs=_foreign(CLOSED),
    ),
]

NOT_IN_MATRIX: dict[str, str] = {
    "workshops:phone.round": "participant session; tests/workshops/test_ballot_phone.py",
}
