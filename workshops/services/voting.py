"""Voting rounds: set-up, opening, ballots, closing, adoption.

Integrity (see docs/voting.md):
- One counted ballot per participant and round is enforced by the database: a unique
  constraint on Ballot(round, participant) for open ballots, and on Participation(round,
  participant) for secret ones. An open ballot's insert that meets the constraint changes the
  voter's ballot instead (ON CONFLICT DO UPDATE; allowed until the close);
  a secret ballot's duplicate participation fails inside a savepoint and is a refusal.
- Voting takes a shared lock on the round row (FOR SHARE) and closing an exclusive one (FOR
  UPDATE), so votes do not block each other, a close waits for the votes in flight, and a vote
  that comes after the close sees the closed status and is refused. An open ballot takes it
  inside its one INSERT statement, a secret ballot in a transaction. On SQLite, which
  serialises writers itself, the lock is a no-op.
- At close the result is tallied once and frozen as canonical JSON with the method's version.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from strategy.enums import ThemeStatus
from strategy.models import Decision, StrategicTheme, StrategyProcess
from strategy.services import theme_set_status
from workshops import tally as tallying
from workshops.enums import BallotSource, RoundStatus, VotingMode
from workshops.models import (
    Ballot,
    Participant,
    Participation,
    RoundOption,
    SecretBallot,
    VotingRound,
)


class RoundNotOpen(Exception):
    """The round is not open (not yet, or closed): the vote is refused (HTTP 409)."""


class BallotRejected(Exception):
    """The ballot breaks a rule or the voter may not vote; nothing was stored."""

    def __init__(self, messages: list[str], options: list[str | None] = ()):
        super().__init__("; ".join(str(m) for m in messages))
        self.messages = [str(m) for m in messages]
        # Parallel to `messages`: the option key a message is about (to show it there), or None.
        self.options = list(options) or [None] * len(self.messages)


@dataclass(frozen=True)
class BallotOutcome:
    created: bool  # False: an earlier ballot of the same voter was replaced


# ---------------------------------------------------------------------------------------------
# Rules


def round_rules(
    voting_round: VotingRound, option_keys: Iterable[str] | None = None
) -> tallying.Rules:
    """The tally rules of a round; `option_keys` avoids a query when the options are at hand."""
    if option_keys is None:
        option_keys = [
            str(theme_id)
            for theme_id in voting_round.options.order_by("position", "id").values_list(
                "theme_id", flat=True
            )
        ]
    rules = voting_round.rules or {}
    criteria = tuple(
        tallying.Criterion(
            key=str(c["key"]), label=str(c["label"]), weight=Decimal(str(c["weight"]))
        )
        for c in rules.get("criteria", [])
    )
    return tallying.Rules(
        method=voting_round.method,
        options=tuple(option_keys),
        dots_per_voter=int(rules.get("dots_per_voter", 5)),
        cap_per_option=rules.get("cap_per_option"),
        budget=int(rules.get("budget", 100)),
        budget_exact=bool(rules.get("budget_exact", True)),
        criteria=criteria,
        scale_max=int(rules.get("scale_max", 5)),
        allow_unknown=bool(rules.get("allow_unknown", True)),
    )


def round_create(
    *,
    process: StrategyProcess,
    data: Mapping,
    themes: Iterable[StrategicTheme],
) -> VotingRound:
    """A new round in draft, with `themes` as its options (in the given order)."""
    themes = list(themes)
    with transaction.atomic():
        voting_round = VotingRound(process=process, **data)
        voting_round.full_clean()
        voting_round.save()
        _set_options(voting_round, themes)
    return voting_round


def round_update(
    *, voting_round: VotingRound, data: Mapping, themes: Iterable[StrategicTheme]
) -> VotingRound:
    """Change a round's set-up; only a draft can change (the rules lock when it opens)."""
    themes = list(themes)
    with transaction.atomic():
        locked = _lock(voting_round.pk, exclusive=True)
        if locked.status != RoundStatus.DRAFT:
            raise ValidationError(_("The rules are locked once the round has opened."))
        for name, value in data.items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
        _set_options(locked, themes)
    return locked


