"""Real interactions in the browser: htmx checklist, form errors, language switch."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from strategy.models import OrgUnit, PhaseDeliverable
from tests.browser.helpers import PROCESS_URL, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_ticking_a_deliverable_saves_it_through_htmx(lead_page, console):
    page = lead_page
    page.goto(PROCESS_URL)
    # The current phase is highlighted in the overview's phase table.
    with page.expect_navigation():
        page.locator("main tr.table-primary a[href*='/faser/']").click()
    phase_url = page.url
    checkbox = page.locator("#checklist input[name=done]:not(:checked)").first
    checkbox_id = checkbox.get_attribute("id")
    assert checkbox_id, "the current phase of the demo has an open deliverable"
    deliverable = PhaseDeliverable.objects.get(pk=int(checkbox_id.removeprefix("done-")))
    assert not deliverable.done

    with page.expect_response(re.compile(r"/udfoert/$")) as response_info:
        page.locator(f"#{checkbox_id}").check()
    response = response_info.value
    assert response.status == 200
    assert response.request.headers.get("hx-request") == "true", "sent by htmx, not a form post"
    # htmx swapped the row in place: same page, and the new row is checked.
    assert page.url == phase_url
    expect(page.locator(f"#{checkbox_id}")).to_be_checked()
    assert_accessible(page)

    page.reload()
    expect(page.locator(f"#{checkbox_id}")).to_be_checked()
    deliverable.refresh_from_db()
    assert deliverable.done

    # And back: unticking is saved too.
    with page.expect_response(re.compile(r"/udfoert/$")):
        page.locator(f"#{checkbox_id}").uncheck()
    page.reload()
    expect(page.locator(f"#{checkbox_id}")).not_to_be_checked()
    deliverable.refresh_from_db()
    assert not deliverable.done

    assert console.csp_violations() == []
    assert console.errors == []


def test_institution_without_a_name_gets_a_danish_error_and_creates_nothing(lead_page, console):
    page = lead_page
    units_before = OrgUnit.objects.count()
    page.goto(f"{PROCESS_URL}institutioner/ny/")
    # Everything valid except the missing name.
    expect(page.locator("#id_name")).to_have_value("")
    page.locator("#id_kind").select_option("integreret")
    for field, value in {"children_0_2": "12", "children_3_5": "30", "rooms": "3"}.items():
        page.locator(f"#id_{field}").fill(value)

    with page.expect_navigation() as navigation:
        page.locator("main form button[type=submit]").click()
    assert navigation.value is not None
    assert navigation.value.status == 400

    name = page.locator("#id_name")
    expect(name).to_have_attribute("aria-invalid", "true")
    expect(name).to_have_accessible_description("Dette felt er påkrævet.")
    # The message sits in the name field's own wrapper, right below the input.
    expect(page.locator("#div_id_name .invalid-feedback")).to_have_text("Dette felt er påkrævet.")
    expect(page.locator("main .is-invalid")).to_have_count(1)
    # What the user typed is kept.
    expect(page.locator("#id_kind")).to_have_value("integreret")
    expect(page.locator("#id_children_3_5")).to_have_value("30")
    assert OrgUnit.objects.count() == units_before
    assert_accessible(page)
    console.forget("/institutioner/ny/")  # Chromium logs the 400 answer itself as an error.
    assert console.errors == []


def test_saving_an_unchanged_institution_keeps_its_fte(lead_page):
    page = lead_page
    unit = OrgUnit.objects.get(name="Børnehuset Solsikken")
    page.goto(f"{PROCESS_URL}institutioner/{unit.pk}/rediger/")
    with page.expect_navigation() as navigation:
        page.locator("main form button[type=submit]").click()
    assert navigation.value is not None
    assert navigation.value.status == 200, "the unchanged form was rejected"
    expect(page).to_have_url(re.compile(rf"/institutioner/{unit.pk}/$"))
    unit.refresh_from_db()
    assert unit.fte == Decimal(24)


def test_language_switch_to_english_and_back(lead_page, console):
    page = lead_page
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Mine processer")

    with page.expect_navigation():
        page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(heading).to_have_text("My processes")
    expect(page).to_have_url(re.compile(r"/$"))
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Dansk").click()
    expect(page.locator("html")).to_have_attribute("lang", "da")
    expect(heading).to_have_text("Mine processer")
    expect(page.get_by_role("button", name="English")).to_be_visible()
    assert console.errors == []
