"""Reads of the strategy app that views, other apps and reports reuse."""

import difflib
import re
from dataclasses import dataclass

from django.db.models import Count, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from strategy.models import (
    Decision,
    Membership,
    OrgUnit,
    PhaseDeliverable,
    ProcessPhase,
    SteeringMeeting,
    StrategicTheme,
    StrategyProcess,
    VisionRevision,
)
from strategy.overview import counters


def processes_for_user(user) -> QuerySet[StrategyProcess]:
    """The processes where `user` is a member, each annotated with the user's role and counts."""
    return (
        StrategyProcess.objects.filter(memberships__user=user)
        .select_related("organisation")
        .annotate(
            my_role=Subquery(
                Membership.objects.filter(process=OuterRef("pk"), user=user).values("role")[:1]
            ),
            member_count=Count("memberships", distinct=True),
            phase_count=Count("phases", distinct=True),
            phases_done=Count("phases", filter=Q(phases__status="done"), distinct=True),
        )
        .order_by("-budget_year", "title")
    )


def phases_with_deliverables(process: StrategyProcess) -> list[ProcessPhase]:
    return list(
        ProcessPhase.objects.filter(process=process)
        .prefetch_related(
            Prefetch("deliverables", queryset=PhaseDeliverable.objects.order_by("position", "id"))
        )
        .order_by("number")
    )


def org_units_for_process(process: StrategyProcess) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(organisation_id=process.organisation_id).order_by("name")


@dataclass
class OrgUnitTotals:
    count: int
    children_0_2: int
    children_3_5: int
    rooms: int
    fte: object
    childminders: int


def org_unit_totals(units: list[OrgUnit]) -> OrgUnitTotals:
    """Totals computed in Python from an already fetched list (no extra query)."""
    return OrgUnitTotals(
        count=len(units),
        children_0_2=sum(unit.children_0_2 for unit in units),
        children_3_5=sum(unit.children_3_5 for unit in units),
        rooms=sum(unit.rooms for unit in units),
        fte=sum((unit.fte for unit in units), start=0),
        childminders=sum(unit.childminders for unit in units),
    )


def members_of_process(process: StrategyProcess) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(process=process)
        .select_related("user")
        .order_by("role", "user__full_name", "user__email")
    )


@dataclass
class OverviewCount:
    label: str
    value: int
    url: str | None


def overview_counts(process: StrategyProcess) -> list[OverviewCount]:
    """Counts for the overview: institutions and members here, the rest from registered apps."""
    base = [
        OverviewCount(
            label=str(OrgUnit._meta.verbose_name_plural).capitalize(),
            value=OrgUnit.objects.filter(
                organisation_id=process.organisation_id, active=True
            ).count(),
            url=reverse("strategy:orgunit.list", kwargs={"slug": process.slug}),
        ),
    ]
    for counter in counters():
        base.append(
            OverviewCount(
                label=str(counter.label),
                value=counter.count(process),
                url=reverse(counter.url_name, kwargs={"slug": process.slug})
                if counter.url_name
                else None,
            )
        )
    return base


def history_of(obj, *, limit: int = 25) -> list:
    """The audit history of an object (newest first), with who changed what.

    Each record gets `changes`: a list of (field verbose name, old, new) against the record
    before it. One query for the records (with their users).
    """
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    if not records:  # e.g. rows written without history (bulk_create, a restore)
        return []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        newer.changes = []
        if older is None or newer.history_type != "~":
            continue
        delta = newer.diff_against(older)
        for change in delta.changes:
            field = obj._meta.get_field(change.field)
            newer.changes.append((field.verbose_name, change.old, change.new))
    return records[:limit]


# ---------------------------------------------------------------------------------------------
# Vision


def vision_revisions(process: StrategyProcess) -> list[VisionRevision]:
    """Every revision of the vision, the latest first, with its author; each revision gets
    `previous_number`, the number of the revision before it (None for the first)."""
    revisions = list(
        VisionRevision.objects.filter(process=process).select_related("author").order_by("-number")
    )
    for index, revision in enumerate(revisions):
        older = revisions[index + 1] if index + 1 < len(revisions) else None
        revision.previous_number = older.number if older else None
    return revisions


def latest_vision(process: StrategyProcess) -> VisionRevision | None:
    """The current vision: the revision with the highest number."""
    return VisionRevision.objects.filter(process=process).order_by("-number").first()


def _diff_tokens(text: str) -> list[str]:
    """Words, with a line break kept as a token of its own."""
    return re.findall(r"[^\s]+|\n", text.replace("\r\n", "\n").replace("\r", "\n"))


def _join_html(pieces: list[tuple[str, str, str]]) -> str:
    """Join (html, first token, last token) pieces with a space, but none around a line break."""
    out = []
    previous_last = None
    for html, first, last in pieces:
        if out and previous_last != "\n" and first != "\n":
            out.append(" ")
        out.append(html)
        previous_last = last
    return "".join(out)


