"""seed_demo, workshops part: participants, interviews, workshops and notes (DOMAIN.md §6), the
merge of theme 8 into themes 1 and 5, the prioritisation round (closed and adopted) and the open
round to try on a phone, and idempotency."""

import pytest
from django.core.management import call_command
from django.db.models import Count

from strategy.demo import THEMES
from strategy.enums import PlanPhase, ThemeStatus
from strategy.models import (
    Decision,
    ProcessPhase,
    SteeringMeeting,
    StrategicTheme,
    StrategyProcess,
    ThemeMerge,
    VisionRevision,
)
from workshops.demo import VOTING_POINTS, prioritisation_ballots
from workshops.enums import (
    BallotSource,
    InsightKind,
    InterviewKind,
    ResultsVisibility,
    RoundStatus,
    StakeholderGroup,
    VotingMethod,
    VotingMode,
    WorkshopStatus,
)
from workshops.models import (
    Ballot,
    BoardAction,
    Insight,
    InsightTheme,
    Interview,
    Participant,
    RoundOption,
    VotingRound,
    Workshop,
)
from workshops.tally import METHOD_VERSION

NOTE_WORKSHOPS = ["Workshop for ledere", "Workshop for medarbejdere", "Workshop for dagplejen"]
PRIORITISATION = "Prioritering af de syv strategiske temaer"
TRY_ROUND = "Hvem vil være med? (prøv afstemningen på telefonen)"
# DOMAIN.md §6's guide figures (142, 131, 127, 96, 88, 74, 52) scaled to 35 voters × 5 points.
DOMAIN_SCORES = [35, 32, 31, 24, 22, 18, 13]

DOMAIN_EXAMPLES = [
    "Vi tager billeder på egne telefoner fordi iPad'en er flad",
    "Aula-beskeder tager tid ved aflevering",
    "Gamle iPads kan ikke opdateres",
    "Vi mangler en superbruger",
    "Wi-Fi dækker ikke legepladsen",
]


