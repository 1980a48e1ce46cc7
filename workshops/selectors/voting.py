"""Reads of the voting rounds' project-member screens: the round list, a round's progress
("x of y have voted"), its result (frozen or live) turned into rows a page can show.

The result of a closed round is always its frozen JSON (`VotingRound.frozen_result`); it is never
tallied again. An open round with live results is tallied on the fly into the same JSON shape
(tally.result_to_json), so pages, the projector and results.json read one structure.
"""

import hashlib
import hmac
import math
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    JSONField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.http import Http404

from strategy.models import StrategyProcess
from workshops import tally as tallying
from workshops.enums import (
    BallotSource,
    ResultsVisibility,
    RoundStatus,
    StakeholderGroup,
    VotingMethod,
    VotingMode,
)
from workshops.models import (
    Ballot,
    Participant,
    Participation,
    RoundOption,
    SecretBallot,
    VotingRound,
)
from workshops.services import voting as voting_services
from workshops.services.voting import round_rules, round_tally_ballots


def _count_subquery(model, **filters) -> Coalesce:
    rows = (
        model.objects.filter(round=OuterRef("pk"), **filters)
        .order_by()
        .values("round")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def rounds_for_process(process: StrategyProcess) -> QuerySet[VotingRound]:
    """The process's rounds, newest first, with their workshop, adopting decision and
    `ballot_count` (open and secret ballots) and `option_count` in one query."""
    return (
        VotingRound.objects.filter(process=process)
        .select_related("workshop", "adopted_decision")
        .annotate(
            ballot_count=_count_subquery(Ballot) + _count_subquery(SecretBallot),
            option_count=_count_subquery(RoundOption),
        )
    )


def round_queryset() -> QuerySet[VotingRound]:
    """For one round's pages: with its workshop and the adopting decision (and its meeting)."""
    return VotingRound.objects.select_related("workshop", "adopted_decision__meeting")


def round_options(voting_round: VotingRound) -> list[tuple[str, str]]:
    """(option key, current theme title) in ballot order (one query)."""
    rows = voting_round.options.order_by("position", "id").values_list("theme_id", "theme__title")
    return [(str(theme_id), title) for theme_id, title in rows]


def round_option_rows(voting_round: VotingRound) -> list[RoundOption]:
    """The round's options with their themes, in ballot order (one query)."""
    return list(voting_round.options.select_related("theme").order_by("position", "id"))


def ballot_model(voting_round: VotingRound):
    return SecretBallot if voting_round.secret else Ballot


# --- Progress ----------------------------------------------------------------------------------


@dataclass
class Progress:
    voted: int  # counted ballots (phone, join code and paper)
    eligible: int | None  # registered mode: active personal-link participants who may vote
    by_source: dict[str, int] = field(default_factory=dict)

    @property
    def paper(self) -> int:
        return self.by_source.get(BallotSource.PAPER, 0)


def eligible_count(voting_round: VotingRound) -> int:
    """Active personal-link participants of the process in the round's eligible groups."""
    participants = Participant.objects.filter(
        process_id=voting_round.process_id, active=True, joined_via_code__isnull=True
    )
    if voting_round.eligible_groups:
        participants = participants.filter(group__in=voting_round.eligible_groups)
    return participants.count()


def round_progress(voting_round: VotingRound) -> Progress:
    """Ballots counted so far by source (one query) and, for registered mode, how many may
    vote (one more)."""
    rows = (
        ballot_model(voting_round)
        .objects.filter(round=voting_round)
        .order_by()
        .values("source")
        .annotate(n=Count("pk"))
        .values_list("source", "n")
    )
    by_source = dict.fromkeys(BallotSource.values, 0) | dict(rows)
    eligible = eligible_count(voting_round) if voting_round.mode == VotingMode.REGISTERED else None
    return Progress(voted=sum(by_source.values()), eligible=eligible, by_source=by_source)


def voted_count(voting_round: VotingRound) -> int:
    return ballot_model(voting_round).objects.filter(round=voting_round).count()


# --- Results -----------------------------------------------------------------------------------


def results_visible(voting_round: VotingRound) -> bool:
    """Closed rounds show their frozen result; open rounds only when the results are live."""
    if voting_round.status == RoundStatus.CLOSED:
        return bool(voting_round.frozen_result)
    return (
        voting_round.status == RoundStatus.OPEN
        and voting_round.results_visibility == ResultsVisibility.LIVE
    )


def round_result_json(voting_round: VotingRound) -> dict | None:
    """The result as tally.result_to_json: frozen for a closed round, tallied now for an open
    round with live results (two queries), None when the result is not to be shown."""
    if not results_visible(voting_round):
        return None
    if voting_round.status == RoundStatus.CLOSED:
        return voting_round.frozen_result
    options = round_options(voting_round)
    result = tallying.tally(
        round_rules(voting_round, [key for key, _title in options]),
        round_tally_ballots(voting_round),
        group_keys=list(voting_round.eligible_groups or []),
        labels=dict(options),
    )
    return tallying.result_to_json(result)


@dataclass
class CriterionRow:
    key: str
    label: str
    weight: Decimal | None
    mean: Decimal | None
    known: int
    unknown: int
    distribution: list[tuple[int, int]]


@dataclass
class OptionRow:
    key: str
    title: str
    rank: int
    tied: bool
    decided_by: str | None
    score: Decimal | int | None
    supporters: int
    share_percent: Decimal | None
    median: Decimal | None
    distribution: list[tuple[int, int]]
    first_places: int | None
    criteria: list[CriterionRow]
    quadrant: str | None


@dataclass
class GroupRow:
    key: str
    label: str
    ballot_count: int
    shown: bool
    hidden_reason: str
    options: list[OptionRow]


@dataclass
class AgreementRow:
    group_a: str
    group_b: str
    rho: Decimal | None
    level: str
    label: str


@dataclass
class SensitivityView:
    applicable: bool
    by_score: list[tuple[str, int]]  # (title, rank)
    by_support: list[tuple[str, int]]
    differs_as_set: bool
    differs_in_order: bool

    @property
    def changes(self) -> bool:
        return self.differs_as_set or self.differs_in_order


@dataclass
class ResultView:
    """A result JSON (frozen or live) as rows for the page, the projector and the charts."""

    method: str
    method_version: int
    ballot_count: int
    total_score: int | None
    source_counts: dict[str, int]
    options: list[OptionRow]
    groups: list[GroupRow]
    agreement: list[AgreementRow]
    sensitivity: SensitivityView
    min_group_size: int
    criteria: list[dict]
    scale_max: int
    budget: int | None

    @property
    def is_matrix(self) -> bool:
        return self.method == VotingMethod.MATRIX

    @property
    def has_median(self) -> bool:
        return self.method in (VotingMethod.DOTS, VotingMethod.POINTS)

    @property
    def has_share(self) -> bool:
        return self.method != VotingMethod.MATRIX

    @property
    def has_ties(self) -> bool:
        return any(row.tied for row in self.options)

    @property
    def shown_groups(self) -> list[GroupRow]:
        return [group for group in self.groups if group.shown]

    @property
    def hidden_groups(self) -> list[GroupRow]:
        return [group for group in self.groups if not group.shown]

    @property
    def sources(self) -> list[tuple[str, str, int]]:
        """(source, label, ballots) for phone, join code (lower assurance) and paper."""
        return [
            (source, label, self.source_counts.get(source, 0))
            for source, label in BallotSource.choices
        ]


def _decimal(value) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value))