def _diff_piece(tokens: list[str], tag: str | None = None) -> tuple[str, str, str]:
    html = _join_html([("<br>" if t == "\n" else escape(t), t, t) for t in tokens])
    if tag:
        html = f"<{tag}>{html}</{tag}>"
    return html, tokens[0], tokens[-1]


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """A word-level comparison of two texts for a side-by-side view.

    Returns the old text with the removed words in <del> and the new text with the added words
    in <ins>; line breaks become <br>. Every word is HTML-escaped before the markup is built.
    """
    a, b = _diff_tokens(old), _diff_tokens(new)
    left: list[tuple[str, str, str]] = []
    right: list[tuple[str, str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            left.append(_diff_piece(a[i1:i2]))
            right.append(_diff_piece(b[j1:j2]))
            continue
        if i2 > i1:
            left.append(_diff_piece(a[i1:i2], "del"))
        if j2 > j1:
            right.append(_diff_piece(b[j1:j2], "ins"))
    return mark_safe(_join_html(left)), mark_safe(_join_html(right))  # noqa: S308 (escaped)


@dataclass
class VisionComparison:
    old: VisionRevision
    new: VisionRevision
    text_old: SafeString
    text_new: SafeString
    principles_old: SafeString
    principles_new: SafeString

    @property
    def identical(self) -> bool:
        return self.old.text == self.new.text and self.old.principles == self.new.principles


def vision_compare(old: VisionRevision, new: VisionRevision) -> VisionComparison:
    text_old, text_new = word_diff(old.text, new.text)
    principles_old, principles_new = word_diff(
        "\n".join(old.principle_list), "\n".join(new.principle_list)
    )
    return VisionComparison(old, new, text_old, text_new, principles_old, principles_new)


# ---------------------------------------------------------------------------------------------
# Steering group


def _themes_by_title() -> Prefetch:
    return Prefetch("themes", queryset=StrategicTheme.objects.order_by("title"))


def meetings_of_process(process: StrategyProcess) -> list[SteeringMeeting]:
    """The steering-group meetings, newest first, each with its number of decisions."""
    return list(
        SteeringMeeting.objects.filter(process=process)
        .annotate(decision_count=Count("decisions"))
        .order_by("-date", "-number")
    )


def next_meeting_number(process: StrategyProcess) -> int:
    last = SteeringMeeting.objects.filter(process=process).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


def decision_log(process: StrategyProcess) -> QuerySet[Decision]:
    """The decision log, newest first, with meetings and themes (titles in order)."""
    return (
        Decision.objects.filter(process=process)
        .select_related("meeting")
        .prefetch_related(_themes_by_title())
        .order_by("-date", "-id")
    )


def latest_decisions(process: StrategyProcess, *, limit: int = 3) -> list[Decision]:
    return list(decision_log(process)[:limit])


def decisions_of_meeting(meeting: SteeringMeeting) -> list[Decision]:
    return list(
        Decision.objects.filter(meeting=meeting)
        .prefetch_related(_themes_by_title())
        .order_by("-date", "-id")
    )


# The rows of the history's copy of Decision.themes (django-simple-history's m2m history model).
_HISTORICAL_THEMES = "historicaldecision_themes_set"


def _historical_themes(record) -> list:
    return getattr(record, _HISTORICAL_THEMES).all()


def decision_history(decision: Decision, *, limit: int = 25) -> list:
    """The audit history of a decision, newest first, like `history_of`, but with the meeting
    shown by its code and the linked themes by their titles (three queries in all)."""
    records = list(
        decision.history.select_related("history_user")
        .prefetch_related(_HISTORICAL_THEMES)
        .order_by("-history_date", "-history_id")[: limit + 1]
    )
    theme_ids = {row.strategictheme_id for record in records for row in _historical_themes(record)}
    meeting_ids = {record.meeting_id for record in records if record.meeting_id}
    titles = dict(StrategicTheme.objects.filter(pk__in=theme_ids).values_list("pk", "title"))
    codes = {
        pk: f"SG{number}"
        for pk, number in SteeringMeeting.objects.filter(pk__in=meeting_ids).values_list(
            "pk", "number"
        )
    }

    def values_of(record) -> dict:
        ids = {row.strategictheme_id for row in _historical_themes(record)}
        meeting = record.meeting_id
        return {
            "date": record.date,
            "text": record.text,
            "meeting": None if meeting is None else codes.get(meeting, f"#{meeting}"),
            "themes": ", ".join(sorted(titles.get(pk, f"#{pk}") for pk in ids)) or None,
        }

    for newer, older in zip(records, [*records[1:], None], strict=True):
        newer.changes = []
        if older is None or newer.history_type != "~":
            continue
        old_values, new_values = values_of(older), values_of(newer)
        for name, new_value in new_values.items():
            if old_values[name] != new_value:
                label = Decision._meta.get_field(name).verbose_name
                newer.changes.append((label, old_values[name], new_value))
    return records[:limit]