@pytest.fixture
def process(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    return StrategyProcess.objects.get(slug="digitalisering-0-6")


def _counts():
    return {
        "participants": Participant.objects.count(),
        "interviews": Interview.objects.count(),
        "workshops": Workshop.objects.count(),
        "insights": Insight.objects.count(),
        "duplicates": Insight.objects.filter(duplicate_of__isnull=False).count(),
        "tags": InsightTheme.objects.count(),
        "merge_tags": InsightTheme.objects.filter(via_merge__isnull=False).count(),
        "themes": StrategicTheme.objects.count(),
        "merges": ThemeMerge.objects.count(),
        "meetings": SteeringMeeting.objects.count(),
        "decisions": Decision.objects.count(),
        "vision": VisionRevision.objects.count(),
        "board_actions": BoardAction.objects.count(),
        "rounds": VotingRound.objects.count(),
        "options": RoundOption.objects.count(),
        "ballots": Ballot.objects.count(),
        "decision_themes": Decision.themes.through.objects.count(),
    }


def _history():
    return {
        "interviews": Interview.history.count(),
        "workshops": Workshop.history.count(),
        "themes": StrategicTheme.history.count(),
        "meetings": SteeringMeeting.history.count(),
        "decisions": Decision.history.count(),
    }


def _voting_state():
    return [
        (r.title, r.status, r.opened_at, r.closed_at, r.frozen_result, r.adopted_decision_id)
        for r in VotingRound.objects.order_by("pk")
    ] + list(Ballot.objects.order_by("pk").values_list("pk", "values", "updated_at"))


def test_demo_counts(process):
    notes = Insight.objects.filter(process=process, workshop__isnull=False)

    assert Interview.objects.filter(process=process).count() == 13
    assert Interview.objects.filter(process=process, kind=InterviewKind.EXPERT).count() == 5
    assert Workshop.objects.filter(process=process).count() == 5
    assert 140 <= notes.count() <= 160
    assert notes.count() == 150
    assert (
        StrategicTheme.objects.filter(process=process, status=ThemeStatus.PRIORITISED).count() == 7
    )
    assert StrategicTheme.objects.filter(process=process, status=ThemeStatus.MERGED).count() == 1
    assert ThemeMerge.objects.filter(source__process=process).count() == 2
    assert SteeringMeeting.objects.filter(process=process).count() == 4
    assert VisionRevision.objects.filter(process=process).count() == 3


def test_demo_participants_span_the_groups_without_links(process):
    participants = Participant.objects.filter(process=process)
    by_group = dict(participants.values_list("group").annotate(n=Count("id")))

    assert participants.count() == 44
    assert by_group == {
        StakeholderGroup.LEDER: 10,
        StakeholderGroup.MEDARBEJDER: 13,
        StakeholderGroup.DAGPLEJE: 7,
        StakeholderGroup.DIGITALISERING: 5,
        StakeholderGroup.EKSTERN: 5,
        StakeholderGroup.STYREGRUPPE: 4,
    }
    assert not participants.filter(token_hash__isnull=False).exists()
    assert not participants.filter(joined_via_code__isnull=False).exists()
    assert all(
        p.org_unit.organisation_id == process.organisation_id
        for p in participants.filter(org_unit__isnull=False).select_related("org_unit")
    )
    assert (
        participants.filter(group=StakeholderGroup.DAGPLEJE, org_unit__name="Dagplejen").count()
        == 7
    )
    assert participants.filter(group=StakeholderGroup.LEDER, org_unit__isnull=True).count() == 0


def test_demo_interviews_have_a_summary_and_three_to_six_insights(process):
    interviews = Interview.objects.filter(process=process).annotate(n=Count("insights"))

    for interview in interviews:
        assert interview.summary, interview
        assert 3 <= interview.n <= 6, interview
    experts = interviews.filter(kind=InterviewKind.EXPERT)
    assert set(experts.values_list("group", flat=True)) == {StakeholderGroup.EKSTERN}
    assert set(experts.values_list("interviewee_title", flat=True)) == {
        "Lektor, ph.d., forsker i digitale medier i dagtilbud",
        "Chefkonsulent, digitalisering på dagtilbudsområdet",
        "It-chef",
        "Dagtilbudschef",
        "Advokat, persondataret",
    }
    assert interviews.filter(kind=InterviewKind.INTERNAL).count() == 8
    quotes = Insight.objects.filter(interview__process=process, kind=InsightKind.QUOTE)
    assert quotes.filter(interview__consent_to_quote=True).count() >= 5


def test_demo_has_quotes_from_interviews_without_consent(process):
    """The consent rule needs data to act on: quotes whose interviewee did not consent."""
    hidden = Insight.objects.filter(
        process=process, interview__consent_to_quote=False, kind=InsightKind.QUOTE
    )

    assert sorted(hidden.values_list("interview__interviewee_name", flat=True)) == [
        "Jens Korsgaard",
        "Mette MED",
    ]


def test_demo_workshops_are_closed_inside_phase_three(process):
    phase = ProcessPhase.objects.get(process=process, number=3)
    workshops = Workshop.objects.filter(process=process, title__in=NOTE_WORKSHOPS).annotate(
        n=Count("insights")
    )

    assert {w.title: w.n for w in workshops} == {
        "Workshop for ledere": 52,
        "Workshop for medarbejdere": 54,
        "Workshop for dagplejen": 44,
    }
    for workshop in workshops:
        assert workshop.status == WorkshopStatus.CLOSED
        assert phase.start_date <= workshop.date <= phase.end_date
        assert len(workshop.join_code) == 6
        assert workshop.purpose and workshop.agenda


def test_demo_notes_are_written_by_participants_in_their_groups(process):
    notes = Insight.objects.filter(process=process, workshop__isnull=False).select_related(
        "participant"
    )

    assert all(note.participant is not None for note in notes)
    assert all(note.group == note.participant.group for note in notes)
    assert all(note.created_by_id is None for note in notes)
    assert all(note.created_at.date() == note.workshop.date for note in notes)
    assert set(notes.values_list("kind", flat=True)) == set(InsightKind.values)
    texts = set(notes.values_list("text", flat=True))
    assert set(DOMAIN_EXAMPLES) <= texts
    assert len(texts) == notes.count()


def test_demo_notes_are_mostly_tagged_and_some_are_duplicates(process):
    notes = Insight.objects.filter(process=process, workshop__isnull=False)
    duplicates = notes.filter(duplicate_of__isnull=False).select_related("duplicate_of")
    untagged = notes.filter(theme_links__isnull=True)

    assert duplicates.count() == 6
    assert all(d.duplicate_of.workshop_id == d.workshop_id for d in duplicates)
    assert all(d.duplicate_of.duplicate_of_id is None for d in duplicates)
    assert set(untagged.values_list("pk", flat=True)) == set(
        duplicates.values_list("pk", flat=True)
    )
    two_tags = notes.annotate(n=Count("theme_links")).filter(n__gte=2).count()
    assert two_tags >= 40


def test_demo_every_prioritised_theme_has_evidence_from_several_groups(process):
    for number in range(1, 8):
        theme = StrategicTheme.objects.get(process=process, title=THEMES[number][0])
        insights = Insight.objects.filter(theme_links__theme=theme)
        groups = set(insights.values_list("group", flat=True))
        workshops = set(insights.exclude(workshop=None).values_list("workshop", flat=True))

        assert len(groups) >= 2, theme
        assert len(workshops) == 3, theme
        assert insights.filter(interview__isnull=False).exists(), theme
        assert insights.count() >= 10, theme


def test_demo_theme_eight_is_merged_into_one_and_five_with_its_evidence(process):
    themes = {n: StrategicTheme.objects.get(process=process, title=THEMES[n][0]) for n in THEMES}
    source = themes[8]
    merges = ThemeMerge.objects.filter(source=source)
    source_insights = set(source.insight_links.values_list("insight_id", flat=True))
    moved = InsightTheme.objects.filter(via_merge__source=source)

    assert source.status == ThemeStatus.MERGED
    assert set(merges.values_list("target__title", flat=True)) == {THEMES[1][0], THEMES[5][0]}
    assert all(merge.merged_by.email == "projektleder@demo.rodovre.dk" for merge in merges)
    # The source keeps its evidence, and every insight of it is now evidence of 1 or 5.
    assert len(source_insights) == 14
    assert (
        set(
            InsightTheme.objects.filter(
                insight_id__in=source_insights, theme__in=[themes[1], themes[5]]
            ).values_list("insight_id", flat=True)
        )
        == source_insights
    )
    assert dict(moved.values_list("theme").annotate(n=Count("id"))) == {
        themes[1].pk: 6,
        themes[5].pk: 7,
    }
    assert Decision.objects.get(text="Tema 8 lægges sammen med 1 og 5").themes.count() == 3


def _themes_in_order(process) -> list[StrategicTheme]:
    return [StrategicTheme.objects.get(process=process, title=THEMES[n][0]) for n in range(1, 8)]


def test_demo_prioritisation_round_freezes_the_order_of_domain_six(process):
    voting_round = VotingRound.objects.get(process=process, title=PRIORITISATION)
    themes = _themes_in_order(process)
    result = voting_round.frozen_result
    ballots = Ballot.objects.filter(round=voting_round)

    assert (voting_round.method, voting_round.status) == (VotingMethod.POINTS, RoundStatus.CLOSED)
    assert voting_round.rules == {"budget": 5, "budget_exact": True}
    assert voting_round.mode == VotingMode.REGISTERED
    assert voting_round.workshop.title == "Prioriteringsworkshop"
    assert voting_round.workshop.status == WorkshopStatus.CLOSED
    assert (
        voting_round.opened_at.date() == voting_round.closed_at.date() == voting_round.workshop.date
    )
    assert (result["method"], result["method_version"]) == ("points", METHOD_VERSION["points"])
    assert result["ballot_count"] == 35
    assert result["source_counts"] == {"phone": 35, "paper": 0, "open": 0}
    assert result["total_score"] == 175
    assert [row["option"] for row in result["options"]] == [str(t.pk) for t in themes]
    assert [row["rank"] for row in result["options"]] == [1, 2, 3, 4, 5, 6, 7]
    assert [row["score"] for row in result["options"]] == DOMAIN_SCORES
    assert not any(row["tied"] for row in result["options"])
    assert ballots.count() == 35
    assert ballots.values("participant").distinct().count() == 35
    assert set(ballots.values_list("source", flat=True)) == {BallotSource.PHONE}
    assert all(sum(ballot.values.values()) == 5 for ballot in ballots)
    assert all(ballot.group == ballot.participant.group for ballot in ballots)


def test_demo_prioritisation_groups_differ_and_all_are_shown(process):
    voting_round = VotingRound.objects.get(process=process, title=PRIORITISATION)
    by_number = {str(t.pk): n for n, t in enumerate(_themes_in_order(process), start=1)}
    groups = {g["group"]: g for g in voting_round.frozen_result["groups"]}

    assert {key: g["ballot_count"] for key, g in groups.items()} == {
        "leder": 10,
        "medarbejder": 13,
        "dagpleje": 7,
        "digitalisering": 5,
    }
    assert all(g["shown"] for g in groups.values())
    # Each group's favourite: administration, documentation, equipment, security.
    assert {key: by_number[g["options"][0]["option"]] for key, g in groups.items()} == {
        "leder": 1,
        "medarbejder": 2,
        "dagpleje": 3,
        "digitalisering": 6,
    }
    for key, group in groups.items():
        scores = {by_number[row["option"]]: row["score"] for row in group["options"]}
        assert scores == VOTING_POINTS[key]
    assert len(voting_round.frozen_result["agreement"]) == 6


def test_demo_prioritisation_ballots_are_the_dealt_points(process):
    voting_round = VotingRound.objects.get(process=process, title=PRIORITISATION)
    participants = {p.name: p for p in Participant.objects.filter(process=process)}
    pk_of = {n: str(t.pk) for n, t in enumerate(_themes_in_order(process), start=1)}
    expected = {
        voter.pk: {pk_of[n]: points for n, points in ballot.items()}
        for voter, ballot in prioritisation_ballots(participants)
    }

    stored = dict(Ballot.objects.filter(round=voting_round).values_list("participant_id", "values"))

    assert stored == expected
    assert all(sum(ballot.values()) == 5 for ballot in expected.values())
    assert all(2 <= len(ballot) <= 3 for ballot in expected.values())


def test_demo_prioritisation_round_is_adopted_at_sg4(process):
    voting_round = VotingRound.objects.get(process=process, title=PRIORITISATION)
    decision = voting_round.adopted_decision
    themes = _themes_in_order(process)

    assert decision is not None
    assert decision.meeting.code == "SG4"
    assert decision.date == decision.meeting.date
    assert voting_round.title in decision.text
    assert decision.recorded_by.email == "projektleder@demo.rodovre.dk"
    assert sorted(decision.themes.values_list("pk", flat=True)) == sorted(t.pk for t in themes)
    assert [(t.priority_rank, t.phase, t.priority_decision_id) for t in themes] == [
        (1, PlanPhase.PHASE_1, decision.pk),
        (2, PlanPhase.PHASE_1, decision.pk),
        (3, PlanPhase.PHASE_1, decision.pk),
        (4, PlanPhase.PHASE_1, decision.pk),
        (5, PlanPhase.PHASE_2, decision.pk),
        (6, PlanPhase.PHASE_2, decision.pk),
        (7, PlanPhase.PHASE_2, decision.pk),
    ]
    assert all(t.status == ThemeStatus.PRIORITISED for t in themes)


def test_demo_open_round_to_try_on_a_phone(process):
    voting_round = VotingRound.objects.get(process=process, title=TRY_ROUND)
    workshop = voting_round.workshop

    assert (voting_round.status, voting_round.method, voting_round.mode) == (
        RoundStatus.OPEN,
        VotingMethod.APPROVAL,
        VotingMode.OPEN,
    )
    assert voting_round.results_visibility == ResultsVisibility.LIVE
    assert voting_round.eligible_groups == []
    assert list(voting_round.options.values_list("theme", flat=True)) == [
        t.pk for t in _themes_in_order(process)
    ]
    assert not Ballot.objects.filter(round=voting_round).exists()
    assert (workshop.status, workshop.open_join) == (WorkshopStatus.OPEN, True)
    assert len(workshop.join_code) == 6


def test_demo_open_round_takes_a_vote_from_a_phone_that_joins_with_the_code(process, client):
    voting_round = VotingRound.objects.get(process=process, title=TRY_ROUND)
    first, second = _themes_in_order(process)[:2]

    joined = client.post(
        "/join/", {"code": voting_round.workshop.join_code, "group": StakeholderGroup.DAGPLEJE}
    )
    home = client.get("/deltager/")
    voted = client.post(
        f"/deltager/runder/{voting_round.pk}/",
        {f"option-{first.pk}": "on", f"option-{second.pk}": "on"},
    )

    assert joined.status_code == 302
    assert f'href="/deltager/runder/{voting_round.pk}/"' in home.content.decode()
    assert voted.status_code == 302
    ballot = Ballot.objects.get(round=voting_round)
    assert (ballot.source, ballot.group) == (BallotSource.OPEN, StakeholderGroup.DAGPLEJE)
    assert ballot.values == {str(first.pk): True, str(second.pk): True}


def test_seed_demo_twice_changes_nothing(process):
    counts = _counts()
    history = _history()
    voting_state = _voting_state()

    call_command("seed_demo", verbosity=0)

    assert _counts() == counts
    assert _history() == history
    assert _voting_state() == voting_state
    assert counts["merges"] == 2
    assert counts["board_actions"] == 0
    assert (counts["rounds"], counts["ballots"]) == (2, 35)