def _score(value) -> Decimal | int | None:
    return value if isinstance(value, int) or value is None else Decimal(value)


def _option_rows(rows: list[dict], labels: dict, criteria: list[dict]) -> list[OptionRow]:
    criterion_labels = {c["key"]: c for c in criteria}
    result = []
    for row in rows:
        share = _decimal(row.get("share"))
        result.append(
            OptionRow(
                key=row["option"],
                title=labels.get(row["option"], row["option"]),
                rank=row["rank"],
                tied=row["tied"],
                decided_by=row.get("decided_by"),
                score=_score(row.get("score")),
                supporters=row.get("supporters", 0),
                share_percent=None if share is None else share * 100,
                median=_decimal(row.get("median")),
                distribution=[tuple(pair) for pair in row.get("distribution", [])],
                first_places=row.get("first_places"),
                criteria=[
                    CriterionRow(
                        key=c["key"],
                        label=criterion_labels.get(c["key"], {}).get("label", c["key"]),
                        weight=_decimal(criterion_labels.get(c["key"], {}).get("weight")),
                        mean=_decimal(c.get("mean")),
                        known=c.get("known", 0),
                        unknown=c.get("unknown", 0),
                        distribution=[tuple(pair) for pair in c.get("distribution", [])],
                    )
                    for c in row.get("criteria", [])
                ],
                quadrant=row.get("quadrant"),
            )
        )
    return result


GROUP_LABELS = dict(StakeholderGroup.choices)


