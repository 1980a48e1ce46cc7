"""Issue 7's journey: the lead submits the draft for approval, a steering-group member approves
it, the version list shows version 1 and its PDF downloads, and a later edit of the draft shows
in the comparison of version 1 with the draft. axe runs on every page visited; no console errors
or CSP violations. Assertions use ids, URLs and database rows, never new UI words."""

import re

import pytest
from playwright.sync_api import expect

from reporting.models import ApprovalRequest, ApprovalStatus, StrategyVersion
from strategy import services as strategy_services
from strategy.models import StrategicTheme, StrategyProcess
from tests.browser.conftest import new_context
from tests.browser.helpers import PROCESS_URL, assert_accessible, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VERSIONS_URL = f"{PROCESS_URL}versioner/"
STEERING_EMAIL = "styregruppe@demo.rodovre.dk"
RENDER_TIMEOUT_MS = 60_000  # approving renders the PDF


def submit(page, form_selector: str, timeout: int | None = None) -> None:
    with page.expect_navigation(**({"timeout": timeout} if timeout else {})):
        page.locator(f"{form_selector} button[type=submit]").click()


def test_submit_approve_download_and_compare(lead_page, browser, live_server, console):
    page = lead_page
    process = StrategyProcess.objects.get(slug="digitalisering-0-6")

    # The lead: the report preview, then submits the draft from the versions page.
    page.goto(f"{PROCESS_URL}rapport/")
    expect(page.locator("#report-pdf-link")).to_be_visible()
    assert_accessible(page)
    page.goto(VERSIONS_URL)
    expect(page.locator("#no-versions")).to_be_visible()
    assert_accessible(page)
    page.locator("#submit-form [name=note]").fill("Til styregruppemødet")
    submit(page, "#submit-form")
    approval = ApprovalRequest.objects.get(process=process)
    assert approval.status == ApprovalStatus.PENDING
    expect(page).to_have_url(re.compile(rf"/godkendelse/{approval.pk}/$"))
    assert_accessible(page)

    # A steering-group member approves with a comment.
    steering_context = new_context(browser, live_server)
    steering = steering_context.new_page()
    login(steering, STEERING_EMAIL)
    steering.goto(f"{PROCESS_URL}godkendelse/{approval.pk}/")
    expect(steering.locator("#decision-form")).to_be_visible()
    assert_accessible(steering)
    steering.locator("#decision-form input[name=decision][value=approve]").check()
    steering.locator("#decision-form [name=comment]").fill("Godkendt på SG5")
    submit(steering, "#decision-form", timeout=RENDER_TIMEOUT_MS)
    expect(steering).to_have_url(re.compile(rf"{re.escape(VERSIONS_URL)}$"))
    version = StrategyVersion.objects.get(process=process)
    assert version.number == 1
    expect(steering.locator("#version-1")).to_be_visible()
    assert_accessible(steering)

    # Its PDF downloads: the stored bytes.
    pdf_url = f"{PROCESS_URL}versions/1/strategy.pdf"
    expect(steering.locator(f"#version-1 a[href='{pdf_url}']")).to_be_visible()
    download = steering_context.request.get(pdf_url)
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    assert download.body() == bytes(version.pdf)
    steering_context.close()

    # A later edit of the draft shows in the comparison of version 1 with the draft.
    theme = StrategicTheme.objects.filter(process=process, priority_rank=1).get()
    strategy_services.theme_update(
        theme=theme, data={"objective": "Mere tid til børnene hver dag – målt i 2028"}
    )
    page.goto(VERSIONS_URL)
    expect(page.locator("#version-1")).to_be_visible()
    page.locator("#compare-form select[name=old]").select_option("1")
    page.locator("#compare-form select[name=new]").select_option("draft")
    submit(page, "#compare-form")
    expect(page.locator("#changes-themes li.change-changed")).to_contain_text(theme.title)
    expect(page.locator("#changes-themes")).to_contain_text("målt i 2028")
    assert_accessible(page)

    assert console.csp_violations() == []
    assert console.errors == []
