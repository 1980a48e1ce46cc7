"""Writes of the facilitator board (each recorded as a BoardAction so it can be undone) and the
merging of themes.

Board payloads (JSON):
- assign:       {"theme": id, "links": [InsightTheme ids created]}
- create_theme: {"theme": id, "theme_created": id, "links": [...]}
- duplicate:    {"original": id, "previous": {"<insight id>": previous duplicate_of id or null}}
"""

from collections.abc import Iterable, Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from strategy.enums import ThemeStatus
from strategy.models import Decision, StrategicTheme, ThemeMerge
from strategy.services import theme_create, theme_set_status
from workshops.enums import BoardActionKind
from workshops.models import BoardAction, Insight, InsightTheme, Workshop


def _user(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def _check_notes(workshop: Workshop, insights: Sequence[Insight]) -> list[Insight]:
    insights = list(insights)
    if not insights:
        raise ValidationError(_("Select at least one note."))
    if any(insight.workshop_id != workshop.pk for insight in insights):
        raise ValidationError(_("Some of the selected notes are not notes of this workshop."))
    return insights


def _check_open_theme(workshop: Workshop, theme: StrategicTheme) -> None:
    if theme.process_id != workshop.process_id:
        raise ValidationError(_("The theme belongs to another process."))
    if theme.status == ThemeStatus.MERGED:
        raise ValidationError(_("“%(theme)s” is merged; choose another.") % {"theme": theme})


def _tag(insights: Iterable[Insight], theme: StrategicTheme, user) -> list[int]:
    """Tag the insights with `theme` where they are not already; the ids of the new tags."""
    insights = list(insights)
    tagged = set(
        InsightTheme.objects.filter(theme=theme, insight__in=insights).values_list(
            "insight_id", flat=True
        )
    )
    created = [
        InsightTheme.objects.create(insight=insight, theme=theme, created_by=user)
        for insight in insights
        if insight.pk not in tagged
    ]
    return [link.pk for link in created]


@transaction.atomic
def board_assign(
    *, workshop: Workshop, insights: Sequence[Insight], theme: StrategicTheme, user
) -> BoardAction:
    """Tag the selected notes with an existing, not merged theme."""
    insights = _check_notes(workshop, insights)
    _check_open_theme(workshop, theme)
    links = _tag(insights, theme, _user(user))
    return BoardAction.objects.create(
        workshop=workshop,
        user=_user(user),
        kind=BoardActionKind.ASSIGN,
        payload={"theme": theme.pk, "links": links},
    )


@transaction.atomic
def board_create_theme(
    *, workshop: Workshop, insights: Sequence[Insight], title: str, user
) -> tuple[BoardAction, StrategicTheme]:
    """Create a theme from the selected notes (title unique per process) and tag them with it."""
    insights = _check_notes(workshop, insights)
    theme = theme_create(process=workshop.process, title=title)
    links = _tag(insights, theme, _user(user))
    action = BoardAction.objects.create(
        workshop=workshop,
        user=_user(user),
        kind=BoardActionKind.CREATE_THEME,
        payload={"theme": theme.pk, "theme_created": theme.pk, "links": links},
    )
    return action, theme


@transaction.atomic
def board_mark_duplicates(*, workshop: Workshop, insights: Sequence[Insight], user) -> BoardAction:
    """Mark the selected notes as duplicates of the oldest of them."""
    insights = _check_notes(workshop, insights)
    if len(insights) < 2:
        raise ValidationError(_("Select at least two notes to mark duplicates."))
    ordered = sorted(insights, key=lambda insight: (insight.created_at, insight.pk))
    original, others = ordered[0], ordered[1:]
    selected = {insight.pk for insight in insights}
    previous = {str(insight.pk): insight.duplicate_of_id for insight in others}
    now = timezone.now()
    if original.duplicate_of_id in selected:  # would make a cycle: the original is no duplicate
        previous[str(original.pk)] = original.duplicate_of_id
        Insight.objects.filter(pk=original.pk).update(duplicate_of=None, updated_at=now)
    Insight.objects.filter(pk__in=[insight.pk for insight in others]).update(
        duplicate_of=original, updated_at=now
    )
    return BoardAction.objects.create(
        workshop=workshop,
        user=_user(user),
        kind=BoardActionKind.DUPLICATE,
        payload={"original": original.pk, "previous": previous},
    )


def _theme_is_referenced(theme: StrategicTheme) -> bool:
    return (
        InsightTheme.objects.filter(theme=theme).exists()
        or Decision.objects.filter(themes=theme).exists()
        or ThemeMerge.objects.filter(source=theme).exists()
        or ThemeMerge.objects.filter(target=theme).exists()
    )


@transaction.atomic
def board_undo(*, workshop: Workshop, user) -> tuple[BoardAction | None, bool]:
    """Undo the last action of this workshop's board that is not undone yet.

    Removes the theme tags it created, deletes a theme it created when no other evidence,
    decision or merge points at it (it stays otherwise), and restores previous duplicate marks.
    Returns (the action or None when there is nothing to undo, whether a created theme was kept).
    """
    action = (
        BoardAction.objects.select_for_update()
        .filter(workshop=workshop, undone=False)
        .order_by("-id")
        .first()
    )
    if action is None:
        return None, False
    payload = action.payload or {}
    theme_kept = False
    links = payload.get("links") or []
    if links:
        InsightTheme.objects.filter(pk__in=links, insight__workshop=workshop).delete()
    theme_id = payload.get("theme_created")
    if theme_id:
        theme = StrategicTheme.objects.filter(pk=theme_id, process_id=workshop.process_id).first()
        if theme is not None:
            if _theme_is_referenced(theme):
                theme_kept = True
            else:
                try:
                    theme.delete()
                except (ProtectedError, RestrictedError):  # e.g. an initiative of the plan
                    theme_kept = True
    previous = payload.get("previous") or {}
    if previous:
        now = timezone.now()
        existing = set(
            Insight.objects.filter(
                workshop=workshop, pk__in=[int(k) for k in previous]
            ).values_list("pk", flat=True)
        )
        live = set(
            Insight.objects.filter(
                workshop=workshop, pk__in=[v for v in previous.values() if v]
            ).values_list("pk", flat=True)
        )
        for key, old in previous.items():
            if int(key) in existing:
                Insight.objects.filter(pk=int(key)).update(
                    duplicate_of_id=old if old in live else None, updated_at=now
                )
    action.undone = True
    action.save(update_fields=["undone"])
    return action, theme_kept


# --- Themes ---------------------------------------------------------------------------------------


@transaction.atomic
@transaction.atomic
def theme_merge(
    *,
    source: StrategicTheme,
    targets: Sequence[StrategicTheme],
    assignments: Mapping,
    user,
    note: str = "",
) -> list[ThemeMerge]:
    """Merge `source` into one or more `targets` of the same process.

    `assignments` maps each insight of the source (an Insight or its id) to the target (a theme
    or its id) that receives it; an insight that is not mapped goes to the first target. One
    ThemeMerge per target is recorded; each insight gets a tag to its target with `via_merge`
    (unless it already has one); the source keeps its own tags, so no evidence is lost; the
    source's status becomes MERGED (theme_set_status with merging=True). All or nothing.
    """
    given = source
    source = StrategicTheme.objects.select_for_update().get(pk=source.pk)
    targets = list(targets)
    if not targets:
        raise ValidationError({"targets": _("Choose at least one theme to merge into.")})
    if source.status == ThemeStatus.MERGED:
        raise ValidationError(_("This theme is already merged."))
    seen = set()
    for target in targets:
        if target.pk == source.pk:
            raise ValidationError({"targets": _("A theme cannot be merged into itself.")})
        if target.process_id != source.process_id:
            raise ValidationError({"targets": _("The theme belongs to another process.")})
        if target.status == ThemeStatus.MERGED:
            raise ValidationError(
                {"targets": _("“%(theme)s” is merged; choose another.") % {"theme": target}}
            )
        if target.pk in seen:
            raise ValidationError({"targets": _("A theme is chosen twice.")})
        seen.add(target.pk)
    by_id = {target.pk: target for target in targets}

    insight_ids = set(
        InsightTheme.objects.filter(theme=source).values_list("insight_id", flat=True)
    )
    chosen: dict[int, int] = {}
    for key, value in assignments.items():
        insight_id = key.pk if isinstance(key, Insight) else int(key)
        target_id = value.pk if isinstance(value, StrategicTheme) else int(value)
        if insight_id not in insight_ids:
            raise ValidationError(_("An assigned insight is not evidence of this theme."))
        if target_id not in by_id:
            raise ValidationError(_("An insight is assigned to a theme that is not a target."))
        chosen[insight_id] = target_id

    merges = {}
    for target in targets:
        merge = ThemeMerge(source=source, target=target, note=note, merged_by=_user(user))
        merge.full_clean()
        merge.save()
        merges[target.pk] = merge
    existing = set(
        InsightTheme.objects.filter(insight_id__in=insight_ids, theme_id__in=by_id).values_list(
            "insight_id", "theme_id"
        )
    )
    InsightTheme.objects.bulk_create(
        [
            InsightTheme(
                insight_id=insight_id,
                theme_id=chosen.get(insight_id, targets[0].pk),
                via_merge=merges[chosen.get(insight_id, targets[0].pk)],
                created_by=_user(user),
            )
            for insight_id in sorted(insight_ids)
            if (insight_id, chosen.get(insight_id, targets[0].pk)) not in existing
        ]
    )
    theme_set_status(theme=source, status=ThemeStatus.MERGED, merging=True)
    given.status = source.status
    return list(merges.values())
