"""Every page a user reaches passes axe-core (WCAG 2.0/2.1 A and AA) with no violations.

The journey follows links the way a person would (overview -> phase -> edit, ...), so a broken
link fails here too. Violations of all pages are collected and reported together.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import PROCESS_URL, axe_violations, format_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


class Audit:
    """Runs axe on each visited page and remembers the violations per page."""

    def __init__(self, page: Page, console):
        self.page = page
        self.console = console
        self.visited: list[str] = []
        self.failures: list[str] = []

    def check(self, name: str) -> None:
        self.visited.append(name)
        violations = axe_violations(self.page)
        if violations:
            self.failures.append(f"{name} ({self.page.url}):\n{format_violations(violations)}")

    def assert_clean(self) -> None:
        if self.failures:
            pytest.fail(
                f"axe-core violations on {len(self.failures)} of {len(self.visited)} pages:\n"
                + "\n".join(self.failures),
                pytrace=False,
            )
        assert self.console.errors == []


def goto_link(page: Page, selector: str) -> None:
    """Follow the first link matching selector and wait for the new page."""
    link = page.locator(selector).first
    expect(link).to_be_visible()
    with page.expect_navigation():
        link.click()


def test_every_page_of_the_project_lead_passes_axe(lead_page, console):
    page = lead_page
    audit = Audit(page, console)

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine processer")
    audit.check("my processes")

    goto_link(page, f"main a[href='{PROCESS_URL}']")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Digitaliseringsstrategi")
    audit.check("process overview")

    goto_link(page, f"main a[href='{PROCESS_URL}indstillinger/']")
    expect(page.locator("form input[name=title]")).to_be_visible()
    audit.check("process settings")

    # The phase table of the overview links every phase; the current one is highlighted.
    page.goto(PROCESS_URL)
    goto_link(page, "main tr.table-primary a[href*='/faser/']")
    expect(page.locator("#checklist")).to_be_visible()
    audit.check("phase detail")

    goto_link(page, "main a[href$='/rediger/']")
    expect(page.locator("form input[name=name]")).to_be_visible()
    audit.check("phase edit")

    goto_link(page, f"nav a[href='{PROCESS_URL}institutioner/']")
    expect(page.locator("main table tbody tr")).to_have_count(21)
    audit.check("institutions")

    goto_link(page, "main table tbody a[href*='/institutioner/']")
    expect(page.locator("main dl")).to_be_visible()
    audit.check("institution detail")

    goto_link(page, "main a[href$='/rediger/']")
    expect(page.locator("form input[name=name]")).not_to_have_value("")
    audit.check("institution edit")

    page.goto(f"{PROCESS_URL}institutioner/")
    goto_link(page, f"main a[href='{PROCESS_URL}institutioner/ny/']")
    expect(page.locator("form input[name=name]")).to_have_value("")
    audit.check("new institution")

    page.goto(f"{PROCESS_URL}institutioner/")
    goto_link(page, f"main a[href='{PROCESS_URL}institutioner/import/']")
    expect(page.locator("form input[type=file]")).to_be_attached()
    audit.check("institution CSV import")

    goto_link(page, f"nav a[href='{PROCESS_URL}medlemmer/']")
    expect(page.locator("main table tbody tr").first).to_be_visible()
    audit.check("members")

    goto_link(page, "main table tbody a[href*='/medlemmer/']")
    expect(page.locator("form select[name=role]")).to_be_visible()
    audit.check("member edit")

    # The password change page is reached through the user menu (Bootstrap's dropdown).
    page.locator("header .dropdown-toggle").click()
    expect(page.locator("header .dropdown-menu")).to_be_visible()
    audit.check("user menu open")
    goto_link(page, "header .dropdown-menu a[href*='/adgangskode/skift/']")
    expect(page.get_by_role("heading", level=1)).to_have_text("Skift adgangskode")
    audit.check("password change")

    # A process that does not exist (or belongs to someone else) answers 404, logged in too.
    response = page.goto("/p/findes-ikke/")
    assert response is not None
    assert response.status == 404
    console.forget("/p/findes-ikke/")
    audit.check("404, logged in")

    audit.assert_clean()


def test_anonymous_pages_pass_axe(page, console, demo):
    audit = Audit(page, console)

    page.goto("/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind")
    audit.check("login")

    goto_link(page, "main a[href*='/adgangskode/nulstil/']")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nulstil adgangskode")
    audit.check("password reset")

    response = page.goto("/findes-ikke/")
    assert response is not None
    assert response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # Chromium logs the 404 response of the page itself as a console error: expected here.
    console.forget("/findes-ikke/")
    audit.check("404")

    audit.assert_clean()
