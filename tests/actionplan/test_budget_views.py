"""The budget basis, the cost-line grid (inline editing through htmx and without JS) and the
investment basis pages: catalogue, guidelines, need rules, inventory, device plan.

Bad input (text in an amount, a negative price, a lifetime of 0, a purchase year outside the
frame) answers 400 with the message next to the field and changes nothing."""

import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from actionplan.budget_enums import GuidelineRuleKind
from actionplan.models import (
    ComplianceException,
    CostLine,
    DeviceCategory,
    DeviceModel,
    DevicePlanItem,
    InventoryItem,
    ITGuideline,
    NeedRule,
)
from strategy.enums import OrgUnitKind
from tests.actionplan.budget_factories import (
    ComplianceExceptionFactory,
    CostLineFactory,
    DeviceCategoryFactory,
    DeviceModelFactory,
    DevicePlanItemFactory,
    InventoryItemFactory,
    ITGuidelineFactory,
    NeedRuleFactory,
)
from tests.actionplan.budget_ui_data import budget_lines
from tests.actionplan.matrix_budget import (
    SETTINGS_DATA,
    cost_line_data,
    device_data,
    need_rule_data,
    plan_item_data,
)
from tests.factories import InitiativeFactory, OrgUnitFactory


def url(world, name, **kwargs):
    return reverse(f"actionplan:{name}", kwargs={"slug": world.process.slug, **kwargs})


def da(message: str, **values) -> str:
    """A message as the Danish page shows it."""
    with translation.override("da"):
        text = translation.gettext(message)
    return text % values if values else text


def row_values(html: str, marker: str) -> list[str]:
    """The cell texts of the table row carrying `marker` (an attribute like data-total="drift")."""
    match = re.search(rf"<tr[^>]*{re.escape(marker)}[^>]*>(.*?)</tr>", html, flags=re.S)
    assert match, marker
    return re.findall(r'<td class="text-end">([^<]*)</td>', match.group(1))


@pytest.fixture
def budget(world):
    return budget_lines(world)


# --- The budget basis ------------------------------------------------------------------------


def test_budget_basis_groups_subtotals_and_totals_from_unrounded_kroner(budget):
    response = budget.client_for("viewer").get(url(budget, "budget"))

    assert response.status_code == 200
    basis = response.context["basis"]
    assert basis.years == [2027, 2028, 2029, 2030]
    assert [
        (
            t.theme.title,
            [(g.initiative.number, [e.line.label for e in g.lines]) for g in t.initiatives],
        )
        for t in basis.themes
    ] == [
        ("Tid til børnene", [("1.1", ["Kurser", "Gevinst"])]),
        ("Udstyr", [("2.1", ["Netværk", "Licens A", "Licens B"]), ("2.2", ["Pilot"])]),
    ]
    html = response.content.decode()
    assert row_values(html, f'id="budget-line-{budget.lines["kurser"].pk}"') == ["2", "0", "0", "0"]
    assert row_values(html, f'id="budget-line-{budget.lines["licens_a"].pk}"') == ["0"] * 4
    initiative_21 = budget.initiatives["2.1"].pk
    assert row_values(html, f'data-subtotal="initiative-{initiative_21}"') == ["901", "1", "1", "1"]
    assert row_values(html, f'data-subtotal="theme-{budget.theme.pk}"') == [
        "2",
        "−60",
        "−60",
        "−60",
    ]
    assert row_values(html, 'data-total="drift"') == ["12", "−59", "−59", "−59"]
    assert row_values(html, 'data-total="anlaeg"') == ["900", "0", "0", "0"]
    assert row_values(html, 'data-total="one_off"') == ["912", "0", "0", "0"]
    assert row_values(html, 'data-total="recurring"') == ["1", "−59", "−59", "−59"]
    assert row_values(html, 'data-total="total"') == ["912", "−59", "−59", "−59"]
    assert [(row.financing.value, row.figures.display) for row in basis.by_financing] == [
        ("budget_request", ["12", "0", "0", "0"]),
        ("capital_request", ["900", "0", "0", "0"]),
        ("central_pool", ["1", "1", "1", "1"]),
        ("offset", ["0", "−60", "−60", "−60"]),
    ]
    assert row_values(html, 'data-financing="central_pool"') == ["1", "1", "1", "1"]
    with translation.override("da"):
        heading = translation.gettext("Amounts in 1,000 kr., %(year)s prices") % {"year": 2027}
    assert (
        f'<caption id="budget-caption" class="caption-top fw-semibold text-body">{heading}' in html
    )
    assert 'id="budget-rounding-note"' in html
    assert "Fremmed" not in html
    # Links to the exports carry the scenario.
    assert f'href="{url(budget, "budget.xlsx")}?scenario=all"' in html
    assert f'href="{url(budget, "budget.csv")}?scenario=all"' in html


