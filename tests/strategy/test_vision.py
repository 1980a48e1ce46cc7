"""The vision: revisions that are never changed, and the side-by-side comparison."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from strategy import selectors, services
from strategy.enums import Role
from strategy.models import VisionRevision
from tests.factories import MembershipFactory, ProcessFactory, VisionRevisionFactory


def url(name, process, **params):
    address = reverse(name, kwargs={"slug": process.slug})
    if params:
        address += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return address


def numbers(process) -> list[int]:
    return list(
        VisionRevision.objects.filter(process=process)
        .order_by("number")
        .values_list("number", flat=True)
    )


# --- Service ------------------------------------------------------------------------------------


def test_vision_revise_gives_the_next_number_and_keeps_earlier_revisions(world):
    first_text = world.vision.text
    author = world.users["contributor"]

    second = services.vision_revise(
        process=world.process,
        text="  Mere tid til børnene.  ",
        principles="  Enkelt \n\n Sikkert\n",
        note="Kortere",
        author=author,
    )
    third = services.vision_revise(
        process=world.process,
        text="Mere tid til børnene.",
        principles="Enkelt",
        note="",
        author=None,
    )

    assert (second.number, third.number) == (2, 3)
    assert numbers(world.process) == [1, 2, 3]
    second.refresh_from_db()
    assert (second.text, second.principles, second.note, second.author) == (
        "Mere tid til børnene.",
        "Enkelt\nSikkert",
        "Kortere",
        author,
    )
    assert second.principle_list == ["Enkelt", "Sikkert"]
    world.vision.refresh_from_db()
    assert world.vision.text == first_text


def test_vision_revise_numbers_are_per_process(world):
    revision = services.vision_revise(
        process=world.other_process, text="Ny", principles="", note="", author=None
    )

    assert revision.number == 2  # the other process has its own revision 1
    assert numbers(world.process) == [1]


def test_first_revision_of_a_process_is_number_1(db):
    process = ProcessFactory()

    revision = services.vision_revise(
        process=process, text="Vision", principles="", note="", author=None
    )

    assert revision.number == 1


def test_vision_revise_refuses_a_revision_identical_to_the_latest(world):
    latest = world.vision  # "Digitale værktøjer giver mere tid til børnene.", "Enkelt\nSikkert"

    with pytest.raises(ValidationError):
        services.vision_revise(
            process=world.process,
            text=f" {latest.text} ",
            principles="Enkelt\n\nSikkert  ",
            note="Kun en ny note",
            author=None,
        )

    assert numbers(world.process) == [1]


def test_vision_revise_refuses_text_over_the_limit(world):
    with pytest.raises(ValidationError) as exc:
        services.vision_revise(
            process=world.process, text="x" * 1501, principles="", note="", author=None
        )

    assert set(exc.value.error_dict) == {"text"}
    assert numbers(world.process) == [1]


# --- Word diff ----------------------------------------------------------------------------------


def test_word_diff_marks_deleted_and_inserted_words():
    old, new = selectors.word_diff(
        "Digitale værktøjer giver mere tid til børnene.",
        "Gode digitale værktøjer giver mere tid til leg og læring.",
    )

    assert old == "<del>Digitale</del> værktøjer giver mere tid til <del>børnene.</del>"
    assert new == (
        "<ins>Gode digitale</ins> værktøjer giver mere tid til <ins>leg og læring.</ins>"
    )


def test_word_diff_keeps_line_breaks_of_the_principles():
    old, new = selectors.word_diff("Enkelt\nSikkert", "Enkelt\nSikkert og trygt\nFælles")

    assert old == "Enkelt<br>Sikkert"
    assert new == "Enkelt<br>Sikkert <ins>og trygt<br>Fælles</ins>"


def test_word_diff_escapes_html_in_the_text():
    old, new = selectors.word_diff("Tid <b>til</b> børn", 'Tid <script>alert("x")</script> børn')

    assert old == "Tid <del>&lt;b&gt;til&lt;/b&gt;</del> børn"
    assert new == "Tid <ins>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</ins> børn"


def test_word_diff_of_equal_texts_has_no_marks():
    assert selectors.word_diff("a  b\tc", "a b c") == ("a b c", "a b c")


# --- Pages --------------------------------------------------------------------------------------


def test_vision_detail_shows_the_latest_revision_and_all_revisions(world):
    VisionRevisionFactory(
        process=world.process, number=2, text="Den nye vision.", principles="Ét\nTo\nTre"
    )

    response = world.client_for("viewer").get(url("strategy:vision.detail", world.process))

    assert response.status_code == 200
    assert response.context["current"].number == 2
    assert [r.number for r in response.context["revisions"]] == [2, 1]
    assert [r.previous_number for r in response.context["revisions"]] == [1, None]
    html = response.content.decode()
    assert '<ul id="vision-principles"><li>Ét</li><li>To</li><li>Tre</li></ul>' in html
    assert 'id="revision-1"' in html
    assert f"{url('strategy:vision.compare', world.process)}?a=1&amp;b=2" in html
    assert 'id="vision-edit"' not in html  # a viewer cannot write a revision


def test_vision_detail_shows_html_in_the_vision_as_text(world):
    VisionRevisionFactory(
        process=world.process,
        number=2,
        text="<script>alert(1)</script> tid",
        principles="<b>fed</b>",
        note="<i>note</i>",
    )

    response = world.client_for("viewer").get(url("strategy:vision.detail", world.process))

    html = response.content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; tid" in html
    assert "<li>&lt;b&gt;fed&lt;/b&gt;</li>" in html
    assert "&lt;i&gt;note&lt;/i&gt;" in html
    assert "<script>alert(1)" not in html
    assert "<b>fed</b>" not in html


def test_vision_pages_without_revisions_show_an_empty_state(db):
    process = ProcessFactory()
    membership = MembershipFactory(process=process, role=Role.LEAD)
    client = Client()
    client.force_login(membership.user)

    detail = client.get(url("strategy:vision.detail", process))
    compare = client.get(url("strategy:vision.compare", process, a=1, b=2))

    assert detail.status_code == 200
    assert detail.context["current"] is None
    assert 'id="vision-empty"' in detail.content.decode()
    assert 'id="vision-edit"' in detail.content.decode()
    assert compare.status_code == 200
    assert compare.context["comparison"] is None
    assert 'id="vision-empty"' in compare.content.decode()


def test_vision_edit_creates_a_new_revision_by_the_user(world):
    client = world.client_for("contributor")
    form = client.get(url("strategy:vision.edit", world.process))

    response = client.post(
        url("strategy:vision.edit", world.process),
        {"text": "Mere tid til børnene.", "principles": "Enkelt\nSikkert", "note": "Kortere"},
    )

    assert form.status_code == 200
    assert form.context["form"].initial == {
        "text": world.vision.text,
        "principles": world.vision.principles,
    }
    assert response.status_code == 302
    assert response["Location"] == url("strategy:vision.detail", world.process)
    revision = VisionRevision.objects.get(process=world.process, number=2)
    assert (revision.text, revision.note, revision.author) == (
        "Mere tid til børnene.",
        "Kortere",
        world.users["contributor"],
    )


def test_vision_edit_refuses_an_unchanged_vision_with_400(world):
    response = world.client_for("lead").post(
        url("strategy:vision.edit", world.process),
        {"text": world.vision.text, "principles": world.vision.principles, "note": "x"},
    )

    assert response.status_code == 400
    assert len(response.context["form"].non_field_errors()) == 1
    assert numbers(world.process) == [1]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": "", "principles": "", "note": ""}, "text"),
        ({"text": "x" * 1501, "principles": "", "note": ""}, "text"),
        ({"text": "Vision", "principles": "x" * 3001, "note": ""}, "principles"),
        ({"text": "Vision", "principles": "", "note": "x" * 301}, "note"),
    ],
)
def test_vision_edit_with_invalid_input_shows_the_error_and_saves_nothing(world, data, field):
    response = world.client_for("lead").post(url("strategy:vision.edit", world.process), data)

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert numbers(world.process) == [1]


@pytest.mark.parametrize("persona", ["viewer", "steering"])
def test_vision_edit_is_forbidden_without_edit_permission(world, persona):
    response = world.client_for(persona).post(
        url("strategy:vision.edit", world.process),
        {"text": "Ny vision", "principles": "", "note": ""},
    )

    assert response.status_code == 403
    assert numbers(world.process) == [1]


def test_vision_compare_defaults_to_the_previous_and_the_latest_revision(world):
    VisionRevisionFactory(process=world.process, number=2, text="Gode digitale værktøjer.")
    VisionRevisionFactory(process=world.process, number=3, text="Gode digitale værktøjer til alle.")

    response = world.client_for("viewer").get(url("strategy:vision.compare", world.process))

    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert (comparison.old.number, comparison.new.number) == (2, 3)
    html = response.content.decode()
    assert '<p class="vision-diff" id="new-text">Gode digitale værktøjer <del>' not in html
    assert (
        '<p class="vision-diff" id="new-text">Gode digitale <ins>værktøjer til alle.</ins></p>'
        in html
    )
    assert '<p class="vision-diff" id="old-text">Gode digitale <del>værktøjer.</del></p>' in html


def test_vision_compare_any_two_revisions_escapes_user_html(world):
    VisionRevisionFactory(process=world.process, number=2, text="<em>Ny</em> vision")

    response = world.client_for("viewer").get(
        url("strategy:vision.compare", world.process, a=2, b=1)
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert '<p class="vision-diff" id="old-text"><del>&lt;em&gt;Ny&lt;/em&gt; vision</del>' in html
    assert "<em>Ny</em>" not in html


@pytest.mark.parametrize(
    ("params", "field"), [({"a": 1, "b": 99}, "b"), ({"a": "x", "b": 1}, "a"), ({"a": 0}, "a")]
)
def test_vision_compare_with_an_unknown_revision_shows_an_error(world, params, field):
    response = world.client_for("viewer").get(
        url("strategy:vision.compare", world.process, **params)
    )

    assert response.status_code == 400
    assert response.context["comparison"] is None
    assert list(response.context["form"].errors) == [field]


@pytest.mark.django_db(transaction=True)
def test_concurrent_revisions_get_unique_consecutive_numbers():
    """Eight people save at once: the lock on the process row gives each its own number."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (SQLite serialises writers itself); set DATABASE_URL")
    process = ProcessFactory()
    start = threading.Barrier(8)
    errors = []

    def save(n: int) -> None:
        try:
            start.wait()
            services.vision_revise(
                process=process, text=f"Vision {n}", principles="", note="", author=None
            )
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert numbers(process) == [1, 2, 3, 4, 5, 6, 7, 8]