def result_view(data: dict) -> ResultView:
    """Rows for the page from a result JSON; titles come from the JSON's own labels (for a
    frozen result: the theme titles at the close)."""
    labels = {str(key): title for key, title in (data.get("labels") or {}).items()}
    rules = data.get("rules") or {}
    criteria = rules.get("criteria") or []
    sensitivity = data.get("sensitivity") or {}
    return ResultView(
        method=data["method"],
        method_version=data.get("method_version", 1),
        ballot_count=data.get("ballot_count", 0),
        total_score=data.get("total_score"),
        source_counts=dict(data.get("source_counts") or {}),
        options=_option_rows(data.get("options", []), labels, criteria),
        groups=[
            GroupRow(
                key=group["group"],
                label=str(GROUP_LABELS.get(group["group"], group["group"] or "—")),
                ballot_count=group["ballot_count"],
                shown=group["shown"],
                hidden_reason=group.get("hidden_reason", ""),
                options=_option_rows(group.get("options", []), labels, criteria),
            )
            for group in data.get("groups", [])
        ],
        agreement=[
            AgreementRow(
                group_a=str(GROUP_LABELS.get(pair["groups"][0], pair["groups"][0])),
                group_b=str(GROUP_LABELS.get(pair["groups"][1], pair["groups"][1])),
                rho=_decimal(pair.get("rho")),
                level=pair.get("level", "undefined"),
                label=str(tallying.AGREEMENT_LABELS.get(pair.get("level", "undefined"), "")),
            )
            for pair in data.get("agreement", [])
        ],
        sensitivity=SensitivityView(
            applicable=bool(sensitivity.get("applicable")),
            by_score=[(labels.get(k, k), r) for k, r in sensitivity.get("by_score", [])],
            by_support=[(labels.get(k, k), r) for k, r in sensitivity.get("by_support", [])],
            differs_as_set=bool(sensitivity.get("differs_as_set")),
            differs_in_order=bool(sensitivity.get("differs_in_order")),
        ),
        min_group_size=data.get("min_group_size", tallying.MIN_GROUP_SIZE),
        criteria=criteria,
        scale_max=rules.get("scale_max", 5),
        budget=rules.get("budget") if data["method"] == VotingMethod.POINTS else None,
    )


# --- Adoption ------------------------------------------------------------------------------------


def adoption_rows(voting_round: VotingRound) -> list[dict]:
    """The frozen order for the adoption form: theme id, title at the close, rank, tie and the
    default phase (Fase 1 for the top half by rank, Fase 2 for the rest)."""
    data = voting_round.frozen_result or {}
    labels = data.get("labels") or {}
    rows = data.get("options") or []
    half = math.ceil(len(rows) / 2)
    return [
        {
            "theme_id": int(row["option"]),
            "title": labels.get(row["option"], row["option"]),
            "rank": row["rank"],
            "tied": row["tied"],
            "default_phase": "1" if row["rank"] <= half else "2",
        }
        for row in rows
    ]


# --- The participant's side -----------------------------------------------------------------


def _visible_to(participant: Participant, prefix: str = "") -> Q:
    """The rounds a participant can see, as a condition on a round (through `prefix`)."""
    visible = Q(**{f"{prefix}process_id": participant.process_id}) & ~Q(
        **{f"{prefix}status": RoundStatus.DRAFT}
    )
    if participant.joined_via_code_id:
        visible &= Q(**{f"{prefix}workshop_id": participant.joined_via_code_id})
    return visible


def rounds_for_participant(participant: Participant):
    """The rounds a participant can see: opened (open or closed) rounds of their process; for a
    join-code participant only those of the workshop whose code they used."""
    return VotingRound.objects.filter(_visible_to(participant))


# The round's columns that the phone reads with each of its options: all but the frozen result,
# which the phone never shows.
_PHONE_ROUND_FIELDS = tuple(
    f"round__{f.name}" for f in VotingRound._meta.concrete_fields if f.name != "frozen_result"
)


