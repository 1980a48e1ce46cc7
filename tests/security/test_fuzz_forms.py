"""Hypothesis fuzzing of every form endpoint and the phone's endpoints (ballot, notes, join).

The POST endpoints come from the role matrix (each app's tests/<app>/matrix_cases.py, whose
completeness against the URL resolver test_permission_matrix.py checks): each is posted
random and hostile values (very long text, control characters, HTML and SQL fragments, wrong
types, huge numbers) in its fields and in extra ones, as a member whose role may use it. No
answer may be a server error, an answer of 400 (or any refusal) must leave every table as it
was, and a row an accepted post adds must pass its model's validation.
"""

import pytest
from django.apps import apps
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ThemeFactory, VotingRoundFactory
from tests.test_permission_matrix import CASES
from tests.workshops.matrix_voting import _round_data
from workshops.permissions import SESSION_KEY

OUR_APPS = {"accounts", "strategy", "workshops", "actionplan", "reporting", "api"}
POST_CASES = [case for case in CASES if case.method == "post"]
FUZZ = settings(
    max_examples=3,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

FRAGMENTS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }}{% debug %}",
    "' OR '1'='1' --",
    "1; DROP TABLE strategy_strategyprocess; --",
    "\x00",
    "a\x00b",
    "\x1b[31m\x07\x08",
    "\r\n\r\nSet-Cookie: x=y",
    "\u202e\ufeff\u200b",
    "😀" * 50,
    "../../../../etc/passwd",
    "-1",
    "0",
    "1e309",
    "NaN",
    "-Infinity",
    "99999999999999999999999999999999",
    "-99999999999999999999999999999999",
    "2026-13-45",
    "31.02.2026",
    "true",
    "[]",
    "{}",
    "null",
    "",
    " ",
]
HOSTILE = st.one_of(
    st.sampled_from(FRAGMENTS),
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=20),  # control characters
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    st.floats().map(str),
    st.builds(lambda n: "x" * n, st.sampled_from([201, 2001, 100_000])),
    st.lists(st.sampled_from(FRAGMENTS), min_size=2, max_size=3),  # a field sent twice
)


def payload(valid: dict, case_name: str = ""):
    """Each field valid or hostile, plus maybe an unknown field."""
    fields = {
        key: st.one_of(
            st.just(value),
            HOSTILE,
        )
        for key, value in valid.items()
    }
    extra = st.dictionaries(st.sampled_from(["id", "pk", "process", "status", "x"]), HOSTILE)
    return st.tuples(st.fixed_dictionaries(fields), extra).map(lambda pair: pair[1] | pair[0])


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in OUR_APPS
    }


def assert_safe(response, before: dict) -> None:
    assert response.status_code < 500
    after = row_counts()
    if response.status_code >= 400:
        assert after == before, response.status_code
        return
    for label, count in after.items():
        model = apps.get_model(label)
        if count > before[label] and not model.__name__.startswith("Historical"):
            newest = model._default_manager.order_by("-pk").first()
            newest.full_clean()


def persona_for(case) -> str:
    return next(p for p in ("lead", "steering", "contributor") if case.allowed[p] == "ok")


@pytest.mark.parametrize("case", POST_CASES, ids=lambda case: case.name)
def test_form_endpoints_survive_hostile_input(world, case):
    cache.clear()
    url = reverse(case.name, kwargs=case.kwargs(world))
    client = world.client_for(persona_for(case))
    valid = {key: value for key, value in case.data(world).items() if value is not None}

    @FUZZ
    @given(data=payload(valid, case.name), htmx=st.booleans())
    def run(data, htmx):
        before = row_counts()
        headers = {"HX-Request": "true"} if htmx else {}
        response = client.post(url, data, headers=headers)
        assert_safe(response, before)

    run()


def test_a_round_option_id_beyond_64_bits_is_a_form_error(world):
    data = _round_data(world) | {"options": [str(10**40)]}
    url = reverse("workshops:round.create", kwargs={"slug": world.process.slug})

    response = world.client_for("lead").post(url, data)

    assert response.status_code == 400
    assert response.context["form"].errors["options"]


# --- The phone: ballot, notes, join ---------------------------------------------------------


def phone(participant) -> Client:
    client = Client()
    session = client.session
    session[SESSION_KEY] = participant.pk
    session.save()
    return client


def test_ballot_survives_hostile_input(world):
    themes = [ThemeFactory(process=world.process) for _n in range(3)]
    voting_round = VotingRoundFactory(
        process=world.process, themes=themes, workshop=world.workshop, randomise_order=False
    )
    valid = {f"option-{theme.pk}": "1" for theme in themes}
    url = reverse("workshops:phone.round", kwargs={"pk": voting_round.pk})
    client = phone(world.participant)

    @FUZZ
    @given(data=payload(valid), htmx=st.booleans())
    def run(data, htmx):
        before = row_counts()
        headers = {"HX-Request": "true"} if htmx else {}
        response = client.post(url, data, headers=headers)
        assert_safe(response, before)

    run()


def test_note_endpoints_survive_hostile_input(world):
    client = phone(world.participant)
    add = reverse("workshops:phone.workshop", kwargs={"pk": world.workshop.pk})
    client.post(add, {"kind": "idea", "text": "Min egen note"})
    note = world.workshop.insights.filter(participant=world.participant).get()
    edit = reverse("workshops:phone.note_edit", kwargs={"pk": note.pk})

    @FUZZ
    @given(data=payload({"kind": "idea", "text": "Tekst"}), which=st.sampled_from([add, edit]))
    def run(data, which):
        before = row_counts()
        assert_safe(client.post(which, data), before)

    run()


def test_join_survives_hostile_input(world):
    valid = {"code": world.workshop.join_code, "group": "medarbejder"}

    @FUZZ
    @given(data=payload(valid))
    def run(data):
        cache.clear()
        before = row_counts()
        assert_safe(Client().post(reverse("workshops:join"), data), before)

    run()


# --- The account forms (public or own account: outside the role matrix) ----------------------


def test_account_forms_survive_hostile_input(world):
    lead = world.users["lead"]
    forms = [
        (Client(), reverse("accounts:login"), {"username": lead.email, "password": "x"}),
        (Client(), reverse("accounts:password_reset"), {"email": lead.email}),
        (Client(), reverse("set_language"), {"language": "en", "next": "/"}),
        (
            world.client_for("lead"),
            reverse("accounts:password_change"),
            {"old_password": "x", "new_password1": "y", "new_password2": "y"},
        ),
        (world.client_for("lead"), reverse("accounts:otp_enrol"), {"code": "123456"}),
    ]

    @FUZZ
    @given(data=st.data())
    def run(data):
        cache.clear()
        client, url, valid = data.draw(st.sampled_from(forms))
        before = row_counts()
        assert_safe(client.post(url, data.draw(payload(valid))), before)

    run()


def test_two_factor_code_step_survives_hostile_input(world):
    lead = world.users["lead"]
    TOTPDevice.objects.create(user=lead, name="app", confirmed=True)
    client = Client()
    client.post(reverse("accounts:login"), {"username": lead.email, "password": "pw-Strategi-2026"})

    @FUZZ
    @given(data=payload({"code": "123456"}))
    def run(data):
        before = row_counts()
        response = client.post(reverse("accounts:otp_verify"), data)
        assert response.status_code in (302, 400)
        assert "_auth_user_id" not in client.session
        assert_safe(response, before)

    run()
