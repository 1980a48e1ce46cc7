"""The budget basis as a workbook and as CSV: the workbook opens with openpyxl, its formulas
evaluate to the page's totals, and the CSV parses back to the exact rows."""

import csv
import io
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter

from actionplan.budget_enums import GuidelineRuleKind
from tests.actionplan.budget_factories import (
    ComplianceExceptionFactory,
    DeviceCategoryFactory,
    DeviceModelFactory,
    ITGuidelineFactory,
    NeedRuleFactory,
)
from tests.actionplan.budget_ui_data import budget_lines

SHEETS = ["Budgetgrundlag", "Pr. indsats", "Enheder pr. institution", "Overholdelse"]
CELL = re.compile(r"^\$?([A-Z]+)\$?(\d+)$")


class Evaluator:
    """Enough of a spreadsheet to check our formulas: numbers, SUM over cells and ranges,
    SUMIFS with one text criterion. Everything in Decimal (as the page computes)."""

    def __init__(self, sheet):
        self.sheet = sheet

    def value(self, ref: str) -> Decimal:
        raw = self.sheet[ref.replace("$", "")].value
        if isinstance(raw, str) and raw.startswith("="):
            return self.formula(raw[1:])
        if isinstance(raw, (int, float)):
            return Decimal(str(raw))
        return Decimal(0)

    def cells(self, ref: str) -> list[str]:
        if ":" not in ref:
            return [ref]
        start, end = ref.split(":")
        column_a, row_a = CELL.match(start).groups()
        column_b, row_b = CELL.match(end).groups()
        return [
            f"{get_column_letter(column)}{row}"
            for column in range(
                column_index_from_string(column_a), column_index_from_string(column_b) + 1
            )
            for row in range(int(row_a), int(row_b) + 1)
        ]

    def formula(self, text: str) -> Decimal:
        name, args = re.fullmatch(r"(SUM|SUMIFS)\((.*)\)", text).groups()
        parts = args.split(",")
        if name == "SUM":
            return sum((self.value(c) for part in parts for c in self.cells(part)), Decimal(0))
        values, criteria, wanted = parts
        wanted = wanted.strip('"')
        pairs = zip(self.cells(values), self.cells(criteria), strict=True)
        return sum(
            (self.value(v) for v, c in pairs if self.sheet[c.replace("$", "")].value == wanted),
            Decimal(0),
        )


