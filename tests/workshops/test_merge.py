"""Merging a theme into one or more others: evidence is never lost, each merge is recorded."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from strategy.enums import ThemeStatus
from strategy.models import StrategicTheme, ThemeMerge
from tests.factories import InsightFactory, ThemeFactory
from workshops.models import InsightTheme
from workshops.services.board import theme_merge


def url(world, name, **kwargs):
    return reverse(f"workshops:{name}", kwargs={"slug": world.process.slug, **kwargs})


@pytest.fixture
def merge_case(world):
    """A source theme with three insights (one already tagged with the second target) and two
    targets."""
    source = ThemeFactory(process=world.process, title="Data og viden til kvalitetsudvikling")
    # priorities 1 and 2: the list (and so "the first target chosen") shows them in this order
    first = ThemeFactory(process=world.process, title="Mere tid til børnene", priority_rank=1)
    second = ThemeFactory(
        process=world.process, title="Digitale kompetencer og ledelse", priority_rank=2
    )
    insights = [InsightFactory(workshop=world.workshop) for _ in range(3)]
    for insight in insights:
        InsightTheme.objects.create(insight=insight, theme=source)
    InsightTheme.objects.create(insight=insights[2], theme=second)
    return source, first, second, insights


def tags(theme) -> dict[int, int | None]:
    """insight id -> via_merge id of a theme's tags."""
    return dict(InsightTheme.objects.filter(theme=theme).values_list("insight_id", "via_merge_id"))


def test_theme_merge_splits_evidence_between_targets_and_records_it(world, merge_case):
    source, first, second, insights = merge_case
    user = world.users["lead"]

    merges = theme_merge(
        source=source,
        targets=[first, second],
        assignments={insights[1].pk: second, insights[2]: second.pk},
        user=user,
        note="Styregruppen, møde 3",
    )

    by_target = {m.target_id: m for m in merges}
    assert set(by_target) == {first.pk, second.pk}
    assert {(m.note, m.merged_by_id) for m in merges} == {("Styregruppen, møde 3", user.pk)}
    # the unassigned insight goes to the first target; the one already tagged keeps its tag
    assert tags(first) == {insights[0].pk: by_target[first.pk].pk}
    assert tags(second) == {insights[1].pk: by_target[second.pk].pk, insights[2].pk: None}
    # the source keeps its own tags: no evidence is lost
    assert set(tags(source)) == {i.pk for i in insights}
    source.refresh_from_db()
    assert source.status == ThemeStatus.MERGED


def test_theme_merge_into_one_target_by_default(world, merge_case):
    source, first, _second, insights = merge_case

    theme_merge(source=source, targets=[first], assignments={}, user=None)

    assert set(tags(first)) == {i.pk for i in insights}
    assert ThemeMerge.objects.filter(source=source).count() == 1


@pytest.mark.parametrize(
    "problem",
    [
        "no targets",
        "into itself",
        "foreign target",
        "merged target",
        "target twice",
        "assigned to a non-target",
        "foreign insight",
        "source already merged",
    ],
)
def test_theme_merge_refuses_bad_input_and_changes_nothing(world, merge_case, problem):
    source, first, second, insights = merge_case
    targets, assignments = [first], {}
    if problem == "no targets":
        targets = []
    elif problem == "into itself":
        targets = [first, source]
    elif problem == "foreign target":
        targets = [world.other["theme"]]
    elif problem == "merged target":
        targets = [ThemeFactory(process=world.process, status=ThemeStatus.MERGED)]
    elif problem == "target twice":
        targets = [first, first]
    elif problem == "assigned to a non-target":
        assignments = {insights[0].pk: second}
    elif problem == "foreign insight":
        assignments = {world.insight.pk: first}
    elif problem == "source already merged":
        StrategicTheme.objects.filter(pk=source.pk).update(status=ThemeStatus.MERGED)
    links_before = InsightTheme.objects.count()

    with pytest.raises(ValidationError):
        theme_merge(source=source, targets=targets, assignments=assignments, user=None)

    assert ThemeMerge.objects.count() == 0
    assert InsightTheme.objects.count() == links_before
    source.refresh_from_db()
    expected = ThemeStatus.MERGED if problem == "source already merged" else ThemeStatus.CANDIDATE
    assert source.status == expected


# --- The merge screen -----------------------------------------------------------------------------


