"""Issue 5's journey: the lead creates an initiative from a prioritised theme, adds a success
criterion, a prerequisite and a dependency on its page, changes its status inline on the plan
(htmx) and finds it on the roadmap. axe runs on every page visited (the plan also at 390 px);
no console errors or CSP violations. Assertions use ids, URLs, data values and database rows,
never new UI words."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from actionplan import services
from actionplan.enums import InitiativeStatus, PrerequisiteCategory, TrafficLight
from actionplan.models import Dependency, Initiative, Prerequisite, SuccessCriterion
from strategy.models import StrategicTheme, StrategyProcess
from tests.browser.helpers import PROCESS_URL, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN_URL = f"{PROCESS_URL}handleplan/"
TITLE = "Fælles digital dagsorden for personalemøder"


def submit(page, form_selector: str) -> None:
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").click()


def test_initiative_from_theme_to_roadmap(lead_page, console):
    page = lead_page
    process = StrategyProcess.objects.get(slug="digitalisering-0-6")
    themes = list(
        StrategicTheme.objects.filter(process=process, priority_rank__isnull=False).order_by(
            "priority_rank"
        )
    )
    theme, other_theme = themes[0], themes[1]
    # Another initiative in the plan for the new one to depend on.
    earlier = services.initiative_create(
        theme=other_theme,
        data={
            "title": "Ny tablet til hver stue",
            "start_date": datetime.date(2027, 1, 1),
            "end_date": datetime.date(2027, 6, 30),
        },
    )

    # The plan, on a desktop and on a 390 px phone.
    page.goto(PLAN_URL)
    expect(page.locator(f"#initiative-{earlier.pk}")).to_contain_text(earlier.title)
    assert_accessible(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(page.locator(f"#initiative-{earlier.pk}")).to_be_attached()
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    # The create form, opened from the theme.
    page.goto(f"{PLAN_URL}ny/?theme={theme.pk}")
    expect(page.locator("#initiative-form select[name=theme]")).to_have_value(str(theme.pk))
    assert_accessible(page)
    form = page.locator("#initiative-form")
    form.locator("[name=title]").fill(TITLE)
    form.locator("[name=owner]").fill("Dagtilbudschef")
    form.locator("[name=start_date]").fill("2027-04-01")
    form.locator("[name=end_date]").fill("2027-12-31")
    submit(page, "#initiative-form")
    initiative = Initiative.objects.get(process=process, title=TITLE)
    assert initiative.theme_id == theme.pk
    assert (initiative.start_date, initiative.end_date) == (
        datetime.date(2027, 4, 1),
        datetime.date(2027, 12, 31),
    )
    detail_url = f"{PLAN_URL}{initiative.pk}/"
    expect(page).to_have_url(re.compile(rf"{re.escape(detail_url)}$"))
    expect(page.locator("h1")).to_contain_text(f"{initiative.number} {TITLE}")
    assert_accessible(page)

    # A success criterion.
    page.locator("#criteria details summary").click()
    page.locator("#criterion-form [name=indicator]").fill("Andel møder med digital dagsorden")
    page.locator("#criterion-form [name=baseline]").fill("10 %")
    page.locator("#criterion-form [name=target]").fill("90 %")
    submit(page, "#criterion-form")
    criterion = SuccessCriterion.objects.get(initiative=initiative)
    assert (criterion.indicator, criterion.baseline, criterion.target) == (
        "Andel møder med digital dagsorden",
        "10 %",
        "90 %",
    )
    expect(page.locator(f"#criterion-{criterion.pk}")).to_contain_text("90 %")

    # A prerequisite.
    page.locator("#prerequisites details summary").click()
    page.locator("#prerequisite-form [name=category]").select_option(PrerequisiteCategory.SKILLS)
    page.locator("#prerequisite-form [name=description]").fill("Alle ledere er oplært i Teams")
    submit(page, "#prerequisite-form")
    prerequisite = Prerequisite.objects.get(initiative=initiative)
    assert (prerequisite.category, prerequisite.description) == (
        PrerequisiteCategory.SKILLS,
        "Alle ledere er oplært i Teams",
    )
    expect(page.locator(f"#prerequisite-{prerequisite.pk}")).to_contain_text(
        "Alle ledere er oplært i Teams"
    )

    # A dependency on the earlier initiative.
    page.locator("#dependencies details summary").click()
    page.locator("#dependency-form [name=depends_on]").select_option(str(earlier.pk))
    submit(page, "#dependency-form")
    assert list(
        Dependency.objects.filter(initiative=initiative).values_list("depends_on", flat=True)
    ) == [earlier.pk]
    expect(page.locator("#depends-on")).to_contain_text(earlier.title)
    assert_accessible(page)

    # The status, edited inline in the plan's row (htmx swaps the row, no navigation).
    page.goto(f"{PLAN_URL}#theme-{theme.pk}")
    row = page.locator(f"#initiative-{initiative.pk}")
    row.locator(f"a[href='{detail_url}felt/']").click()
    status = page.locator(f"#initiative{initiative.pk}_status")
    expect(status).to_be_visible()
    # A refused edit (an owner past the field's 150 characters, its maxlength taken off) comes
    # back as a 400 with the row's form and the message next to the field, swapped in by htmx
    # (static/js/app.js); nothing is saved.
    owner = page.locator(f"#initiative{initiative.pk}_owner")
    owner.evaluate("element => element.removeAttribute('maxlength')")
    owner.fill("x" * 151)
    row.locator("button[type=submit]").click()
    expect(page.locator(f"#initiative{initiative.pk}_owner-error")).to_have_text(
        "Denne værdi må højst have 150 tegn (den har 151)."
    )
    expect(owner).to_have_attribute("aria-invalid", "true")
    initiative.refresh_from_db()
    assert initiative.owner != "x" * 151
    assert_accessible(page)
    # Chromium reports the refused request (400) on the console; it is the expected answer.
    console.forget(f"{detail_url}felt/")
    owner.fill("Eva")
    status.select_option(InitiativeStatus.IN_PROGRESS)
    page.locator(f"#initiative{initiative.pk}_traffic_light").select_option(TrafficLight.YELLOW)
    row.locator("button[type=submit]").click()
    expect(page.locator(f"#initiative{initiative.pk}_status")).to_have_count(0)
    expect(row.locator("[data-light]")).to_have_attribute("data-light", TrafficLight.YELLOW)
    assert page.url.endswith(f"{PLAN_URL}#theme-{theme.pk}")
    initiative.refresh_from_db()
    assert (initiative.status, initiative.traffic_light) == (
        InitiativeStatus.IN_PROGRESS,
        TrafficLight.YELLOW,
    )
    assert_accessible(page)

    # The roadmap: a bar with its label in the chart, and its row in the table.
    page.goto(f"{PLAN_URL}tidsplan/")
    bar = page.locator(f"#roadmap-svg g.rm-row[data-initiative='{initiative.pk}']")
    expect(bar.locator("rect.rm-bar")).to_have_count(1)
    expect(bar.locator("rect.rm-bar")).to_have_class(
        re.compile(rf"rm-status-{InitiativeStatus.IN_PROGRESS}")
    )
    expect(bar.locator("text.rm-label")).to_contain_text(initiative.number)
    table_row = page.locator(f"#roadmap-row-{initiative.pk}")
    expect(table_row.locator("th")).to_have_text(f"{initiative.number} {TITLE}")
    expect(table_row).to_contain_text(f"{earlier.number} {earlier.title}")
    assert_accessible(page)

    # The programme overview and the risk matrix.
    page.goto(f"{PLAN_URL}program/")
    expect(page.locator("main")).to_contain_text(TITLE)
    assert_accessible(page)
    page.goto(f"{PLAN_URL}risici/")
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)

    assert console.csp_violations() == []
    assert console.errors == []