def thousands(value: Decimal) -> int:
    """A 1.000-kr. cell value as the page rounds it."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def rows_by_label(sheet, column: str = "B") -> dict[str, int]:
    return {
        cell.value: cell.row for cell in sheet[column] if isinstance(cell.value, str) and cell.value
    }


def year_values(evaluator, row: int, columns="EFGH") -> list[int]:
    return [thousands(evaluator.value(f"{col}{row}")) for col in columns]


@pytest.fixture
def budget(world):
    return budget_lines(world)


def get_xlsx(world, persona="viewer", **params):
    url = reverse("actionplan:budget.xlsx", kwargs={"slug": world.process.slug})
    response = world.client_for(persona).get(url, params)
    assert response.status_code == 200
    return response


def test_budget_xlsx_is_at_the_stable_address(budget):
    response = get_xlsx(budget)

    assert reverse("actionplan:budget.xlsx", kwargs={"slug": budget.process.slug}) == (
        f"/p/{budget.process.slug}/budget.xlsx"
    )
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        f'attachment; filename="budget-{budget.process.slug}.xlsx"'
    )
    assert load_workbook(io.BytesIO(response.content)).sheetnames == SHEETS


def test_budget_sheet_formulas_equal_the_page_totals(budget):
    page = budget.client_for("viewer").get(
        reverse("actionplan:budget", kwargs={"slug": budget.process.slug})
    )
    basis = page.context["basis"]

    sheet = load_workbook(io.BytesIO(get_xlsx(budget).content))["Budgetgrundlag"]

    evaluator = Evaluator(sheet)
    labels = rows_by_label(sheet)
    assert sheet["A1"].value == f"Budgetgrundlag – {budget.process.title}"
    assert sheet["A2"].value == basis.heading
    assert [sheet.cell(row=5, column=c).value for c in range(1, 11)] == [
        "Nr.",
        "Tekst",
        "Drift/anlæg",
        "Engangs/varig",
        2027,
        2028,
        2029,
        2030,
        "Finansiering",
        "Genereret",
    ]
    # Each line holds its exact kroner ÷ 1000, shown with the thousands format.
    kurser = labels["Kurser"]
    assert [sheet[f"{col}{kurser}"].value for col in "EFGH"] == [1.5, 0, 0, 0]
    assert {sheet[f"{col}{kurser}"].number_format for col in "EFGH"} == {"#,##0"}
    assert sheet[f"E{labels['Gevinst']}"].value == 0
    assert sheet[f"F{labels['Gevinst']}"].value == -60
    # Subtotals and totals are formulas whose values round to the page's figures.
    assert sheet[f"E{labels['I alt 2.1']}"].value.startswith("=SUM(E")
    for theme_group in basis.themes:
        assert year_values(evaluator, labels[f"I alt {theme_group.theme.title}"]) == (
            theme_group.subtotal.thousands
        )
        for group in theme_group.initiatives:
            row = labels[f"I alt {group.initiative.number}"]
            assert year_values(evaluator, row) == group.subtotal.thousands
    totals = {
        "I alt drift": basis.drift,
        "I alt anlæg": basis.anlaeg,
        "Heraf engangs": basis.one_off,
        "Heraf varig": basis.recurring,
        "I alt": basis.total,
    }
    for label, figures in totals.items():
        assert sheet[f"E{labels[label]}"].value.startswith(("=SUM", "=SUMIFS"))
        assert year_values(evaluator, labels[label]) == figures.thousands, label
    assert year_values(evaluator, labels["I alt drift"]) == [12, -59, -59, -59]
    assert year_values(evaluator, labels["I alt"]) == [912, -59, -59, -59]
    for row in basis.by_financing:
        assert year_values(evaluator, labels[row.label]) == row.figures.thousands


def test_initiative_sheet_and_scenario(budget):
    workbook = load_workbook(io.BytesIO(get_xlsx(budget, scenario="request").content))

    sheet = workbook["Pr. indsats"]
    evaluator = Evaluator(sheet)
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2, max_row=4)]
    assert rows[0] == ["Nr.", "Indsats", "Tema", 2027, 2028, 2029, 2030, "I alt"]
    assert [row[:7] for row in rows[1:]] == [
        ["1.1", budget.initiatives["1.1"].title, "Tid til børnene", 1.5, -60, -60, -60],
        ["2.1", budget.initiatives["2.1"].title, "Udstyr", 900.8, 0.8, 0.8, 0.8],
    ]
    assert rows[1][7] == "=SUM(D3:G3)"
    assert sheet["B5"].value == "I alt"
    assert year_values(evaluator, 5, "DEFG") == [902, -59, -59, -59]
    assert thousands(evaluator.value("H5")) == 725  # 902,3 − 3 × 59,2 = 724,7
    assert sheet.max_row == 5  # 2.2 is not in the budget request


def test_need_and_compliance_sheets(world, labels_da):
    organisation = world.process.organisation
    tablets = DeviceCategoryFactory(organisation=organisation, name="Pædagog-tablet")
    phones = DeviceCategoryFactory(organisation=organisation, name="Telefon")
    NeedRuleFactory(category=tablets, per_room=1, fte_divisor=8)  # 4 + ceil(17 / 8) = 7
    NeedRuleFactory(category=phones, per_unit=2)
    ITGuidelineFactory(organisation=organisation, kind=GuidelineRuleKind.FRAMEWORK_AGREEMENT)
    ITGuidelineFactory(organisation=organisation, kind=GuidelineRuleKind.DPIA_AND_DPA)
    ipad = DeviceModelFactory(category=tablets, name="iPad")
    phone = DeviceModelFactory(category=phones, name="Android", dpia_done=False)
    ComplianceExceptionFactory(
        process=world.process,
        device_model=phone,
        reason="DPIA i gang.",
        granted_by__full_name="Dea",
    )

    workbook = load_workbook(io.BytesIO(get_xlsx(world).content))

    need = workbook["Enheder pr. institution"]
    assert [[c.value for c in row] for row in need.iter_rows(min_row=2)] == [
        ["Institution", "Pædagog-tablet", "Telefon", "I alt"],
        [world.org_unit.name, 7, 2, "=SUM(B3:C3)"],
        ["I alt", "=SUM(B3:B3)", "=SUM(C3:C3)", "=SUM(D3:D3)"],
    ]
    evaluator = Evaluator(need)
    assert [evaluator.value(ref) for ref in ("B4", "C4", "D4")] == [7, 2, 9]
    compliance = workbook["Overholdelse"]
    rows = [[c.value for c in row] for row in compliance.iter_rows(min_row=2)]
    met, not_met = labels_da["met"], labels_da["not_met"]
    assert [row[:4] for row in rows] == [
        ["Kategori", "Model", "Regel", "Status"],
        ["Pædagog-tablet", ipad.name, "Regel framework_agreement", met],
        ["Pædagog-tablet", ipad.name, "Regel dpia_and_dpa", met],
        ["Pædagog-tablet", ipad.name, "Samlet", met],
        ["Telefon", phone.name, "Regel framework_agreement", met],
        ["Telefon", phone.name, "Regel dpia_and_dpa", not_met],
        ["Telefon", phone.name, "Samlet", not_met],
    ]
    assert rows[-1][4].startswith("Undtagelse: DPIA i gang. (")


@pytest.fixture
def labels_da():
    """The Danish words of the compliance statuses (the workbook follows the page's language)."""
    from django.utils import translation

    from actionplan.budget_enums import Compliance

    with translation.override("da"):
        return {c.value: str(c.label) for c in Compliance}


def test_budget_csv_parses_back_to_the_exact_rows(budget):
    url = reverse("actionplan:budget.csv", kwargs={"slug": budget.process.slug})

    response = budget.client_for("viewer").get(url, {"scenario": "phase1"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="budget-{budget.process.slug}.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    drift, one_off, recurring, budget_request, offset = (
        str(x) for x in _labels("drift", "one_off", "recurring", "budget_request", "offset")
    )
    title = budget.initiatives["1.1"].title
    assert rows == [
        [
            "Tema",
            "Nr.",
            "Indsats",
            "Linje",
            "Drift/anlæg",
            "Engangs/varig",
            "2027 (kr.)",
            "2028 (kr.)",
            "2029 (kr.)",
            "2030 (kr.)",
            "Finansiering",
            "Genereret",
            "Note",
        ],
        [
            "Tid til børnene",
            "1.1",
            title,
            "Kurser",
            drift,
            one_off,
            "1500,00",
            "0,00",
            "0,00",
            "0,00",
            budget_request,
            "nej",
            "",
        ],
        [
            "Tid til børnene",
            "1.1",
            title,
            "Gevinst",
            drift,
            recurring,
            "0,00",
            "-60000,00",
            "-60000,00",
            "-60000,00",
            offset,
            "nej",
            "",
        ],
    ]


def _labels(*values):
    from django.utils import translation

    from actionplan.budget_enums import CostKind, Financing, Recurrence

    lookup = {**dict(CostKind.choices), **dict(Recurrence.choices), **dict(Financing.choices)}
    with translation.override("da"):
        return [str(lookup[value]) for value in values]


def test_demo_workbook_totals_equal_the_page(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    from django.test import Client

    from accounts.models import User

    client = Client()
    client.force_login(User.objects.get(email="laeser@demo.rodovre.dk"))
    page = client.get(reverse("actionplan:budget", kwargs={"slug": "digitalisering-0-6"}))
    response = client.get("/p/digitalisering-0-6/budget.xlsx")

    sheet = load_workbook(io.BytesIO(response.content))["Budgetgrundlag"]
    evaluator, labels = Evaluator(sheet), rows_by_label(sheet)
    basis = page.context["basis"]
    assert year_values(evaluator, labels["I alt drift"]) == basis.drift.thousands
    assert year_values(evaluator, labels["I alt drift"]) == [3294, 2072, 1253, 1103]
    assert year_values(evaluator, labels["I alt anlæg"]) == [900, 0, 0, 0]
    need = load_workbook(io.BytesIO(response.content))["Enheder pr. institution"]
    total_row = rows_by_label(need, "A")["I alt"]
    total_column = need.cell(row=2, column=need.max_column).column_letter
    assert Evaluator(need).value(f"{total_column}{total_row}") == 339