def ballot_round_for_participant(
    participant: Participant, pk: int, *, own_state: bool = True
) -> tuple[VotingRound, list[RoundOption]]:
    """The round and its options, with their themes' title and description (all the ballot
    shows) in the round's order, read together in one query: each option row brings the round's
    columns along. 404 when the participant may not see the round (an opened round always has
    options: round_open refuses one without).

    With `own_state` (the ballot page), the round also gets the participant's own state:
    `own_values`, their counted open ballot's values (None for none, and always None in a
    secret round), and `has_participation` (a secret round's record that they have voted), so
    the page needs no further query to know whether they voted. A ballot POST asks without it:
    the ballot's own insert finds out whether the voter had voted
    (services.voting.ballot_submit)."""
    options = (
        RoundOption.objects.filter(_visible_to(participant, "round__"), round_id=pk)
        .select_related("round", "theme")
        .only("theme_id", "position", "theme__title", "theme__description", *_PHONE_ROUND_FIELDS)
        .order_by("position", "id")
    )
    if own_state:
        options = options.annotate(
            own_values=Subquery(
                Ballot.objects.filter(round=OuterRef("round_id"), participant=participant).values(
                    "values"
                )[:1],
                output_field=JSONField(),
            ),
            has_participation=Exists(
                Participation.objects.filter(round=OuterRef("round_id"), participant=participant)
            ),
        )
    options = list(options)
    if not options:
        raise Http404
    voting_round = options[0].round
    for option in options:
        option.round = voting_round  # one round object for all of them
    if own_state:
        voting_round.own_values = options[0].own_values
        voting_round.has_participation = options[0].has_participation
    return voting_round, options


@dataclass(frozen=True)
class OpenRound:
    """What a phone's ballot needs of an open round (the quick path of the phone's ballot):
    none of it changes while the round is open, since only a draft can be edited and no round
    goes back to draft."""

    pk: int
    opened: int  # opened_stamp(): with pk, it names this round's one opening
    secret: bool
    mode: str
    eligible_groups: tuple[str, ...]
    rules: tallying.Rules


# Open rounds as read by this process, by (pk, opened): a ballot's rules without a query. Never
# stale (see OpenRound); whether the round is still open is decided by each ballot's write.
_open_rounds: dict[tuple[int, int], OpenRound] = {}
_OPEN_ROUNDS_KEPT = 256


def opened_stamp(voting_round: VotingRound) -> int:
    """The moment the round was opened, in microseconds since the epoch."""
    return int(voting_round.opened_at.timestamp() * 1_000_000)


def open_round(pk: int, opened: int) -> OpenRound | None:
    """The open round `pk` that was opened at `opened` (opened_stamp), or None when there is no
    such open round. Read once per process (two queries) and then kept."""
    found = _open_rounds.get((pk, opened))
    if found is not None:
        return found
    try:
        voting_round = VotingRound.objects.get(pk=pk, status=RoundStatus.OPEN)
    except VotingRound.DoesNotExist:
        return None
    if not voting_round.opened_at or opened_stamp(voting_round) != opened:
        return None
    found = OpenRound(
        pk=pk,
        opened=opened,
        secret=voting_round.secret,
        mode=voting_round.mode,
        eligible_groups=tuple(voting_round.eligible_groups or ()),
        rules=round_rules(voting_round),
    )
    if len(_open_rounds) >= _OPEN_ROUNDS_KEPT:
        _open_rounds.clear()
    _open_rounds[(pk, opened)] = found
    return found


def phone_rounds(participant: Participant) -> list[VotingRound]:
    """The open rounds the participant may vote in, newest first (one query), each with
    `voted` (a counted ballot, or for a secret round a participation) and `can_change`."""
    rounds = (
        rounds_for_participant(participant)
        .filter(status=RoundStatus.OPEN)
        .annotate(
            has_ballot=Exists(Ballot.objects.filter(round=OuterRef("pk"), participant=participant)),
            has_participation=Exists(
                Participation.objects.filter(round=OuterRef("pk"), participant=participant)
            ),
        )
        .order_by("-opened_at", "-id")
    )
    shown = []
    for voting_round in rounds:
        if voting_services.may_vote(voting_round, participant):
            continue
        if voting_round.secret:
            voting_round.voted = voting_round.has_participation
        else:
            voting_round.voted = voting_round.has_ballot
        voting_round.can_change = voting_round.voted and not voting_round.secret
        shown.append(voting_round)
    return shown


def voter_order(voting_round: VotingRound, participant: Participant, options) -> list[str] | None:
    """The option keys in this voter's own random order (None: the round's order).

    The same for the same participant and round, on every visit; derived from the two ids and
    the secret key only, so it says nothing about anyone's choices and others cannot work it
    out."""
    if not voting_round.randomise_order:
        return None
    keys = [str(option.theme_id) for option in options]
    seed = hmac.new(
        settings.SECRET_KEY.encode(),
        f"ballot-order:{voting_round.pk}:{participant.pk}".encode(),
        hashlib.sha256,
    ).digest()
    random.Random(seed).shuffle(keys)  # noqa: S311 - a display order, not a secret
    return keys
