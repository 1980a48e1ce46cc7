"""The phone's ballot sent through htmx: one request answers with the ballot panel (no redirect,
no second page load), with the same status codes as the plain form post, and the X-Swap-Refusal
header that lets static/js/app.js swap a refusal in."""

from django.utils.translation import gettext

from tests.workshops.test_ballot_phone import make_round, phone_for, url
from workshops.enums import StakeholderGroup
from workshops.models import Ballot, Participation, SecretBallot
from workshops.services.voting import round_close

HX = {"HTTP_HX_REQUEST": "true"}


def test_a_ballot_through_htmx_is_counted_and_answered_with_the_panel(world):
    voting_round, (a, b) = make_round(world)
    phone = phone_for(world.participant)

    response = phone.post(url(voting_round), {f"option-{a}": "3", f"option-{b}": "2"}, **HX)

    html = response.content.decode()
    assert response.status_code == 200
    assert response["X-Swap-Refusal"] == "1"
    assert html.lstrip().startswith('<div id="ballot-panel">')
    assert "<html" not in html
    assert 'id="vote-counted"' in html
    assert gettext("Thank you: your vote is counted.") in html
    assert 'id="vote-current"' not in html
    # The ballot as counted, ready to be changed.
    assert f'name="option-{a}" value="3"' in html
    assert f'name="option-{b}" value="2"' in html
    assert 'id="ballot-form"' in html and 'name="csrfmiddlewaretoken"' in html
    assert list(Ballot.objects.values_list("participant", "values")) == [
        (world.participant.pk, {a: 3, b: 2})
    ]
    # No confirmation is left waiting for the next page: the panel said it.
    page = phone.get(url(voting_round))
    assert 'id="vote-counted"' not in page.content.decode()
    assert list(page.context["messages"]) == []


def test_a_changed_ballot_through_htmx_says_changed(world):
    voting_round, (a, b) = make_round(world)
    phone = phone_for(world.participant)
    phone.post(url(voting_round), {f"option-{a}": "3", f"option-{b}": "2"}, **HX)

    response = phone.post(url(voting_round), {f"option-{a}": "0", f"option-{b}": "5"}, **HX)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="vote-changed"' in html and 'id="vote-counted"' not in html
    assert list(Ballot.objects.values_list("values", flat=True)) == [{b: 5}]


def test_an_invalid_ballot_through_htmx_is_400_with_the_panel_and_nothing_stored(world):
    voting_round, (a, b) = make_round(world)

    response = phone_for(world.participant).post(
        url(voting_round), {f"option-{a}": "4", f"option-{b}": "4"}, **HX
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert response["X-Swap-Refusal"] == "1"
    assert "<html" not in html
    assert 'id="ballot-errors"' in html
    assert f'name="option-{a}" value="4"' in html
    assert Ballot.objects.count() == 0


def test_a_late_ballot_through_htmx_is_409_with_the_closed_message(world):
    voting_round, (a, b) = make_round(world)
    phone = phone_for(world.participant)
    round_close(voting_round=voting_round)

    response = phone.post(url(voting_round), {f"option-{a}": "3", f"option-{b}": "2"}, **HX)

    html = response.content.decode()
    assert response.status_code == 409
    assert response["X-Swap-Refusal"] == "1"
    assert 'id="round-closed"' in html and 'id="ballot-form"' not in html
    assert Ballot.objects.count() == 0


def test_an_ineligible_voter_through_htmx_is_403_with_the_panel(world):
    voting_round, (a, _b) = make_round(world, eligible_groups=[StakeholderGroup.DAGPLEJE])

    response = phone_for(world.participant).post(url(voting_round), {f"option-{a}": "5"}, **HX)

    assert response.status_code == 403
    assert response["X-Swap-Refusal"] == "1"
    assert 'id="not-eligible"' in response.content.decode()
    assert Ballot.objects.count() == 0


def test_a_secret_ballot_through_htmx_is_final_and_the_panel_shows_no_form(world):
    voting_round, (a, b) = make_round(world, secret=True)
    phone = phone_for(world.participant)

    first = phone.post(url(voting_round), {f"option-{a}": "3", f"option-{b}": "2"}, **HX)
    second = phone.post(url(voting_round), {f"option-{a}": "5"}, **HX)

    assert first.status_code == 200
    assert 'id="vote-counted"' in first.content.decode()
    assert 'id="voted-final"' in first.content.decode()
    assert 'id="ballot-form"' not in first.content.decode()
    assert second.status_code == 400
    assert 'id="voted-final"' in second.content.decode()
    assert Participation.objects.filter(round=voting_round).count() == 1
    assert list(SecretBallot.objects.values_list("values", flat=True)) == [{a: 3, b: 2}]


def test_the_send_button_is_disabled_while_a_ballot_is_on_its_way(world):
    """A second tap while the first ballot is sent does not send it again (the database would
    keep one ballot anyway): htmx disables the button until the answer is in."""
    voting_round, _keys = make_round(world)

    html = phone_for(world.participant).get(url(voting_round)).content.decode()

    assert 'hx-disabled-elt="#ballot-submit"' in html
    assert 'id="ballot-submit"' in html
