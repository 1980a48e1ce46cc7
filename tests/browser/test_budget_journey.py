"""Issue 6's journey: the lead raises the unit price of the pædagog-tablet in the device catalogue,
regenerates the device plan's budget lines and finds the new totals on the budget basis, the
figures computed from the change. On the cost-line grid a refused inline edit (text in an
amount) is swapped into its row by htmx with the form's message. axe runs on the budget basis
(also at 390 px), the cost-line grid, the investment basis (the need table), the catalogue and
the device plan; no console errors or CSP violations. Assertions use ids, data attributes,
database rows and messages looked up in the Danish catalogue, never new UI words."""

import re
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from actionplan import budget_selectors
from actionplan.budget import format_kroner, format_thousands
from actionplan.budget_demo import PAEDAGOG_TABLET
from actionplan.budget_enums import GeneratedElement
from actionplan.models import CostLine, DevicePlanItem
from strategy.models import StrategyProcess
from tests.browser.helpers import PROCESS_URL, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUDGET_URL = f"{PROCESS_URL}budget/"
GRID_URL = f"{BUDGET_URL}linjer/"
INVESTMENT_URL = f"{PROCESS_URL}investering/"
CATALOGUE_URL = f"{INVESTMENT_URL}katalog/"
PLAN_URL = f"{INVESTMENT_URL}plan/"
NEW_UNIT_PRICE = Decimal("2950")  # the demo's iPad costs 2.750 kr.


@pytest.fixture
def budget_demo(demo):
    """The demo with the action plan and the investment basis (339 devices, DOMAIN §6)."""
    from actionplan import demo as actionplan_demo
    from workshops import demo as workshops_demo

    workshops_demo.seed()
    actionplan_demo.seed()
    return demo


def submit(page, selector: str) -> None:
    with page.expect_navigation():
        page.locator(selector).click()


def shown_figures(page, total: str) -> list[str]:
    """The four yearly figures of a total row of the budget basis."""
    return page.locator(f"#budget-matrix tr[data-total='{total}'] td.text-end").all_inner_texts()


def test_price_change_reaches_the_budget_basis(budget_demo, lead_page, console):
    page = lead_page
    process = StrategyProcess.objects.get(slug="digitalisering-0-6")
    item = DevicePlanItem.objects.select_related("device_model").get(
        process=process, category__name=PAEDAGOG_TABLET
    )
    tablet = item.device_model
    devices = budget_selectors.device_plan(process).quantities[item.pk]
    before = budget_selectors.budget_basis(process)
    assert devices == 165  # DOMAIN §4: 1 per room + 1 per 8 FTE at the 20 institutions
    assert before.drift.display == ["3.294", "2.072", "1.253", "1.103"]

    # The budget basis before the change, on a desktop and on a 390 px phone.
    page.goto(BUDGET_URL)
    assert shown_figures(page, "total") == before.total.display
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.locator("#budget-matrix")).to_be_attached()
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    # The investment basis: the need table.
    page.goto(INVESTMENT_URL)
    expect(page.locator("#investment-summary [data-count=need]")).to_have_text("339")
    assert_accessible(page)

    # The catalogue: the pædagog-tablet's unit price goes up by 200 kr.
    page.goto(CATALOGUE_URL)
    row = page.locator(f"#device-{tablet.pk}")
    expect(row).to_contain_text(format_kroner(tablet.hardware_price))
    assert_accessible(page)
    edit_url = f"{CATALOGUE_URL}{tablet.pk}/"
    submit(page, f"#device-{tablet.pk} a[href='{edit_url}']")
    assert_accessible(page)
    page.locator("#budget-form [name=unit_price]").fill(str(NEW_UNIT_PRICE))
    submit(page, "#budget-form button[type=submit]")
    expect(page).to_have_url(re.compile(rf"{re.escape(CATALOGUE_URL)}#device-{tablet.pk}$"))
    tablet.refresh_from_db()
    assert tablet.unit_price == NEW_UNIT_PRICE
    new_hardware = NEW_UNIT_PRICE + tablet.accessories_price  # 2.950 + 350 = 3.300
    expect(page.locator(f"#device-{tablet.pk}")).to_contain_text(format_kroner(new_hardware))

    # The device plan: regenerate its budget lines.
    page.goto(PLAN_URL)
    expect(page.locator("#plan-summary [data-count=devices]")).to_have_text("339")
    assert_accessible(page)
    submit(page, "#plan-regenerate button[type=submit]")
    expect(page).to_have_url(re.compile(rf"{re.escape(PLAN_URL)}$"))
    purchase = CostLine.objects.get(plan_item=item, element=GeneratedElement.PURCHASE)
    assert purchase.amount_1 == devices * new_hardware == Decimal("544500")
    assert_accessible(page)

    # The budget basis: purchase +165 × 200 kr. in 2027, the replacement pool +165 × 200 ÷ 4
    # from 2028 (setup, levy, MDM and support do not depend on the price).
    step = devices * (NEW_UNIT_PRICE - Decimal("2750"))
    change = [step, step / 4, step / 4, step / 4]  # 33.000, 8.250, 8.250, 8.250 kr.
    expected = [format_thousands(a + d) for a, d in zip(before.total.kroner, change, strict=True)]
    assert expected == ["4.227", "2.080", "1.261", "1.111"]
    page.goto(BUDGET_URL)
    assert shown_figures(page, "total") == expected
    assert shown_figures(page, "drift") == ["3.327", "2.080", "1.261", "1.111"]
    expect(page.locator(f"#budget-line-{purchase.pk}")).to_have_attribute("data-generated", "true")
    expect(page.locator(f"#budget-line-{purchase.pk} td.text-end").first).to_have_text("545")
    assert_accessible(page)

    # The cost-line grid: text in an amount is refused in the row (htmx swaps the 400).
    hand_written = CostLine.objects.get(process=process, label="Apps og skadesreserve")
    page.goto(GRID_URL)
    assert_accessible(page)
    grid_row = page.locator(f"#costline-{hand_written.pk}")
    inline_url = f"{GRID_URL}{hand_written.pk}/"
    grid_row.locator(f"a[hx-get='{inline_url}']").click()
    amount = page.locator(f"#costline{hand_written.pk}_amount_2")
    expect(amount).to_be_visible()
    amount.fill("mange penge")
    grid_row.locator("button[type=submit]").click()
    with translation.override("da"):
        message = gettext("Enter a number.")
    error = page.locator(f"#costline{hand_written.pk}_amount_2-error")
    expect(error).to_have_text(message)
    expect(amount).to_have_attribute("aria-invalid", "true")
    expect(amount).to_have_value("mange penge")
    assert page.url.endswith(GRID_URL)  # no navigation: the row was swapped in place
    saved = CostLine.objects.get(pk=hand_written.pk)
    assert (saved.amount_2, saved.history.count()) == (
        hand_written.amount_2,
        hand_written.history.count(),
    )
    assert_accessible(page)
    # Chromium reports the refused request (400) on the console; it is the expected answer.
    console.forget(inline_url)

    assert console.csp_violations() == []
    assert console.errors == []
