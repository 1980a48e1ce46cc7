"""Helpers for the browser tests: logging in through the real form and running axe-core."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

LEAD_EMAIL = "projektleder@demo.rodovre.dk"
DEMO_PASSWORD = "demo"
PROCESS_URL = "/p/digitalisering-0-6/"

# WCAG 2.0 and 2.1, levels A and AA (DESIGN.md: every page a browser test visits passes these).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
_axe = Axe()


def login(page: Page, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real login form at /accounts/login/, checking that it is Danish."""
    page.goto("/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind")
    page.locator("input[name=username]").fill(email)
    page.locator("input[name=password]").fill(password)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core on the current page; its bundled script is injected through page.evaluate,
    which the strict Content-Security-Policy does not block."""
    return _axe.run(page, options=AXE_OPTIONS).response["violations"]


def format_violations(violations: list[dict]) -> str:
    """One readable block per violation: rule id, impact, help text and every offending node."""
    lines = []
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation.get('impact')}): {violation['help']}")
        lines.append(f"    {violation.get('helpUrl', '')}")
        for node in violation["nodes"]:
            lines.append(f"    - {' '.join(str(t) for t in node['target'])}")
            summary = " ".join((node.get("failureSummary") or "").split())
            if summary:
                lines.append(f"        {summary}")
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, (
        f"axe-core: {len(violations)} violation(s) on {page.url}\n" + format_violations(violations)
    )
