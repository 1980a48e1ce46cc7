"""Phone-sized screens: no page may scroll sideways."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import LEAD_EMAIL, PROCESS_URL, assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 390


@pytest.fixture
def context_options():
    # An iPhone 12-14 sized screen.
    return {
        "viewport": {"width": PHONE_WIDTH, "height": 844},
        "device_scale_factor": 3,
        "is_mobile": True,
        "has_touch": True,
    }


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_overview_and_other_pages_do_not_scroll_sideways_on_a_phone(page, demo, console):
    login(page, LEAD_EMAIL)
    for url in (
        "/",
        PROCESS_URL,
        f"{PROCESS_URL}institutioner/",
        f"{PROCESS_URL}medlemmer/",
        f"{PROCESS_URL}faser/{demo.phases.get(number=9).pk}/",
    ):
        page.goto(url)
        assert page_width(page) <= PHONE_WIDTH, f"{url} scrolls sideways on a phone"

    # The collapsed main menu opens and is usable at this width.
    page.goto(PROCESS_URL)
    menu = page.locator("#main-nav")
    expect(menu).to_be_hidden()
    page.get_by_role("button", name="Vis menu").click()
    expect(menu).to_be_visible()
    expect(page.get_by_role("button", name="English")).to_be_visible()
    assert page_width(page) <= PHONE_WIDTH
    assert_accessible(page)
    assert console.errors == []