def test_merge_form_offers_other_open_themes_and_a_select_per_insight(
    world, merge_case, lead_client
):
    source, first, second, insights = merge_case
    ThemeFactory(process=world.process, status=ThemeStatus.MERGED)

    response = lead_client.get(url(world, "theme.merge", pk=source.pk))

    form = response.context["form"]
    assert response.status_code == 200
    assert {t.pk for t in form.fields["targets"].queryset} == {world.theme.pk, first.pk, second.pk}
    assert [insight.pk for insight, _field in form.insight_fields()] == [i.pk for i in insights]
    html = response.content.decode()
    for insight in insights:
        assert f'name="insight_{insight.pk}"' in html


def test_merge_post_merges_and_goes_to_the_merged_theme(world, merge_case, lead_client):
    source, first, second, insights = merge_case

    response = lead_client.post(
        url(world, "theme.merge", pk=source.pk),
        {
            "targets": [first.pk, second.pk],
            f"insight_{insights[0].pk}": str(second.pk),
            f"insight_{insights[1].pk}": "",
            "note": "Besluttet på SG3",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == url(world, "theme.detail", pk=source.pk)
    # insights[1] (empty choice) and insights[2] (no choice sent) go to the first target;
    # insights[2] keeps the tag to the second target that it had before
    assert set(tags(first)) == {insights[1].pk, insights[2].pk}
    assert set(tags(second)) == {insights[0].pk, insights[2].pk}
    source.refresh_from_db()
    assert source.status == ThemeStatus.MERGED
    page = lead_client.get(url(world, "theme.detail", pk=source.pk)).content.decode()
    assert f'data-merged-into="{first.pk}"' in page
    assert f'data-merged-into="{second.pk}"' in page
    target_page = lead_client.get(url(world, "theme.detail", pk=second.pk)).content.decode()
    assert f'data-merged-from="{source.pk}"' in target_page
    assert f'data-via-merge="{source.pk}"' in target_page


@pytest.mark.parametrize(
    ("problem", "field"),
    [
        ("empty targets", "targets"),
        ("foreign theme", "targets"),
        ("target is source", "targets"),
        ("not a number", "targets"),
        ("assignment outside targets", "insight"),
        ("note too long", "note"),
    ],
)
def test_merge_post_with_bad_input_answers_400_and_changes_nothing(
    world, merge_case, lead_client, problem, field
):
    source, first, second, insights = merge_case
    data = {"targets": [first.pk]}
    if problem == "empty targets":
        data = {}
    elif problem == "foreign theme":
        data = {"targets": [world.other["theme"].pk]}
    elif problem == "target is source":
        data = {"targets": [source.pk]}
    elif problem == "not a number":
        data = {"targets": ["x"]}
    elif problem == "assignment outside targets":
        data[f"insight_{insights[0].pk}"] = str(second.pk)
    elif problem == "note too long":
        data["note"] = "x" * 501
    links_before = InsightTheme.objects.count()

    response = lead_client.post(url(world, "theme.merge", pk=source.pk), data)

    assert response.status_code == 400
    errors = response.context["form"].errors
    expected_field = f"insight_{insights[0].pk}" if field == "insight" else field
    assert list(errors) == [expected_field]
    assert ThemeMerge.objects.count() == 0
    assert InsightTheme.objects.count() == links_before
    source.refresh_from_db()
    assert source.status == ThemeStatus.CANDIDATE


def test_merging_a_merged_theme_again_is_refused(world, merge_case, lead_client):
    source, first, _second, _insights = merge_case
    theme_merge(source=source, targets=[first], assignments={}, user=None)

    response = lead_client.post(url(world, "theme.merge", pk=source.pk), {"targets": [first.pk]})

    assert response.status_code == 400
    assert 'id="already-merged"' in response.content.decode()
    assert ThemeMerge.objects.count() == 1


def test_merge_is_forbidden_to_the_steering_group(world, merge_case):
    source, first, _second, _insights = merge_case

    response = world.client_for("steering").post(
        url(world, "theme.merge", pk=source.pk), {"targets": [first.pk]}
    )

    assert response.status_code == 403
    assert ThemeMerge.objects.count() == 0


def test_merged_themes_are_not_offered_for_new_evidence(world, merge_case, lead_client):
    source, first, _second, _insights = merge_case
    theme_merge(source=source, targets=[first], assignments={}, user=None)

    board = lead_client.get(
        reverse(
            "workshops:board.detail", kwargs={"slug": world.process.slug, "pk": world.workshop.pk}
        )
    )

    assert source.pk not in {t.pk for t in board.context["assign_form"].fields["theme"].queryset}