def _set_options(voting_round: VotingRound, themes: list[StrategicTheme]) -> None:
    foreign = [t for t in themes if t.process_id != voting_round.process_id]
    merged = [t for t in themes if t.status == ThemeStatus.MERGED]
    if foreign or merged:
        raise ValidationError(_("Choose themes of this process that are not merged."))
    if len({t.pk for t in themes}) != len(themes):
        raise ValidationError(_("A theme can be on the ballot only once."))
    errors = tallying.rules_errors(round_rules(voting_round, [str(t.pk) for t in themes]))
    if errors:
        raise ValidationError([str(e) for e in errors])
    voting_round.options.all().delete()
    RoundOption.objects.bulk_create(
        RoundOption(round=voting_round, theme=theme, position=position)
        for position, theme in enumerate(themes)
    )


def _lock(round_id: int, *, exclusive: bool) -> VotingRound:
    """The round row, locked for the rest of the transaction: FOR UPDATE to change its status,
    FOR SHARE to vote (PostgreSQL; SQLite serialises writers anyway)."""
    if exclusive:
        return VotingRound.objects.select_for_update().get(pk=round_id)
    if connection.vendor == "postgresql":
        table = VotingRound._meta.db_table
        return VotingRound.objects.raw(
            f"SELECT * FROM {table} WHERE id = %s FOR SHARE",  # noqa: S608 - table name is ours
            [round_id],
        )[0]
    return VotingRound.objects.get(pk=round_id)


# ---------------------------------------------------------------------------------------------
# Status: the one entry point for each change


def round_open(*, voting_round: VotingRound) -> VotingRound:
    with transaction.atomic():
        locked = _lock(voting_round.pk, exclusive=True)
        if locked.status != RoundStatus.DRAFT:
            raise ValidationError(_("Only a draft round can be opened."))
        errors = tallying.rules_errors(round_rules(locked))
        if errors:
            raise ValidationError([str(e) for e in errors])
        locked.status = RoundStatus.OPEN
        locked.opened_at = timezone.now()
        locked.save(update_fields=["status", "opened_at"])
    return locked


def round_close(*, voting_round: VotingRound) -> VotingRound:
    """Close the round and freeze its result. Waits for the votes in flight (same lock)."""
    with transaction.atomic():
        locked = _lock(voting_round.pk, exclusive=True)
        if locked.status != RoundStatus.OPEN:
            raise ValidationError(_("Only an open round can be closed."))
        locked.status = RoundStatus.CLOSED
        locked.closed_at = timezone.now()
        # The titles of the day go into the frozen result, so later edits of themes do not
        # change it; the eligible groups are reported even without ballots.
        titles = dict(
            locked.options.order_by("position", "id").values_list("theme_id", "theme__title")
        )
        locked.frozen_result = tallying.result_to_json(
            tallying.tally(
                round_rules(locked, [str(theme_id) for theme_id in titles]),
                round_tally_ballots(locked),
                group_keys=list(locked.eligible_groups or []),
                labels={str(theme_id): title for theme_id, title in titles.items()},
            )
        )
        locked.save(update_fields=["status", "closed_at", "frozen_result"])
    return locked


def round_tally_ballots(voting_round: VotingRound) -> list[tallying.TallyBallot]:
    """Every counted ballot of the round as tally input (one query)."""
    model = SecretBallot if voting_round.secret else Ballot
    rows = model.objects.filter(round=voting_round).values_list("values", "group", "source")
    return [
        tallying.TallyBallot(values=values, group=group, source=source)
        for values, group, source in rows
    ]


# ---------------------------------------------------------------------------------------------
# Ballots


def may_vote(voting_round: VotingRound, participant: Participant) -> str | None:
    """None when `participant` may vote in the round, else the reason (a message)."""
    if participant.process_id != voting_round.process_id or not participant.active:
        return _("You cannot vote in this round.")
    if voting_round.mode == VotingMode.REGISTERED and participant.joined_via_code_id:
        return _("This round is for participants with a personal link.")
    if voting_round.eligible_groups and participant.group not in voting_round.eligible_groups:
        return _("Your stakeholder group does not vote in this round.")
    return None


