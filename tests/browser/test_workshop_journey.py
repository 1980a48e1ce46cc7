"""Issue 3's journey: a facilitator opens a workshop; three phones join (one by personal link,
two by join code) and add notes; the board shows them without a reload; the facilitator
clusters them into a new theme, whose page shows the evidence. axe runs on every page,
the phone pages at 390 px."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from strategy.models import StrategicTheme, StrategyProcess
from tests.browser.conftest import new_context
from tests.browser.helpers import PROCESS_URL, assert_accessible
from workshops.enums import StakeholderGroup, WorkshopStatus
from workshops.models import Insight, Participant
from workshops.services.evidence import workshop_create
from workshops.services.participants import participant_issue_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def add_note(phone, kind: str, text: str) -> None:
    phone.locator(f"#note-form input[name=kind][value={kind}]").check()
    phone.locator("#note-form textarea[name=text]").fill(text)
    phone.locator("#note-submit").click()  # htmx swaps the own-notes list in place
    expect(phone.locator(".own-note", has_text=text)).to_be_visible()


def assert_fits_phone(phone) -> None:
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{phone.url} is {width} px wide on a 390 px phone"


def test_workshop_from_phones_to_an_evidenced_theme(browser, live_server, lead_page, console):
    process = StrategyProcess.objects.get(slug="digitalisering-0-6")
    workshop = workshop_create(
        process=process,
        data={"title": "Workshop med medarbejdere", "date": datetime.date(2026, 3, 24)},
    )
    pia = Participant.objects.create(
        process=process, name="Pia Pædagog", group=StakeholderGroup.MEDARBEJDER
    )
    token = participant_issue_link(participant=pia)
    facilitator = lead_page

    # The facilitator opens the workshop and its board.
    facilitator.goto(f"{PROCESS_URL}workshops/{workshop.pk}/")
    assert_accessible(facilitator)
    with facilitator.expect_navigation():
        facilitator.locator(f"#status-{WorkshopStatus.OPEN}").click()
    workshop.refresh_from_db()
    assert workshop.status == WorkshopStatus.OPEN
    facilitator.goto(f"{PROCESS_URL}workshops/{workshop.pk}/projektor/")
    expect(facilitator.get_by_text(workshop.join_code).first).to_be_visible()
    assert_accessible(facilitator)
    facilitator.goto(f"{PROCESS_URL}workshops/{workshop.pk}/tavle/")
    assert_accessible(facilitator)

    # Phone 1 opens its personal link: the token leaves the address bar at once.
    phones = [new_context(browser, live_server, **PHONE) for _ in range(3)]
    try:
        first = phones[0].new_page()
        first.goto(f"/v/{token}/")
        expect(first).to_have_url(re.compile(r"/deltager/$"))
        assert token not in first.url
        assert_accessible(first)
        assert_fits_phone(first)
        first.locator(f"a[href='/deltager/workshops/{workshop.pk}/']").first.click()
        expect(first).to_have_url(re.compile(rf"/deltager/workshops/{workshop.pk}/$"))
        assert_accessible(first)
        assert_fits_phone(first)
        add_note(first, "challenge", "Vi tager billeder på egne telefoner, fordi iPad'en er flad")

        # Phones 2 and 3 join with the code shown on the projector and a self-declared group.
        joined = []
        for context, group, text in (
            (phones[1], StakeholderGroup.LEDER, "Aula-beskeder tager tid ved aflevering"),
            (phones[2], StakeholderGroup.DAGPLEJE, "Gamle iPads kan ikke opdateres"),
        ):
            phone = context.new_page()
            phone.goto(f"/join/?code={workshop.join_code.lower()}")
            assert_accessible(phone)
            assert_fits_phone(phone)
            phone.locator(f"#join-form input[name=group][value={group}]").check()
            with phone.expect_navigation():
                phone.locator("#join-form button[type=submit]").click()
            expect(phone).to_have_url(re.compile(rf"/deltager/workshops/{workshop.pk}/$"))
            add_note(phone, "need", text)
            assert_accessible(phone)
            joined.append(phone)

        # The board shows all three notes without a reload (htmx polling every 2 s).
        notes = list(Insight.objects.filter(workshop=workshop).order_by("pk"))
        assert [(n.participant.group, n.kind) for n in notes] == [
            (StakeholderGroup.MEDARBEJDER, "challenge"),
            (StakeholderGroup.LEDER, "need"),
            (StakeholderGroup.DAGPLEJE, "need"),
        ]
        for note in notes:
            expect(facilitator.locator(f"#note-{note.pk}")).to_be_visible(timeout=8000)

        # The facilitator selects the notes with the keyboard-accessible checkboxes and
        # creates a theme from the selection.
        for note in notes:
            facilitator.locator(f"#note-select-{note.pk}").check()
        facilitator.locator("#board-title").fill("Stabilt udstyr og drift")
        facilitator.locator("#board-create-theme").click()
        theme_badge = facilitator.locator(f"#note-{notes[0].pk} .theme-badge")
        expect(theme_badge).to_have_text("Stabilt udstyr og drift")
        theme = StrategicTheme.objects.get(process=process, title="Stabilt udstyr og drift")
        assert sorted(theme.insights.values_list("pk", flat=True)) == [n.pk for n in notes]
        assert_accessible(facilitator)

        # The theme page shows the evidence by kind and group.
        # (Follow the badge's link rather than clicking it: the 2-s poll may swap the list
        # between locating the badge and the click.)
        href = theme_badge.get_attribute("href")
        assert href.endswith(f"/temaer/{theme.pk}/")
        facilitator.goto(href)
        expect(facilitator.locator("#evidence-total")).to_have_text("3")
        for note in notes:
            expect(facilitator.locator(f"#insight-{note.pk}")).to_contain_text(note.text)
        assert_accessible(facilitator)
    finally:
        for context in phones:
            context.close()

    assert console.csp_violations() == []
    assert console.errors == []
