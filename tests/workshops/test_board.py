"""The facilitator board: live notes (version + 204), filters, actions with undo."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from strategy.enums import ThemeStatus
from strategy.models import StrategicTheme
from tests.factories import DecisionFactory, InsightFactory, ThemeFactory, WorkshopFactory
from workshops.enums import BoardActionKind, InsightKind, StakeholderGroup
from workshops.models import BoardAction, Insight, InsightTheme
from workshops.selectors.evidence import board_version, board_workshop_queryset
from workshops.services import board as services

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(world, name, workshop=None, **query):
    path = reverse(
        f"workshops:{name}",
        kwargs={"slug": world.process.slug, "pk": (workshop or world.workshop).pk},
    )
    if query:
        path += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return path


def shown_notes(response) -> list[int]:
    """The note ids of a board page or partial, in order (partials have no test context)."""
    return [
        int(pk)
        for pk in re.findall(
            r'<li class="board-note[^"]*" id="note-(\d+)"', response.content.decode()
        )
    ]


def version_of(world, workshop=None):
    workshop = board_workshop_queryset(world.process).get(pk=(workshop or world.workshop).pk)
    return board_version(workshop)


def add_notes(world, count, **kwargs):
    return [InsightFactory(workshop=world.workshop, **kwargs) for _ in range(count)]


def aged(insight, minutes):
    """Make `insight` older, so that 'the oldest selected note' is well defined."""
    created = timezone.now() - datetime.timedelta(minutes=minutes)
    Insight.objects.filter(pk=insight.pk).update(created_at=created)
    insight.refresh_from_db()
    return insight


# --- The page and the polled notes ---------------------------------------------------------------


def test_board_lists_every_note_with_a_preserved_checkbox_and_polls_every_2s(world, lead_client):
    notes = [world.insight, *add_notes(world, 2)]
    InsightTheme.objects.create(insight=notes[1], theme=world.theme)

    response = lead_client.get(url(world, "board.detail"))

    assert response.status_code == 200
    html = response.content.decode()
    assert [n.pk for n in response.context["notes"]] == [n.pk for n in notes]
    for note in notes:
        assert f'id="note-select-{note.pk}"' in html
        assert re.search(rf'id="note-select-{note.pk}"\s+hx-preserve="true"', html)
    assert 'hx-trigger="every 2s"' in html
    version = version_of(world)
    notes_url = url(world, "board.notes")
    assert f'hx-get="{notes_url}?v={version}"' in html
    assert f'data-theme="{world.theme.pk}"' in html
    assert 'hx-push-url="true"' in html


@pytest.mark.parametrize("persona", ["viewer", "steering"])
def test_board_is_read_only_without_edit(world, persona):
    response = world.client_for(persona).get(url(world, "board.detail"))

    assert response.status_code == 200
    html = response.content.decode()
    assert world.insight.text in html
    assert 'name="notes"' not in html
    assert 'id="board-actions"' not in html


def test_board_notes_answers_204_without_body_when_the_version_is_current(world, lead_client):
    version = version_of(world)

    response = lead_client.get(url(world, "board.notes", v=version))

    assert response.status_code == 204
    assert response.content == b""


def test_board_notes_answers_the_partial_with_the_new_version_when_stale(world, lead_client):
    old = version_of(world)
    note = InsightFactory(workshop=world.workshop, text="Wi-Fi falder ud i krybberummet")
    new = version_of(world)

    response = lead_client.get(url(world, "board.notes", v=old))

    assert old != new
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith('<div id="board-notes"')
    assert f'id="note-select-{note.pk}"' in html
    assert f"v={new}" in html


def test_board_notes_without_a_version_answers_200(world, lead_client):
    response = lead_client.get(url(world, "board.notes"))

    assert response.status_code == 200
    assert f'data-version="{version_of(world)}"' in response.content.decode()


def test_board_notes_keeps_the_filters_in_the_next_poll(world, lead_client):
    (idea,) = add_notes(world, 1, kind=InsightKind.IDEA, group=StakeholderGroup.LEDER)
    add_notes(world, 1, kind=InsightKind.IDEA, group=StakeholderGroup.MEDARBEJDER)

    response = lead_client.get(url(world, "board.notes", kind="idea", group="leder"))

    version = version_of(world)
    assert f"kind=idea&amp;group=leder&amp;v={version}" in response.content.decode()
    assert shown_notes(response) == [idea.pk]


@pytest.mark.parametrize(
    "change",
    ["new note", "edited note", "deleted note", "tag", "untag", "action", "undo", "duplicate"],
)
def test_the_version_changes_with_everything_the_board_shows(world, change):
    note = world.insight
    other = InsightFactory(workshop=world.workshop)
    link = InsightTheme.objects.create(insight=other, theme=world.theme)
    action = BoardAction.objects.create(workshop=world.workshop, kind=BoardActionKind.ASSIGN)
    before = version_of(world)

    if change == "new note":
        InsightFactory(workshop=world.workshop)
    elif change == "edited note":
        note.text = "Ny tekst"
        note.save()
    elif change == "deleted note":
        other.delete()
    elif change == "tag":
        InsightTheme.objects.create(insight=note, theme=world.theme)
    elif change == "untag":
        link.delete()
    elif change == "action":
        BoardAction.objects.create(workshop=world.workshop, kind=BoardActionKind.ASSIGN)
    elif change == "undo":
        action.undone = True
        action.save()
    elif change == "duplicate":
        services.board_mark_duplicates(workshop=world.workshop, insights=[note, other], user=None)

    assert version_of(world) != before


def test_the_version_ignores_other_workshops(world):
    before = version_of(world)

    InsightFactory(workshop=WorkshopFactory(process=world.process))

    assert version_of(world) == before


def test_filter_shows_only_matching_notes_and_htmx_gets_only_the_partial(world, lead_client):
    idea = InsightFactory(workshop=world.workshop, kind=InsightKind.IDEA)

    full = lead_client.get(url(world, "board.detail", kind="idea"))
    partial = lead_client.get(url(world, "board.detail", kind="idea"), **HTMX)

    assert [n.pk for n in full.context["notes"]] == [idea.pk]
    assert "<html" in full.content.decode()
    assert shown_notes(partial) == [idea.pk]
    assert "<html" not in partial.content.decode()
    assert partial.content.decode().lstrip().startswith('<div id="board-notes"')


def test_an_invalid_filter_value_is_ignored(world, lead_client):
    response = lead_client.get(url(world, "board.detail", kind="nonsense"))

    assert response.status_code == 200
    assert [n.pk for n in response.context["notes"]] == [world.insight.pk]


# --- Assign ---------------------------------------------------------------------------------------


def test_assign_tags_the_selected_notes_and_redirects_back_with_the_filters(world, lead_client):
    notes = [world.insight, *add_notes(world, 2)]
    InsightTheme.objects.create(insight=notes[0], theme=world.theme)  # already tagged: skipped

    response = lead_client.post(
        url(world, "board.assign"),
        {"notes": [n.pk for n in notes], "theme": world.theme.pk, "kind": "challenge"},
    )

    assert response.status_code == 302
    assert response["Location"] == url(world, "board.detail", kind="challenge")
    assert set(
        InsightTheme.objects.filter(theme=world.theme).values_list("insight_id", flat=True)
    ) == {n.pk for n in notes}
    action = BoardAction.objects.get(workshop=world.workshop)
    assert action.kind == BoardActionKind.ASSIGN
    assert action.user == world.users["lead"]
    assert sorted(action.payload["links"]) == sorted(
        InsightTheme.objects.filter(insight__in=notes[1:]).values_list("pk", flat=True)
    )


def test_assign_with_htmx_answers_the_fresh_list_and_the_action_panel(world, lead_client):
    response = lead_client.post(
        url(world, "board.assign"), {"notes": [world.insight.pk], "theme": world.theme.pk}, **HTMX
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="board-notes"')
    assert 'id="board-actions" class="board-actions" hx-swap-oob="true"' in html
    # the selection is cleared after an action: no hx-preserve on the checkboxes
    assert f'id="note-select-{world.insight.pk}"' in html
    assert "hx-preserve" not in html
    assert f'data-theme="{world.theme.pk}"' in html
    assert f"v={version_of(world)}" in html


@pytest.mark.parametrize("where", ["other workshop", "other process", "not a number"])
def test_assign_refuses_notes_of_another_workshop_and_changes_nothing(world, lead_client, where):
    foreign = {
        "other workshop": lambda: (
            InsightFactory(workshop=WorkshopFactory(process=world.process)).pk
        ),
        "other process": lambda: world.other["insight"].pk,
        "not a number": lambda: "x",
    }[where]()

    response = lead_client.post(
        url(world, "board.assign"), {"notes": [world.insight.pk, foreign], "theme": world.theme.pk}
    )

    assert response.status_code == 400
    assert 'id="board-errors"' in response.content.decode()
    assert response.context["error_form"].errors["notes"]
    assert InsightTheme.objects.count() == 0
    assert BoardAction.objects.count() == 0


def test_assign_with_htmx_and_bad_input_answers_400_with_the_error_in_the_panel(world, lead_client):
    response = lead_client.post(url(world, "board.assign"), {"theme": world.theme.pk}, **HTMX)

    assert response.status_code == 400
    assert response["X-Swap-Refusal"] == "1"  # static/js/app.js lets htmx swap it in
    html = response.content.decode()
    assert 'id="board-errors"' in html
    assert 'hx-swap-oob="true"' in html
    assert BoardAction.objects.count() == 0


@pytest.mark.parametrize("which", ["merged", "other process"])
def test_assign_refuses_a_merged_or_foreign_theme(world, lead_client, which):
    if which == "merged":
        theme = ThemeFactory(process=world.process, status=ThemeStatus.MERGED)
    else:
        theme = world.other["theme"]

    response = lead_client.post(
        url(world, "board.assign"), {"notes": [world.insight.pk], "theme": theme.pk}
    )

    assert response.status_code == 400
    assert response.context["error_form"].errors["theme"]
    assert InsightTheme.objects.count() == 0


def test_assign_is_forbidden_to_the_steering_group(world):
    response = world.client_for("steering").post(
        url(world, "board.assign"), {"notes": [world.insight.pk], "theme": world.theme.pk}
    )

    assert response.status_code == 403
    assert InsightTheme.objects.count() == 0


# --- Create a theme from the selection ------------------------------------------------------------


def test_create_theme_from_selection(world, lead_client):
    notes = [world.insight, *add_notes(world, 1)]

    response = lead_client.post(
        url(world, "board.create_theme"),
        {"notes": [n.pk for n in notes], "title": "  Mere tid til børnene  "},
    )

    assert response.status_code == 302
    theme = StrategicTheme.objects.get(process=world.process, title="Mere tid til børnene")
    assert theme.status == ThemeStatus.CANDIDATE
    assert sorted(theme.insight_links.values_list("insight_id", flat=True)) == [n.pk for n in notes]
    action = BoardAction.objects.get()
    assert action.kind == BoardActionKind.CREATE_THEME
    assert action.payload["theme_created"] == theme.pk


@pytest.mark.parametrize(
    ("title", "field"),
    [("", "title"), ("x" * 121, "title"), ("TEMA-DUBLET", "title")],
    ids=["empty", "too long", "taken"],
)
def test_create_theme_refuses_a_bad_title_and_changes_nothing(world, lead_client, title, field):
    ThemeFactory(process=world.process, title="Tema-dublet")
    themes_before = StrategicTheme.objects.count()

    response = lead_client.post(
        url(world, "board.create_theme"), {"notes": [world.insight.pk], "title": title}
    )

    assert response.status_code == 400
    assert response.context["error_form"].errors[field]
    assert 'id="board-title-error"' in response.content.decode()
    assert StrategicTheme.objects.count() == themes_before
    assert InsightTheme.objects.count() == 0
    assert BoardAction.objects.count() == 0


@pytest.mark.parametrize("key", [2**63, -(2**63) - 1, 10**32])
def test_a_note_key_beyond_64_bits_is_refused_with_the_message(world, lead_client, key):
    response = lead_client.post(
        url(world, "board.create_theme"), {"notes": [world.insight.pk, key], "title": "Nyt tema"}
    )

    assert response.status_code == 400
    assert response.context["error_form"].errors["notes"] == [
        "Nogle af de valgte noter hører ikke til denne workshop."
    ]
    assert not StrategicTheme.objects.filter(title="Nyt tema").exists()
    assert BoardAction.objects.count() == 0


def test_create_theme_needs_a_selection(world, lead_client):
    response = lead_client.post(url(world, "board.create_theme"), {"title": "Nyt tema"})

    assert response.status_code == 400
    assert response.context["error_form"].errors["notes"]
    assert not StrategicTheme.objects.filter(title="Nyt tema").exists()


# --- Duplicates -----------------------------------------------------------------------------------


def test_duplicates_point_at_the_oldest_selected_note(world, lead_client):
    newer, oldest, middle = add_notes(world, 3)
    aged(oldest, 30)
    aged(middle, 10)

    response = lead_client.post(
        url(world, "board.duplicates"), {"notes": [newer.pk, oldest.pk, middle.pk]}
    )

    assert response.status_code == 302
    assert dict(
        Insight.objects.filter(pk__in=[newer.pk, oldest.pk, middle.pk]).values_list(
            "pk", "duplicate_of_id"
        )
    ) == {newer.pk: oldest.pk, oldest.pk: None, middle.pk: oldest.pk}
    action = BoardAction.objects.get()
    assert action.payload == {
        "original": oldest.pk,
        "previous": {str(newer.pk): None, str(middle.pk): None},
    }


def test_duplicates_need_two_notes(world, lead_client):
    response = lead_client.post(url(world, "board.duplicates"), {"notes": [world.insight.pk]})

    assert response.status_code == 400
    assert response.context["error_form"].errors["notes"]
    assert BoardAction.objects.count() == 0


def test_board_shows_the_duplicate_marker(world, lead_client):
    copy = InsightFactory(workshop=world.workshop, duplicate_of=world.insight)

    response = lead_client.get(url(world, "board.detail"))

    assert f'data-duplicate-of="{world.insight.pk}"' in response.content.decode()
    assert [n.duplicate_of_id for n in response.context["notes"] if n.pk == copy.pk] == [
        world.insight.pk
    ]


# --- Undo -----------------------------------------------------------------------------------------


def test_undo_assign_removes_only_the_tags_it_created(world, lead_client):
    old = InsightTheme.objects.create(insight=world.insight, theme=world.theme)
    note = InsightFactory(workshop=world.workshop)
    services.board_assign(
        workshop=world.workshop, insights=[world.insight, note], theme=world.theme, user=None
    )

    response = lead_client.post(url(world, "board.undo"))

    assert response.status_code == 302
    assert list(InsightTheme.objects.values_list("pk", flat=True)) == [old.pk]
    assert BoardAction.objects.get().undone is True


def test_undo_create_theme_deletes_the_theme(world, lead_client):
    _action, theme = services.board_create_theme(
        workshop=world.workshop, insights=[world.insight], title="Kortlivet", user=None
    )

    lead_client.post(url(world, "board.undo"))

    assert not StrategicTheme.objects.filter(pk=theme.pk).exists()
    assert InsightTheme.objects.count() == 0


@pytest.mark.parametrize("reference", ["decision", "other evidence"])
def test_undo_create_theme_keeps_a_theme_that_others_point_at(world, lead_client, reference):
    _action, theme = services.board_create_theme(
        workshop=world.workshop, insights=[world.insight], title="Brugt tema", user=None
    )
    if reference == "decision":
        DecisionFactory(process=world.process).themes.add(theme)
    else:
        InsightTheme.objects.create(insight=world.interview_insight, theme=theme)

    lead_client.post(url(world, "board.undo"))

    assert StrategicTheme.objects.filter(pk=theme.pk).exists()
    assert not InsightTheme.objects.filter(insight=world.insight).exists()
    assert BoardAction.objects.get().undone is True


def test_undo_duplicates_restores_the_previous_marks(world, lead_client):
    first, second, third = add_notes(world, 3)
    aged(first, 30)
    aged(second, 20)
    Insight.objects.filter(pk=third.pk).update(duplicate_of=second)
    third.refresh_from_db()
    services.board_mark_duplicates(
        workshop=world.workshop, insights=[first, second, third], user=None
    )
    assert Insight.objects.get(pk=third.pk).duplicate_of_id == first.pk

    lead_client.post(url(world, "board.undo"))

    assert dict(
        Insight.objects.filter(pk__in=[first.pk, second.pk, third.pk]).values_list(
            "pk", "duplicate_of_id"
        )
    ) == {first.pk: None, second.pk: None, third.pk: second.pk}


def test_undo_goes_back_one_action_at_a_time(world, lead_client):
    second_theme = ThemeFactory(process=world.process)
    services.board_assign(
        workshop=world.workshop, insights=[world.insight], theme=world.theme, user=None
    )
    services.board_assign(
        workshop=world.workshop, insights=[world.insight], theme=second_theme, user=None
    )

    lead_client.post(url(world, "board.undo"))
    after_one = set(InsightTheme.objects.values_list("theme_id", flat=True))
    lead_client.post(url(world, "board.undo"))
    after_two = set(InsightTheme.objects.values_list("theme_id", flat=True))

    assert after_one == {world.theme.pk}
    assert after_two == set()
    assert list(BoardAction.objects.values_list("undone", flat=True)) == [True, True]


def test_undo_only_touches_this_workshops_actions(world, lead_client):
    other_workshop = WorkshopFactory(process=world.process)
    other_note = InsightFactory(workshop=other_workshop)
    services.board_assign(
        workshop=other_workshop, insights=[other_note], theme=world.theme, user=None
    )

    response = lead_client.post(url(world, "board.undo"))

    assert response.status_code == 302
    assert InsightTheme.objects.filter(insight=other_note).count() == 1
    assert BoardAction.objects.get().undone is False


def test_undo_with_htmx_answers_the_partials(world, lead_client):
    services.board_assign(
        workshop=world.workshop, insights=[world.insight], theme=world.theme, user=None
    )

    response = lead_client.post(url(world, "board.undo"), **HTMX)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="board-notes"')
    assert f'data-theme="{world.theme.pk}"' not in html
    assert 'id="last-action"' not in html  # nothing left to undo


def test_undo_is_forbidden_to_viewers(world):
    services.board_assign(
        workshop=world.workshop, insights=[world.insight], theme=world.theme, user=None
    )

    response = world.client_for("viewer").post(url(world, "board.undo"))

    assert response.status_code == 403
    assert BoardAction.objects.get().undone is False


def test_undo_after_a_selected_note_was_deleted_undoes_the_rest(world, lead_client):
    first, second, third = add_notes(world, 3)
    aged(first, 30)
    services.board_mark_duplicates(
        workshop=world.workshop, insights=[first, second, third], user=None
    )
    second.delete()

    response = lead_client.post(url(world, "board.undo"))

    assert response.status_code == 302
    assert Insight.objects.get(pk=third.pk).duplicate_of_id is None
    assert BoardAction.objects.get().undone is True


def test_ids_of_1000_and_more_are_not_written_with_a_thousands_separator(world, lead_client):
    note = InsightFactory(workshop=world.workshop, id=12345)
    theme = ThemeFactory(process=world.process, id=23456)
    InsightTheme.objects.create(insight=note, theme=theme)

    html = lead_client.get(url(world, "board.detail")).content.decode()

    assert 'value="12345"' in html
    assert 'id="note-select-12345"' in html
    assert 'data-theme="23456"' in html
    assert '<option value="23456"' in html
    assert "12.345" not in html
    assert "23.456" not in html