@pytest.mark.parametrize(
    ("scenario", "numbers", "total"),
    [
        ("all", ["1.1", "2.1", "2.2"], ["912", "−59", "−59", "−59"]),
        ("phase1", ["1.1"], ["2", "−60", "−60", "−60"]),
        ("request", ["1.1", "2.1"], ["902", "−59", "−59", "−59"]),
        ("nonsense", ["1.1", "2.1", "2.2"], ["912", "−59", "−59", "−59"]),
    ],
)
def test_budget_basis_scenario_switch(budget, scenario, numbers, total):
    response = budget.client_for("steering").get(url(budget, "budget"), {"scenario": scenario})

    assert response.status_code == 200
    basis = response.context["basis"]
    assert [g.initiative.number for t in basis.themes for g in t.initiatives] == numbers
    html = response.content.decode()
    assert row_values(html, 'data-total="total"') == total
    current = scenario if scenario != "nonsense" else "all"
    assert re.findall(r'aria-current="page" href="\?scenario=(\w+)"', html) == [current]


def test_budget_basis_marks_generated_lines_and_lists_exceptions(budget):
    generated = CostLineFactory(
        initiative=budget.initiatives["1.1"], generated=True, element="setup", label="Klargøring"
    )
    exception = ComplianceExceptionFactory(process=budget.process, reason="Ingen DPIA endnu.")
    ComplianceExceptionFactory(process=budget.other_process, reason="Fremmed undtagelse")

    response = budget.client_for("viewer").get(url(budget, "budget"))

    html = response.content.decode()
    assert f'<tr id="budget-line-{generated.pk}" data-generated="true">' in html
    assert html.count('data-generated="true"') == 1
    assert response.context["basis"].generated_count == 1
    assert [e.pk for e in response.context["exceptions"]] == [exception.pk]
    assert "Ingen DPIA endnu." in html and "Fremmed undtagelse" not in html


def test_budget_basis_without_lines(world):
    response = world.client_for("viewer").get(url(world, "budget"))

    assert response.status_code == 200
    assert 'id="budget-empty"' in response.content.decode()


# --- The cost-line grid --------------------------------------------------------------------


def test_cost_line_grid_edit_controls_per_role(budget):
    generated = CostLineFactory(
        initiative=budget.initiatives["1.1"], generated=True, element="setup"
    )
    hand_written = budget.lines["kurser"]

    viewer_html = budget.client_for("viewer").get(url(budget, "costline.list")).content.decode()
    lead = budget.client_for("lead").get(url(budget, "costline.list"))

    assert url(budget, "costline.inline", pk=hand_written.pk) not in viewer_html
    html = lead.content.decode()
    assert url(budget, "costline.inline", pk=hand_written.pk) in html
    assert url(budget, "costline.inline", pk=generated.pk) not in html
    assert url(budget, "costline.delete", pk=generated.pk) not in html
    groups = lead.context["groups"]
    assert [g.initiative.number for g in groups] == ["1.1", "2.1", "2.2"]
    assert [line.pk for line in groups[0].lines] == [
        generated.pk,
        hand_written.pk,
        budget.lines["gevinst"].pk,
    ]
    # Amounts in kroner with Danish separators.
    assert '<td class="text-end">−60.000</td>' in html


