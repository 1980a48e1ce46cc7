"""Issue 4's journey: the facilitator opens a voting round; three phones (390 px) vote through
their personal links, one of them twice (the second ballot replaces the first); the projector
shows 3 of 3; the facilitator enters two paper ballots and closes the round; a late vote gets
409 and the closed message; the results page shows the frozen totals and the group breakdown.
axe runs on every page: the phone ballot, the projector and the results among them.

Assertions are on element ids, data attributes, status codes and database rows, not on UI words
(their Danish translations come later)."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from strategy.demo import THEMES
from strategy.models import StrategicTheme, StrategyProcess
from tests.browser.conftest import new_context
from tests.browser.helpers import PROCESS_URL, assert_accessible
from workshops.enums import (
    BallotSource,
    ResultsVisibility,
    RoundStatus,
    StakeholderGroup,
    VotingMethod,
    VotingMode,
)
from workshops.models import Ballot, Participant, VotingRound
from workshops.services.evidence import workshop_create
from workshops.services.participants import participant_issue_link
from workshops.services.voting import round_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def assert_fits_phone(phone) -> None:
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{phone.url} is {width} px wide on a 390 px phone"


def fill_points(page, form: str, points: dict[int, int], options: list[int]) -> None:
    """Type the points of a ballot (blank for none) into the inputs of `form`."""
    for theme_id in options:
        value = points.get(theme_id)
        page.locator(f"{form} input[name=option-{theme_id}]").fill(
            "" if value is None else str(value)
        )


def test_round_from_opening_to_results(browser, live_server, lead_page, console):
    process = StrategyProcess.objects.get(slug="digitalisering-0-6")
    themes = [StrategicTheme.objects.get(process=process, title=THEMES[n][0]) for n in (1, 2, 3, 4)]
    t1, t2, t3, t4 = (theme.pk for theme in themes)
    options = [t1, t2, t3, t4]
    workshop = workshop_create(
        process=process,
        data={"title": "Prioriteringsworkshop", "date": datetime.date(2026, 4, 8)},
    )
    voting_round = round_create(
        process=process,
        data={
            "title": "Prioritering af temaerne",
            "question": "Fordel 5 point på de temaer, der er vigtigst for dig.",
            "workshop": workshop,
            "method": VotingMethod.POINTS,
            "rules": {"budget": 5, "budget_exact": True},
            "eligible_groups": [StakeholderGroup.MEDARBEJDER, StakeholderGroup.LEDER],
            "mode": VotingMode.REGISTERED,
            "results_visibility": ResultsVisibility.AFTER_CLOSE,
        },
        themes=themes,
    )
    voters = [
        Participant.objects.create(process=process, name=name, group=StakeholderGroup.MEDARBEJDER)
        for name in ("Sara Nielsen", "Ahmad Rahimi", "Louise Krogh")
    ]
    tokens = [participant_issue_link(participant=voter) for voter in voters]
    round_url = f"{PROCESS_URL}runder/{voting_round.pk}/"
    ballot_url = f"/deltager/runder/{voting_round.pk}/"
    facilitator = lead_page

    # The facilitator opens the round on its page (a draft made with the services).
    facilitator.goto(round_url)
    expect(facilitator.locator("#round-status")).to_have_attribute("data-status", "draft")
    assert_accessible(facilitator)
    with facilitator.expect_navigation():
        facilitator.locator("#round-open").click()
    expect(facilitator.locator("#round-status")).to_have_attribute("data-status", "open")
    voting_round.refresh_from_db()
    assert voting_round.status == RoundStatus.OPEN

    # The projector (another tab of the facilitator) shows nobody has voted yet, of three.
    projector = facilitator.context.new_page()
    console.watch(projector)
    projector.goto(f"{round_url}projektor/")
    count = projector.locator("#vote-count")
    expect(count).to_have_attribute("data-voted", "0")
    expect(count).to_have_attribute("data-eligible", "3")
    expect(projector.locator("#results-hidden")).to_be_visible()
    assert_accessible(projector)

    phones = [new_context(browser, live_server, **PHONE) for _ in voters]
    try:
        pages = []
        for context, token in zip(phones, tokens, strict=True):
            phone = context.new_page()
            console.watch(phone)
            phone.goto(f"/v/{token}/")
            expect(phone).to_have_url(re.compile(r"/deltager/$"))
            phone.locator(f"#round-{voting_round.pk} a").click()
            expect(phone).to_have_url(re.compile(rf"{ballot_url}$"))
            pages.append(phone)
        first, second, third = pages
        assert_accessible(first)
        assert_fits_phone(first)

        # Each phone sends its ballot (through htmx: the ballot panel is swapped in place,
        # saying that the vote is counted, with the ballot ready to be changed).
        for phone, points in ((first, {t1: 3, t2: 2}), (second, {t3: 5}), (third, {t2: 5})):
            fill_points(phone, "#ballot-form", points, options)
            with phone.expect_response(
                lambda response: response.request.method == "POST" and ballot_url in response.url
            ) as sent:
                phone.locator("#ballot-submit").click()
            assert sent.value.status == 200
            # The quick path answered: only the confirmation, swapped in above the ballot.
            assert sent.value.headers.get("hx-retarget") == "#ballot-status"
            expect(phone.locator("#vote-counted")).to_be_visible()
            expect(phone.locator("#ballot-submit")).to_have_text("Ændr din stemme")
            # Disabled while the ballot was on its way, and usable again for a change.
            expect(phone.locator("#ballot-submit")).to_be_enabled()
            # The message has the focus, so a screen reader reads it.
            expect(phone.locator("#vote-counted")).to_be_focused()
            expect(phone.locator("#ballot-form")).to_be_visible()
            expect(phone).to_have_url(re.compile(rf"{ballot_url}$"))
        assert_accessible(second)
        assert_fits_phone(second)

        # The second phone votes again: its ballot changes, the count stays 3.
        expect(second.locator(f"#ballot-form input[name=option-{t3}]")).to_have_value("5")
        fill_points(second, "#ballot-form", {t1: 1, t4: 4}, options)
        second.locator("#ballot-submit").click()
        expect(second.locator("#vote-changed")).to_be_visible()
        # After a reload the page says the vote can still be changed.
        second.reload()
        expect(second.locator("#vote-current")).to_be_visible()
        ballots = Ballot.objects.filter(round=voting_round)
        assert ballots.count() == 3
        assert dict(ballots.values_list("participant__name", "values")) == {
            "Sara Nielsen": {str(t1): 3, str(t2): 2},
            "Ahmad Rahimi": {str(t1): 1, str(t4): 4},
            "Louise Krogh": {str(t2): 5},
        }

        # The projector shows 3 of 3 without a reload (htmx polls its panel).
        expect(count).to_have_attribute("data-voted", "3", timeout=8000)
        expect(count).to_have_attribute("data-eligible", "3")
        expect(count).to_contain_text("3")

        # Two ballots collected on paper, entered by the facilitator.
        facilitator.goto(f"{round_url}papir/")
        assert_accessible(facilitator)
        for points in ({t1: 5}, {t3: 3, t4: 2}):
            facilitator.locator("#paper-form select[name=group]").select_option(
                StakeholderGroup.MEDARBEJDER
            )
            fill_points(facilitator, "#paper-form", points, options)
            with facilitator.expect_navigation():
                facilitator.locator("#paper-form button[type=submit]").click()
        expect(facilitator.locator("#paper-count")).to_have_attribute("data-count", "2")

        # The facilitator closes the round (and confirms the browser's question).
        facilitator.goto(round_url)
        facilitator.once("dialog", lambda dialog: dialog.accept())
        with facilitator.expect_navigation():
            facilitator.locator("#round-close").click()
        expect(facilitator.locator("#round-status")).to_have_attribute("data-status", "closed")
        voting_round.refresh_from_db()
        assert voting_round.status == RoundStatus.CLOSED
        assert voting_round.frozen_result["ballot_count"] == 5

        # A late vote from the third phone, whose ballot is still on its screen: 409 and the
        # closed message; nothing changes.
        with third.expect_response(
            lambda response: response.request.method == "POST" and ballot_url in response.url
        ) as late:
            third.locator("#ballot-submit").click()
        assert late.value.status == 409
        expect(third.locator("#round-closed")).to_be_visible()
        assert_accessible(third)
        assert Ballot.objects.filter(round=voting_round).count() == 5
        # The browser reports the 409 document as a failed resource; that one is expected.
        console.entries = [
            (text, url)
            for text, url in console.entries
            if not ("409" in text and url.endswith(ballot_url))
        ]
    finally:
        for context in phones:
            context.close()

    # The projector shows the round closed with its final result.
    expect(projector.locator("#projector-panel")).to_have_attribute(
        "data-status", "closed", timeout=8000
    )
    expect(projector.locator("#round-closed")).to_be_visible()
    expect(count).to_have_attribute("data-voted", "5")
    assert_accessible(projector)

    # The results page: frozen totals, sources, ranks, and the breakdown per group.
    facilitator.locator("#results-link").click()
    expect(facilitator).to_have_url(re.compile(rf"{round_url}resultat/$"))
    expect(facilitator.locator("#ballot-count")).to_have_attribute("data-count", "5")
    expect(facilitator.locator("#total-score")).to_have_attribute("data-total", "25")
    expect(facilitator.locator(f"#sources td[data-source={BallotSource.PHONE}]")).to_have_text("3")
    expect(facilitator.locator(f"#sources td[data-source={BallotSource.PAPER}]")).to_have_text("2")
    rows = facilitator.locator("#scores tbody tr")
    expect(rows).to_have_count(4)
    assert [
        (
            row.get_attribute("data-option"),
            row.get_attribute("data-rank"),
            row.get_attribute("data-score"),
        )
        for row in rows.all()
    ] == [(str(t1), "1", "9"), (str(t2), "2", "7"), (str(t4), "3", "6"), (str(t3), "4", "3")]
    staff = facilitator.locator(f"#group-{StakeholderGroup.MEDARBEJDER}")
    expect(staff).to_have_attribute("data-shown", "true")
    expect(staff.locator("tbody tr")).to_have_count(4)
    expect(staff.locator(f"tbody tr[data-option='{t1}']")).to_have_attribute("data-score", "9")
    managers = facilitator.locator(f"#group-{StakeholderGroup.LEDER}")
    expect(managers).to_have_attribute("data-shown", "false")
    expect(managers.locator(".group-hidden")).to_have_attribute("data-reason", "small")
    assert_accessible(facilitator)

    assert console.csp_violations() == []
    assert console.errors == []
    assert VotingRound.objects.get(pk=voting_round.pk).frozen_result["total_score"] == 25