def ballot_submit(
    *,
    voting_round: VotingRound,
    participant: Participant,
    raw: Mapping,
    option_keys: Iterable[str] | None = None,
) -> BallotOutcome:
    """Cast (or, in an open non-secret round, change) `participant`'s ballot.

    Raises RoundNotOpen when the round is not open, BallotRejected for a ballot that breaks a
    rule or a voter who may not vote. Safe against the same phone submitting several times at
    once: the database keeps exactly one counted ballot.

    A round's rules, options, mode and eligible groups cannot change once it is open
    (round_update refuses, and no round goes back to draft), so a round read while open is
    checked as it is; a round read before it opened (or after it closed) is read again. Whether
    it is still open is decided by the write itself, under the round's lock: an open ballot is
    one statement (see _write_open_ballot), a secret ballot a transaction that locks the round.

    `option_keys`, the round's option keys in order when the caller has read them, saves a
    query.
    """
    if voting_round.status != RoundStatus.OPEN:
        voting_round = VotingRound.objects.get(pk=voting_round.pk)
        if voting_round.status != RoundStatus.OPEN:
            raise RoundNotOpen
    reason = may_vote(voting_round, participant)
    if reason:
        raise BallotRejected([reason])
    try:
        values = tallying.clean_ballot(round_rules(voting_round, option_keys), raw)
    except tallying.BallotError as exc:
        raise BallotRejected(exc.messages, exc.options) from exc
    source = BallotSource.OPEN if participant.joined_via_code_id else BallotSource.PHONE
    if voting_round.secret:
        return _secret_ballot_submit(voting_round, participant, source, values)
    fields = {"source": source, "group": participant.group, "values": values}
    created = _write_open_ballot(voting_round.pk, participant.pk, fields)
    if created is None:  # the round is no longer open
        raise RoundNotOpen
    return BallotOutcome(created=created)


def _secret_ballot_submit(
    voting_round: VotingRound, participant: Participant, source: str, values: dict
) -> BallotOutcome:
    """The participation and the secret ballot, together, while the round is open (locked)."""
    with transaction.atomic():
        locked = _lock(voting_round.pk, exclusive=False)
        if locked.status != RoundStatus.OPEN:
            raise RoundNotOpen
        try:
            with transaction.atomic():
                Participation.objects.create(round=locked, participant=participant)
        except IntegrityError as exc:
            raise BallotRejected([_("You have already voted. A secret ballot is final.")]) from exc
        SecretBallot.objects.create(
            round=locked, source=source, group=participant.group, values=values
        )
    return BallotOutcome(created=True)


def _write_open_ballot(
    round_id: int, participant_id: int, fields: dict, *, guard: "_VoterGuard | None" = None
) -> bool | None:
    """Cast or change the participant's open ballot in one statement that reads the round FOR
    SHARE and writes only while it is open: True when the ballot was inserted, False when the
    voter's ballot was changed, None when nothing was written (the round is not open, or the
    guard's conditions do not hold).

    `INSERT ... SELECT ... ON CONFLICT (round, participant) DO UPDATE ... RETURNING`: the unique
    constraint ballot_one_per_participant decides, and a ballot that is already there (cast
    earlier, or by a tap of the same phone a moment ago, whose commit the statement waits for)
    is changed instead: its values, group and time (the source stays). The round's lock is the
    one a close takes (FOR UPDATE) before it freezes the result: a write that gets it first is
    committed before the close counts; one that waits sees the closed status and writes
    nothing. As one statement in autocommit, this needs no transaction of its own (no BEGIN, no
    COMMIT), and inside a caller's transaction it holds the lock until that commits. On SQLite,
    which lets one writer at a time, there is no lock to take and the statement is atomic
    anyway.

    With a `guard` (ballot_submit_quick), the voter is joined in too and must meet its
    conditions; the ballot's source and group are then the voter's, read by the statement.
    """
    meta = Ballot._meta
    quote = connection.ops.quote_name
    lock = " FOR SHARE" if connection.vendor == "postgresql" else ""
    open_round = (
        f"SELECT id, process_id, workshop_id FROM {quote(VotingRound._meta.db_table)} "  # noqa: S608
        f"WHERE id = %s AND status = %s{lock}"
    )
    join, condition, join_params, condition_params = (
        guard.sql(participant_id) if guard else ("", "true", [], [])
    )
    now = timezone.now()
    data = {**fields, "created_at": now, "updated_at": now}
    columns = [quote(meta.get_field(name).column) for name in data]
    placeholders = ["%s"] * len(data)
    params = [
        meta.get_field(name).get_db_prep_save(value, connection) for name, value in data.items()
    ]
    if guard:
        # The voter's group, and their source: a join-code participant's ballot is "open".
        voter = _voter_columns()
        columns += [quote(meta.get_field(name).column) for name in ("source", "group")]
        placeholders += [
            f"CASE WHEN voter.{voter['joined_via_code']} IS NULL THEN %s ELSE %s END",
            f"voter.{voter['group']}",
        ]
        params += [BallotSource.PHONE, BallotSource.OPEN]
        participant_sql = f"voter.{voter['id']}"
    else:
        participant_sql = "%s"
        params.insert(0, participant_id)
    changed = [quote(meta.get_field(name).column) for name in ("values", "group", "updated_at")]
    round_column = quote(meta.get_field("round").column)
    participant_column = quote(meta.get_field("participant").column)
    created_at, updated_at = (quote(meta.get_field(n).column) for n in ("created_at", "updated_at"))
    sql = (
        f"INSERT INTO {quote(meta.db_table)} "  # noqa: S608 - our names
        f"({round_column}, {participant_column}, {', '.join(columns)}) "
        f"SELECT open_round.id, {participant_sql}, {', '.join(placeholders)} "
        f"FROM ({open_round}) AS open_round {join} "
        # WHERE: SQLite would read ON CONFLICT as a join's ON without it.
        f"WHERE {condition} "
        f"ON CONFLICT ({round_column}, {participant_column}) DO UPDATE SET "
        + ", ".join(f"{column} = EXCLUDED.{column}" for column in changed)
        # Inserted: both times are this moment's; changed: created_at is the first ballot's.
        + f" RETURNING {created_at} = {updated_at}"
    )
    params += [round_id, RoundStatus.OPEN, *join_params, *condition_params]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return None if row is None else bool(row[0])