def test_cost_line_inline_edit_through_htmx(budget):
    line = budget.lines["kurser"]
    client = budget.client_for("contributor")
    edit_url = url(budget, "costline.inline", pk=line.pk)

    response = client.get(edit_url, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="costline-{line.pk}" class="costline-edit-row">')
    assert f'<label class="form-label small" for="costline{line.pk}_amount_1">2027</label>' in html

    data = {**cost_line_data(budget), "label": "Kurser og vikarer", "amount_2": "1.234,50"}
    response = client.post(edit_url, data, HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert not response.has_header("X-Swap-Refusal")  # a 2xx is swapped anyway
    html = response.content.decode()
    assert html.lstrip().startswith(f'<tr id="costline-{line.pk}">')
    assert "Kurser og vikarer" in html and '<td class="text-end">1.234,50</td>' in html
    line.refresh_from_db()
    assert (line.label, line.amounts) == (
        "Kurser og vikarer",
        [Decimal("10000"), Decimal("1234.50"), Decimal("0"), Decimal("0")],
    )
    assert line.initiative_id == budget.initiatives["1.1"].pk  # not movable inline
    assert line.history.first().history_user == budget.users["contributor"]


@pytest.mark.parametrize("htmx", [True, False])
def test_cost_line_inline_text_in_an_amount_is_400_and_changes_nothing(budget, htmx):
    line = budget.lines["kurser"]
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    data = {**cost_line_data(budget), "label": "Ændret", "amount_2": "tusind"}

    response = budget.client_for("lead").post(
        url(budget, "costline.inline", pk=line.pk), data, **headers
    )

    assert response.status_code == 400
    # htmx swaps the refused row in (static/js/app.js); a full page needs no mark.
    assert response.has_header("X-Swap-Refusal") is htmx
    html = response.content.decode()
    error = f'<div class="text-danger small" id="costline{line.pk}_amount_2-error">'
    assert f"{error}Indtast et tal.</div>" in html
    assert html.count('class="text-danger small"') == 1
    assert f'aria-describedby="costline{line.pk}_amount_2-error"' in html
    assert "Edit “Kurser”" in html or da("Edit “%(label)s”", label="Kurser") in html
    assert html.lstrip().startswith("<tr") == htmx
    line.refresh_from_db()
    assert (line.label, line.amount_2) == ("Kurser", Decimal("0"))
    assert line.history.count() == 1


def test_cost_line_inline_without_javascript_redirects_to_the_row(budget):
    line = budget.lines["kurser"]
    client = budget.client_for("lead")
    page = client.get(url(budget, "costline.inline", pk=line.pk))
    assert page.status_code == 200
    assert "actionplan/budget/cost_line_inline.html" in [t.name for t in page.templates]

    response = client.post(
        url(budget, "costline.inline", pk=line.pk), {**cost_line_data(budget), "amount_4": "-5"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{url(budget, 'costline.list')}#costline-{line.pk}"
    line.refresh_from_db()
    assert line.amount_4 == Decimal("-5")


def test_generated_lines_cannot_be_edited_or_deleted(budget):
    generated = CostLineFactory(
        initiative=budget.initiatives["1.1"], generated=True, element="setup"
    )
    client = budget.client_for("lead")

    assert client.get(url(budget, "costline.inline", pk=generated.pk)).status_code == 404
    assert client.post(url(budget, "costline.delete", pk=generated.pk)).status_code == 404
    assert CostLine.objects.filter(pk=generated.pk).exists()


def test_cost_line_create(budget):
    client = budget.client_for("contributor")
    initiative = budget.initiatives["2.2"]
    page = client.get(url(budget, "costline.create"), {"initiative": initiative.pk})
    assert page.context["form"].initial == {"initiative": initiative.pk}

    response = client.post(
        url(budget, "costline.create"),
        {**cost_line_data(budget), "initiative": initiative.pk, "label": "Evaluering"},
    )

    assert response.status_code == 302
    line = CostLine.objects.get(label="Evaluering")
    assert response["Location"] == f"{url(budget, 'costline.list')}#costline-{line.pk}"
    assert (line.initiative, line.process, line.amounts, line.generated) == (
        initiative,
        budget.process,
        [Decimal("10000"), Decimal("0"), Decimal("0"), Decimal("0")],
        False,
    )


def test_cost_line_create_bad_input_is_400(budget):
    foreign = InitiativeFactory(theme=budget.other["theme"])
    data = {
        **cost_line_data(budget),
        "initiative": foreign.pk,
        "label": "",
        "amount_1": "12x",
        "amount_3": "1.000.000.000.000",
        "kind": "noget",
    }
    before = CostLine.objects.count()

    response = budget.client_for("lead").post(url(budget, "costline.create"), data)

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert sorted(errors) == ["amount_1", "amount_3", "initiative", "kind", "label"]
    assert errors["amount_1"] == ["Indtast et tal."]
    assert CostLine.objects.count() == before


@pytest.mark.parametrize("htmx", [True, False])
def test_cost_line_delete(budget, htmx):
    line = budget.lines["pilot"]
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}

    response = budget.client_for("lead").post(url(budget, "costline.delete", pk=line.pk), **headers)

    assert response.status_code == (200 if htmx else 302)
    if htmx:
        assert response.content == b""
    assert not CostLine.objects.filter(pk=line.pk).exists()


# --- Catalogue -------------------------------------------------------------------------------


@pytest.fixture
def category(world):
    return DeviceCategoryFactory(organisation=world.process.organisation, name="Pædagog-tablet")


def test_device_create_parses_danish_numbers_and_nullable_facts(world, category):
    world._budget_category = category
    response = world.client_for("contributor").post(url(world, "device.create"), device_data(world))

    assert response.status_code == 302
    model = DeviceModel.objects.get()
    assert response["Location"] == f"{url(world, 'device.list')}#device-{model.pk}"
    assert (
        model.organisation,
        model.category,
        model.unit_price,
        model.hardware_price,
        model.mdm_enrolment,
        model.dpia_done,
        model.dpa_done,
    ) == (world.process.organisation, category, Decimal("2750"), Decimal("3100"), True, None, False)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("unit_price", "-1", "Denne værdi skal være større end eller lig 0."),
        ("levy", "mange", "Indtast et tal."),
        ("lifetime_years", "0", "Denne værdi skal være større end eller lig 1."),
        ("lifetime_years", "11", "Denne værdi skal være mindre end eller lig 10."),
    ],
)
def test_device_create_refuses_bad_input(world, category, field, value, message):
    world._budget_category = category

    response = world.client_for("lead").post(
        url(world, "device.create"), {**device_data(world), field: value}
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {field: [message]}
    assert message in response.content.decode()
    assert DeviceModel.objects.count() == 0


def test_device_edit_changes_the_price_and_refuses_another_organisations_category(world, category):
    model = DeviceModelFactory(category=category)
    world._budget_category = category
    client = world.client_for("lead")
    foreign = DeviceCategoryFactory(organisation=world.other_process.organisation)

    refused = client.post(
        url(world, "device.edit", pk=model.pk), {**device_data(world), "category": foreign.pk}
    )
    response = client.post(
        url(world, "device.edit", pk=model.pk), {**device_data(world), "unit_price": "3.000,50"}
    )

    assert refused.status_code == 400
    assert list(refused.context["form"].errors) == ["category"]
    assert response.status_code == 302
    model.refresh_from_db()
    assert model.unit_price == Decimal("3000.50")


def test_catalogue_shows_compliance_per_rule_in_words(world, category):
    organisation = world.process.organisation
    ITGuidelineFactory(
        organisation=organisation, kind=GuidelineRuleKind.FRAMEWORK_AGREEMENT, position=1
    )
    ITGuidelineFactory(organisation=organisation, kind=GuidelineRuleKind.MDM_ENROLMENT, position=2)
    ITGuidelineFactory(organisation=organisation, kind=GuidelineRuleKind.SCREEN_LOCK, active=False)
    met = DeviceModelFactory(category=category, name="A")
    not_met = DeviceModelFactory(category=category, name="B", framework_agreement="")
    unknown = DeviceModelFactory(category=category, name="C", mdm_enrolment=None)
    DeviceModelFactory(
        category=DeviceCategoryFactory(organisation=world.other_process.organisation)
    )

    response = world.client_for("viewer").get(url(world, "device.list"))

    assert response.status_code == 200
    catalogue = response.context["catalogue"]
    assert [r.kind for r in catalogue.rules] == ["framework_agreement", "mdm_enrolment"]
    assert [(row.model.name, row.overall.value) for row in catalogue.rows] == [
        ("A", "met"),
        ("B", "not_met"),
        ("C", "unknown"),
    ]
    html = response.content.decode()
    with translation.override("da"):
        labels = {"met": "Met", "not_met": "Not met", "unknown": "Unknown"}
        words = {k: translation.pgettext("compliance", v) for k, v in labels.items()}
    for model, status in ((met, "met"), (not_met, "not_met"), (unknown, "unknown")):
        row = re.search(
            rf'<tr id="compliance-{model.pk}" data-overall="{status}">(.*?)</tr>', html, re.S
        )
        assert row, model.name
        assert (
            f'<span class="badge compliance compliance-{status}" data-status="{status}">'
            f"{words[status]}</span>"
        ) in row.group(1)
    assert da("Not on a framework agreement.") in html
    assert da("Not known whether it can be enrolled in MDM.") in html
    assert url(world, "device.edit", pk=met.pk) not in html  # a viewer cannot edit


# --- Guidelines, need rules, inventory -------------------------------------------------------


def test_guideline_create_and_refusals(world):
    client = world.client_for("lead")
    data = {"kind": "price_ceiling", "title": "Prisloft", "position": "1", "active": "on"}

    missing = client.post(url(world, "guideline.create"), data)
    negative = client.post(url(world, "guideline.create"), {**data, "price_ceiling": "-5"})
    created = client.post(url(world, "guideline.create"), {**data, "price_ceiling": "15.000"})
    duplicate = client.post(url(world, "guideline.create"), {**data, "price_ceiling": "1"})

    assert missing.status_code == 400
    assert missing.context["form"].errors == {"price_ceiling": [da("Enter the price ceiling.")]}
    assert negative.status_code == 400
    assert negative.context["form"].errors == {
        "price_ceiling": ["Denne værdi skal være større end eller lig 0."]
    }
    assert created.status_code == 302
    assert duplicate.status_code == 400
    guideline = ITGuideline.objects.get()
    assert (guideline.organisation, guideline.price_ceiling) == (
        world.process.organisation,
        Decimal("15000"),
    )
    page = world.client_for("viewer").get(url(world, "guideline.list")).content.decode()
    assert f'<tr id="guideline-{guideline.pk}" data-kind="price_ceiling">' in page
    assert "15.000 kr." in page


def test_need_rules_page_lists_categories_and_adds_one(world, category):
    rule = NeedRuleFactory(category=category, per_room=1, fte_divisor=8)
    empty = DeviceCategoryFactory(organisation=world.process.organisation, name="Telefon")
    client = world.client_for("lead")

    page = client.get(url(world, "needrule.list"))
    duplicate = client.post(url(world, "needrule.list"), {"name": "Telefon", "position": "1"})
    added = client.post(url(world, "needrule.list"), {"name": "Skærm", "position": "3"})

    assert [(g.category.pk, [r.pk for r in g.rules]) for g in page.context["groups"]] == [
        (category.pk, [rule.pk]),
        (empty.pk, []),
    ]
    assert f'id="needrule-{rule.pk}"' in page.content.decode()
    assert duplicate.status_code == 400
    assert added.status_code == 302
    assert DeviceCategory.objects.filter(
        organisation=world.process.organisation, name="Skærm"
    ).exists()
    viewer = world.client_for("viewer").get(url(world, "needrule.list"))
    assert viewer.context["category_form"] is None


def test_need_rule_create_edit_delete(world, category):
    world._budget_category = category
    client = world.client_for("contributor")
    no_kind = {**need_rule_data(world), "for_integrated": ""}

    refused = client.post(url(world, "needrule.create"), no_kind)
    negative = client.post(
        url(world, "needrule.create"), {**need_rule_data(world), "per_room": "-1"}
    )
    created = client.post(url(world, "needrule.create"), need_rule_data(world))

    assert refused.status_code == 400
    assert refused.context["form"].non_field_errors() == [
        da("Choose at least one kind of institution the rule applies to.")
    ]
    assert negative.status_code == 400
    assert list(negative.context["form"].errors) == ["per_room"]
    assert created.status_code == 302
    rule = NeedRule.objects.get()
    assert (rule.category, rule.for_integrated, rule.per_room) == (category, True, 1)
    edited = client.post(
        url(world, "needrule.edit", pk=rule.pk), {**need_rule_data(world), "per_room": "2"}
    )
    assert edited.status_code == 302
    rule.refresh_from_db()
    assert rule.per_room == 2
    assert client.post(url(world, "needrule.delete", pk=rule.pk)).status_code == 302
    assert NeedRule.objects.count() == 0


def test_investment_need_table_from_rules_minus_usable_inventory(world, category):
    """world.org_unit: integrated, 4 rooms, 17 FTE, 68 children. Tablets: 4 + ceil(17/8) = 7,
    minus 2 usable (3 out of OS support) = 5. Screens: 1 each at the integrated institution and
    the kindergarten (not above 100 children)."""
    kindergarten = OrgUnitFactory(
        organisation=world.process.organisation,
        name="Børnehaven Egely",
        kind=OrgUnitKind.BORNEHAVE,
        children_0_2=0,
        children_3_5=70,
        rooms=3,
        fte=Decimal("13"),
    )
    screens = DeviceCategoryFactory(organisation=world.process.organisation, name="Skærm")
    NeedRuleFactory(category=category, per_room=1, fte_divisor=8)
    NeedRuleFactory(
        category=screens,
        for_kindergarten=True,
        per_unit=1,
        children_threshold=100,
        extra_over_threshold=1,
    )
    InventoryItemFactory(
        org_unit=world.org_unit, category=category, quantity=2, os_support_until=2028
    )
    InventoryItemFactory(
        org_unit=world.org_unit, category=category, quantity=3, os_support_until=2025
    )

    response = world.client_for("viewer").get(url(world, "investment"))

    assert response.status_code == 200
    table = response.context["table"]
    assert [(row.unit.name, [cell.need for cell in row.cells]) for row in table.rows] == [
        (kindergarten.name, [0, 1]),
        (world.org_unit.name, [5, 1]),
    ]
    assert (table.need_totals, table.need, table.usable, table.not_usable) == ([5, 2], 7, 2, 3)
    html = response.content.decode()
    assert re.findall(r'<dd class="[^"]*" data-count="(\w+)">(\d+)', html) == [
        ("need", "7"),
        ("usable", "2"),
        ("not_usable", "3"),
    ]
    totals = re.search(r'<tr class="fw-semibold" id="need-totals">(.*?)</tr>', html, re.S)
    assert re.findall(r'<td class="text-end">(\d+)</td>', totals.group(1)) == ["5", "2", "7"]


def test_inventory_add_and_bad_input(world, category):
    client = world.client_for("lead")
    data = {
        "org_unit": world.org_unit.pk,
        "category": category.pk,
        "model_name": "iPad 9",
        "quantity": "3",
        "purchase_year": "2021",
        "os_support_until": "2027",
    }

    zero = client.post(url(world, "inventory.list"), {**data, "quantity": "0"})
    text = client.post(url(world, "inventory.list"), {**data, "os_support_until": "snart"})
    foreign = client.post(
        url(world, "inventory.list"), {**data, "org_unit": world.other_org_unit.pk}
    )
    added = client.post(url(world, "inventory.list"), data)
    InventoryItemFactory(org_unit=world.org_unit, category=category, os_support_until=None)

    assert [r.status_code for r in (zero, text, foreign, added)] == [400, 400, 400, 302]
    assert list(zero.context["form"].errors) == ["quantity"]
    assert text.context["form"].errors == {"os_support_until": ["Indtast et heltal."]}
    assert list(foreign.context["form"].errors) == ["org_unit"]
    page = world.client_for("viewer").get(url(world, "inventory.list"))
    assert [(i.model_name, i.usable) for i in page.context["items"]] == [
        ("iPad 6. generation", False),
        ("iPad 9", True),
    ]
    assert (page.context["usable"], page.context["not_usable"]) == (3, 1)
    assert page.context["form"] is None
    item = InventoryItem.objects.get(model_name="iPad 9")
    assert client.post(url(world, "inventory.delete", pk=item.pk)).status_code == 302
    assert InventoryItem.objects.count() == 1


def test_inventory_import_all_or_nothing(world, category):
    client = world.client_for("lead")
    header = "institution;kategori;model;antal;indkøbsår;os-opdateringer til\r\n"
    bad = (
        header
        + f"{world.org_unit.name};{category.name};iPad 9;4;2021;2027\r\n"
        + f"Findes ikke;{category.name};iPad 9;4;2021;\r\n"
        + f"{world.org_unit.name};{category.name};iPad 9;0;2021;\r\n"
    )
    good = (
        header
        + f"{world.org_unit.name.upper()};{category.name};iPad 9;4;2021;2027\r\n"
        + f"{world.org_unit.name};{category.name};iPad 6;2;2018;\r\n"
    )

    refused = client.post(
        url(world, "inventory.import"),
        {"file": SimpleUploadedFile("b.csv", bad.encode(), "text/csv")},
    )
    imported = client.post(
        url(world, "inventory.import"),
        {"file": SimpleUploadedFile("b.csv", ("\ufeff" + good).encode(), "text/csv")},
    )

    assert refused.status_code == 400
    with translation.override("da"):
        quantity_label = str(InventoryItem._meta.get_field("quantity").verbose_name).capitalize()
    assert refused.context["result"].errors == [
        (3, da("No institution is called “%(name)s”.", name="Findes ikke")),
        (4, f"{quantity_label}: Denne værdi skal være større end eller lig 1."),
    ]
    assert imported.status_code == 302
    assert [
        (i.org_unit, i.model_name, i.quantity, i.purchase_year, i.os_support_until)
        for i in InventoryItem.objects.order_by("id")
    ] == [
        (world.org_unit, "iPad 9", 4, 2021, 2027),
        (world.org_unit, "iPad 6", 2, 2018, None),
    ]


# --- The device plan ---------------------------------------------------------------------------


@pytest.fixture
def plan_world(world, category):
    world._budget_category = category
    world._budget_initiative = InitiativeFactory(theme=world.theme)
    NeedRuleFactory(category=category, per_room=1)  # world.org_unit: 4 rooms
    return world


def test_plan_item_purchase_year_outside_the_frame_is_400(plan_world):
    world = plan_world

    response = world.client_for("lead").post(
        url(world, "planitem.create"), {**plan_item_data(world), "purchase_year": "2031"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors == {
        "purchase_year": [
            da(
                "The purchase year must be one of the budget years %(first)d–%(last)d.",
                first=2027,
                last=2030,
            )
        ]
    }
    assert DevicePlanItem.objects.count() == 0


def test_plan_item_with_a_non_compliant_model_needs_an_exception(plan_world):
    world = plan_world
    ITGuidelineFactory(organisation=world.process.organisation, kind=GuidelineRuleKind.DPIA_AND_DPA)
    model = DeviceModelFactory(category=world._budget_category, name="Telefon", dpia_done=False)
    data = {**plan_item_data(world), "device_model": model.pk}
    client = world.client_for("lead")

    refused = client.post(url(world, "planitem.create"), data)
    no_reason = client.post(
        url(world, "exception.create"), {"device_model": model.pk, "reason": ""}
    )
    granted = client.post(
        url(world, "exception.create"), {"device_model": model.pk, "reason": "DPIA i gang."}
    )
    accepted = client.post(url(world, "planitem.create"), data)

    assert refused.status_code == 400
    assert list(refused.context["form"].errors) == ["device_model"]
    assert no_reason.status_code == 400
    assert list(no_reason.context["exception_form"].errors) == ["reason"]
    assert granted.status_code == 302
    exception = ComplianceException.objects.get()
    assert (exception.process, exception.granted_by, exception.reason) == (
        world.process,
        world.users["lead"],
        "DPIA i gang.",
    )
    assert accepted.status_code == 302
    page = client.get(url(world, "deviceplan")).content.decode()
    assert f'id="exception-{exception.pk}"' in page and "DPIA i gang." in page


def test_device_plan_page_and_regeneration(plan_world):
    world = plan_world
    hand_written = CostLineFactory(initiative=world._budget_initiative, amount_1=Decimal("100"))
    item = DevicePlanItemFactory(
        initiative=world._budget_initiative,
        device_model=DeviceModelFactory(category=world._budget_category),
    )
    client = world.client_for("contributor")
    settings = {**SETTINGS_DATA, "setup_initiative": world._budget_initiative.pk}
    saved = client.post(url(world, "deviceplan.settings"), settings, follow=True)
    assert [str(m) for m in saved.context["messages"]] == [da("The settings were saved.")]

    first = client.post(url(world, "deviceplan.regenerate"), follow=True)
    lines = list(CostLine.objects.filter(generated=True).order_by("position"))
    second = client.post(url(world, "deviceplan.regenerate"), follow=True)

    assert [(line.element, line.amounts[0]) for line in lines] == [
        ("purchase", Decimal("12400")),  # 4 × 3.100
        ("setup", Decimal("780")),  # 4 × (150 + 45)
    ]
    assert [str(m) for m in first.context["messages"]] == [
        da(
            "Budget lines generated: %(created)d new, %(updated)d changed, %(deleted)d removed.",
            created=2,
            updated=0,
            deleted=0,
        )
    ]
    assert [str(m) for m in second.context["messages"]] == [
        da("The budget lines were already up to date.")
    ]
    hand_written.refresh_from_db()
    assert (hand_written.amount_1, hand_written.history.count()) == (Decimal("100"), 1)
    plan = second.context["plan"]
    assert (plan.devices, plan.sim_cards, plan.generated_line_count) == (4, 0, 2)
    assert [(row.item.pk, row.computed_need, row.quantity) for row in plan.rows] == [
        (item.pk, 4, 4)
    ]
    html = second.content.decode()
    assert f'id="planitem-{item.pk}"' in html
    assert url(world, "deviceplan.regenerate") in html
    viewer = world.client_for("viewer").get(url(world, "deviceplan")).content.decode()
    assert url(world, "deviceplan.regenerate") not in viewer


def test_regeneration_is_refused_while_a_model_breaks_the_guidelines(plan_world):
    world = plan_world
    DevicePlanItemFactory(
        initiative=world._budget_initiative,
        device_model=DeviceModelFactory(category=world._budget_category, framework_agreement=""),
    )
    ITGuidelineFactory(organisation=world.process.organisation, kind="framework_agreement")

    response = world.client_for("lead").post(url(world, "deviceplan.regenerate"), follow=True)

    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert CostLine.objects.count() == 0
    assert "needs an exception" in response.content.decode() or da("needs an exception") in (
        response.content.decode()
    )


def test_plan_settings_refuse_an_initiative_of_another_process(plan_world):
    world = plan_world
    foreign = InitiativeFactory(theme=world.other["theme"])

    response = world.client_for("lead").post(
        url(world, "deviceplan.settings"), {**SETTINGS_DATA, "replacement_initiative": foreign.pk}
    )

    assert response.status_code == 400
    assert list(response.context["settings_form"].errors) == ["replacement_initiative"]


def test_plan_item_edit_override_and_delete(plan_world):
    world = plan_world
    item = DevicePlanItemFactory(
        initiative=world._budget_initiative,
        device_model=DeviceModelFactory(category=world._budget_category),
    )
    world._budget_category = item.category
    item.device_model.active = False  # retired from the catalogue: the plan keeps it
    item.device_model.save()
    client = world.client_for("lead")
    data = {**plan_item_data(world), "device_model": item.device_model.pk, "quantity_override": "9"}

    assert client.post(url(world, "planitem.edit", pk=item.pk), data).status_code == 302
    item.refresh_from_db()
    assert item.quantity_override == 9
    assert client.post(url(world, "planitem.delete", pk=item.pk)).status_code == 302
    assert DevicePlanItem.objects.count() == 0


# --- Navigation ----------------------------------------------------------------------------


def test_process_menu_links_to_investment_and_budget(world):
    html = world.client_for("viewer").get(url(world, "budget")).content.decode()

    assert f'<a class="nav-link active" aria-current="page" href="{url(world, "budget")}">' in html
    assert f'href="{url(world, "investment")}"' in html