def ballot_submit_quick(
    *,
    round_id: int,
    mode: str,
    eligible_groups: Iterable[str],
    participant_id: int,
    session_key: str,
    values: dict,
) -> BallotOutcome | None:
    """Cast or change an open (non-secret) ballot whose `values` the caller has cleaned by the
    round's rules (the phone's quick path: the holder of a ballot key, workshops.permissions),
    with everything else decided by the write itself, in the same statement as in
    ballot_submit: the round is open (read FOR SHARE); the participant exists, is active, is of
    the round's process and may vote in it (may_vote and the rounds a join-code participant can
    see, from the round's `mode` and `eligible_groups`, which do not change while it is open);
    and the browser session `session_key` that the ballot key belongs to has not ended.

    None when nothing was written, for whichever reason: the caller then takes the full path
    (ballot_submit), which reads the session and the round and says why."""
    guard = _VoterGuard(
        session_key=session_key,
        registered_only=mode == VotingMode.REGISTERED,
        eligible_groups=tuple(eligible_groups),
    )
    created = _write_open_ballot(round_id, participant_id, {"values": values}, guard=guard)
    return None if created is None else BallotOutcome(created=created)


@dataclass(frozen=True)
class _VoterGuard:
    """The conditions on the voter that a quick ballot's write checks (ballot_submit_quick)."""

    session_key: str
    registered_only: bool
    eligible_groups: tuple[str, ...]

    def sql(self, participant_id: int) -> tuple[str, str, list, list]:
        """The join of the voter `participant_id` (to the round as `open_round`) with its
        parameters, and the conditions on it (with theirs)."""
        quote = connection.ops.quote_name
        column = _voter_columns()
        # The voter by key, in a subquery of its own: LIMIT 1 (the key is unique) keeps the
        # planner from merging the conditions below into the scan, where, without statistics
        # (a room's participants imported a minute ago), it may take the join-code index and
        # read every participant who joined without a code.
        join = (
            f"JOIN (SELECT {', '.join(column.values())} "  # noqa: S608 - our names
            f"FROM {quote(Participant._meta.db_table)} WHERE {column['id']} = %s LIMIT 1) "
            f"AS voter ON voter.{column['process']} = open_round.process_id"
        )
        where = [f"voter.{column['active']} = %s"]
        params = [True]
        if self.registered_only:
            where.append(f"voter.{column['joined_via_code']} IS NULL")
        else:
            # A join-code participant votes only in the rounds of the workshop they joined.
            where.append(
                f"(voter.{column['joined_via_code']} IS NULL "
                f"OR voter.{column['joined_via_code']} = open_round.workshop_id)"
            )
        if self.eligible_groups:
            where.append(
                f"voter.{column['group']} IN ({', '.join(['%s'] * len(self.eligible_groups))})"
            )
            params.extend(self.eligible_groups)
        session = Session._meta
        where.append(
            f"EXISTS (SELECT 1 FROM {quote(session.db_table)} "  # noqa: S608 - our names
            f"WHERE {quote(session.get_field('session_key').column)} = %s "
            f"AND {quote(session.get_field('expire_date').column)} > %s)"
        )
        params.extend([self.session_key, timezone.now()])
        return join, " AND ".join(where), [participant_id], params


def _voter_columns() -> dict[str, str]:
    """The quoted columns of the participant that a quick ballot's write reads, by field."""
    quote = connection.ops.quote_name
    return {
        name: quote(Participant._meta.get_field(name).column)
        for name in ("id", "process", "active", "joined_via_code", "group")
    }


def paper_ballot_add(
    *,
    voting_round: VotingRound,
    group: str,
    raw: Mapping,
    entered_by,
    labels: Mapping[str, str] | None = None,
) -> Ballot | SecretBallot:
    """A ballot collected on paper, entered by the facilitator: same rules, counted as paper.
    `labels` (option key -> theme title) only make the messages nicer."""
    with transaction.atomic():
        locked = _lock(voting_round.pk, exclusive=False)
        if locked.status != RoundStatus.OPEN:
            raise RoundNotOpen
        if locked.eligible_groups and group not in locked.eligible_groups:
            raise BallotRejected([_("This stakeholder group does not vote in this round.")])
        try:
            values = tallying.clean_ballot(round_rules(locked), raw, labels=labels)
        except tallying.BallotError as exc:
            raise BallotRejected(exc.messages, exc.options) from exc
        if locked.secret:
            return SecretBallot.objects.create(
                round=locked, source=BallotSource.PAPER, group=group, values=values
            )
        return Ballot.objects.create(
            round=locked,
            source=BallotSource.PAPER,
            group=group,
            values=values,
            entered_by=entered_by,
        )


def own_ballot(voting_round: VotingRound, participant: Participant) -> dict | None:
    """The participant's current ballot values (open ballots only), or None."""
    if voting_round.secret:
        return None
    return (
        Ballot.objects.filter(round=voting_round, participant=participant)
        .values_list("values", flat=True)
        .first()
    )


def has_voted(voting_round: VotingRound, participant: Participant) -> bool:
    model = Participation if voting_round.secret else Ballot
    return model.objects.filter(round=voting_round, participant=participant).exists()


# ---------------------------------------------------------------------------------------------
# Adoption


@transaction.atomic
def round_adopt(
    *,
    voting_round: VotingRound,
    phases: Mapping[int, str],
    user,
    meeting=None,
    date=None,
) -> Decision:
    """Adopt a closed round's frozen result: set each option theme's priority rank (the
    frozen order; tied themes share a rank) and phase, as a logged decision naming the round."""
    locked = _lock(voting_round.pk, exclusive=True)
    if locked.status != RoundStatus.CLOSED or not locked.frozen_result:
        raise ValidationError(_("Only a closed round's result can be adopted."))
    if locked.adopted_decision_id:
        raise ValidationError(_("This round's result has already been adopted."))
    ranks = {int(row["option"]): int(row["rank"]) for row in locked.frozen_result["options"]}
    themes = list(StrategicTheme.objects.filter(pk__in=ranks, process_id=locked.process_id))
    decision = Decision(
        process_id=locked.process_id,
        meeting=meeting,
        date=date or timezone.localdate(),
        text=_("The priority of the themes is adopted from the voting round “%(round)s”.")
        % {"round": locked.title},
        recorded_by=user,
    )
    decision.full_clean()
    decision.save()
    decision.themes.set(themes)
    for theme in themes:
        theme.priority_rank = ranks[theme.pk]
        theme.phase = phases.get(theme.pk, theme.phase)
        theme.priority_decision = decision
        theme.full_clean()
        theme.save(update_fields=["priority_rank", "phase", "priority_decision"])
        if theme.status == ThemeStatus.CANDIDATE:
            theme_set_status(theme=theme, status=ThemeStatus.PRIORITISED)
    locked.adopted_decision = decision
    locked.save(update_fields=["adopted_decision"])
    return decision
