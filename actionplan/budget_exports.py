"""The budget basis as a workbook (openpyxl) and as CSV.

Workbook sheets:
- "Budgetgrundlag": the matrix, grouped by theme and initiative. Each line's yearly amounts are
  real numbers in 1.000 kr. (kroner ÷ 1000, not rounded) with the number format `#,##0`, so a
  spreadsheet shows whole thousands with the thousands separator of its locale ("3.294" in a
  Danish Excel) and computes with the exact figures. Subtotals and totals are formulas: SUM over
  an initiative's lines, SUM of the initiative subtotals per theme, SUMIFS by drift/anlæg,
  engangs/varig and financing over the line rows.
- "Pr. indsats": one row per initiative with its four yearly subtotals and a SUM total row.
- "Enheder pr. institution": the device need per institution and category with SUM totals.
- "Overholdelse": every catalogue item against every active IT-guideline rule, the overall
  result and the process's exception.

CSV: one row per cost line, amounts in kroner with a decimal comma (Danish Excel reads them as
numbers), UTF-8 with BOM and semicolons like the plan's export.

User text stays text (core.spreadsheet): in the CSV a text that a spreadsheet would read as a
formula gets a leading apostrophe; in the workbook such text is a text cell, and only the
formulas written here (marked `Formula`) are formulas.

Column headers are Danish (the documents go to a Danish budget process, like the plan's export);
choice labels (drift/anlæg, financing, ...) follow the active language.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from decimal import Decimal

from actionplan.budget import BudgetBasis, NeedTable
from actionplan.budget_enums import CostKind, Recurrence
from actionplan.budget_selectors import Catalogue
from core.spreadsheet import Formula, csv_row, xlsx_row

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
THOUSANDS_FORMAT = "#,##0"
THOUSAND = Decimal("1000")

CSV_HEADER = [
    "Tema",
    "Nr.",
    "Indsats",
    "Linje",
    "Drift/anlæg",
    "Engangs/varig",
    # the four budget years follow, then:
    "Finansiering",
    "Genereret",
    "Note",
]


def _kroner_text(amount: Decimal) -> str:
    """Kroner with two decimals and a decimal comma, no thousands separator: "-60000,00"."""
    return f"{Decimal(amount):.2f}".replace(".", ",")


def csv_header(basis: BudgetBasis) -> list[str]:
    years = [f"{year} (kr.)" for year in basis.years]
    return [*CSV_HEADER[:6], *years, *CSV_HEADER[6:]]


def csv_rows(basis: BudgetBasis) -> list[list[str]]:
    """One row per cost line of the basis, in the basis's order."""
    rows = []
    for theme_group in basis.themes:
        for group in theme_group.initiatives:
            initiative = group.initiative
            for entry in group.lines:
                line = entry.line
                rows.append(
                    csv_row(
                        [
                            theme_group.theme.title,
                            initiative.number,
                            initiative.title,
                            line.label,
                            entry.kind_label,
                            entry.recurrence_label,
                            *[_kroner_text(amount) for amount in entry.figures.kroner],
                            entry.financing_label,
                            "ja" if line.generated else "nej",
                            line.note,
                        ]
                    )
                )
    return rows


def budget_csv(basis: BudgetBasis) -> str:
    """The CSV text, starting with the byte-order mark Excel needs to read UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(csv_header(basis))
    writer.writerows(csv_rows(basis))
    return "\ufeff" + buffer.getvalue()


# --- The workbook -----------------------------------------------------------------------------

# The workbook's cell styles, registered once per workbook as named styles: a cell then only
# refers to its style by name (openpyxl compares and hashes a Font or an Alignment each time
# one is set on a cell, which at a few thousand cells was most of the export's time).
BOLD = "Fed"
TITLE = "Titel"
AMOUNT = "Beløb i 1.000 kr."
AMOUNT_BOLD = "Beløb i 1.000 kr., fed"


def _add_styles(workbook) -> None:
    from openpyxl.styles import Alignment, Font, NamedStyle

    right = Alignment(horizontal="right")
    for style in (
        NamedStyle(name=BOLD, font=Font(bold=True)),
        NamedStyle(name=TITLE, font=Font(bold=True, size=14)),
        NamedStyle(name=AMOUNT, number_format=THOUSANDS_FORMAT, alignment=right),
        NamedStyle(
            name=AMOUNT_BOLD, font=Font(bold=True), number_format=THOUSANDS_FORMAT, alignment=right
        ),
    ):
        workbook.add_named_style(style)


class _Rows:
    """Appends rows to a sheet and knows the number of the last one (openpyxl's max_row scans
    every cell, so asking it per row made a sheet quadratic in its rows). `amounts` are the
    1-based columns that hold amounts; they get the thousands format."""

    def __init__(self, sheet, amounts: Sequence[int] = ()):
        self.sheet = sheet
        self.amounts = set(amounts)
        self.last = 0

    def append(self, values: list, *, bold: bool = False) -> int:
        self.sheet.append(xlsx_row(self.sheet, values))
        self.last += 1
        for column, value in enumerate(values, start=1):
            if column in self.amounts and value is not None:
                style = AMOUNT_BOLD if bold else AMOUNT
            elif bold:
                style = BOLD
            else:
                continue
            self.sheet.cell(row=self.last, column=column).style = style
        return self.last


def get_column_letter(index: int) -> str:
    """1 → "A", 27 → "AA"."""
    letters = ""
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _widths(sheet, widths: list[int]) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width


def _thousands(kroner: Decimal) -> Decimal:
    return Decimal(kroner) / THOUSAND


def _sum(column: str, rows: Sequence[int]) -> Formula:
    return Formula("=SUM(" + ",".join(f"{column}{row}" for row in rows) + ")")


def _basis_sheet(sheet, basis: BudgetBasis) -> None:
    """The matrix with SUM/SUMIFS formulas. Columns: A Nr., B Tekst, C Drift/anlæg,
    D Engangs/varig, E-H the four years, I Finansiering, J Genereret."""
    process = basis.process
    year_columns = ["E", "F", "G", "H"]
    rows = _Rows(sheet, amounts=(5, 6, 7, 8))
    rows.append([f"Budgetgrundlag – {process.title}"])
    sheet["A1"].style = TITLE
    rows.append([basis.heading])
    rows.append([f"Scenarie: {basis.scenario.label}"])
    rows.append([])
    header = ["Nr.", "Tekst", "Drift/anlæg", "Engangs/varig", *basis.years, "Finansiering"]
    header_row = rows.append([*header, "Genereret"], bold=True)
    for column in year_columns:  # the years are headings, not amounts
        sheet[f"{column}{header_row}"].style = BOLD

    theme_totals: list[int] = []
    first_line = None
    for theme_group in basis.themes:
        theme = theme_group.theme
        rows.append([theme.priority_rank or "–", theme.title], bold=True)
        subtotal_rows = []
        for group in theme_group.initiatives:
            initiative = group.initiative
            rows.append([initiative.number, initiative.title], bold=True)
            start = rows.last + 1
            for entry in group.lines:
                rows.append(
                    [
                        None,
                        entry.line.label,
                        entry.kind_label,
                        entry.recurrence_label,
                        *[_thousands(amount) for amount in entry.figures.kroner],
                        entry.financing_label,
                        "ja" if entry.line.generated else None,
                    ]
                )
            end = rows.last
            if first_line is None:
                first_line = start
            subtotal = [Formula(f"=SUM({col}{start}:{col}{end})") for col in year_columns]
            subtotal_rows.append(
                rows.append([None, f"I alt {initiative.number}", None, None, *subtotal], bold=True)
            )
        theme_total = [_sum(col, subtotal_rows) for col in year_columns]
        theme_totals.append(
            rows.append([None, f"I alt {theme.title}", None, None, *theme_total], bold=True)
        )
    last_line = rows.last
    rows.append([])

    def sumifs(column: str, value: str) -> list:
        if first_line is None:
            return [0] * 4
        return [
            Formula(
                f"=SUMIFS({col}{first_line}:{col}{last_line},"
                f'${column}${first_line}:${column}${last_line},"{value}")'
            )
            for col in year_columns
        ]

    totals = [
        ("I alt drift", sumifs("C", str(CostKind.DRIFT.label))),
        ("I alt anlæg", sumifs("C", str(CostKind.ANLAEG.label))),
        ("Heraf engangs", sumifs("D", str(Recurrence.ONE_OFF.label))),
        ("Heraf varig", sumifs("D", str(Recurrence.RECURRING.label))),
        (
            "I alt",
            [_sum(col, theme_totals) if theme_totals else 0 for col in year_columns],
        ),
    ]
    for label, formulas in totals:
        rows.append([None, label, None, None, *formulas], bold=True)
    rows.append([])
    rows.append([None, "Finansiering"], bold=True)
    for row in basis.by_financing:
        rows.append([None, row.label, None, None, *sumifs("I", row.label)])

    _widths(sheet, [8, 60, 14, 14, 12, 12, 12, 12, 36, 11])
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=3)


def _initiative_sheet(sheet, basis: BudgetBasis) -> None:
    """One row per initiative: its yearly subtotals (1.000 kr., unrounded) and a total."""
    rows = _Rows(sheet, amounts=(4, 5, 6, 7, 8))
    rows.append([basis.heading])
    rows.append(["Nr.", "Indsats", "Tema", *basis.years, "I alt"])
    for cell in sheet[2]:
        cell.style = BOLD
    first = 3
    for theme_group in basis.themes:
        for group in theme_group.initiatives:
            row = rows.last + 1
            rows.append(
                [
                    group.initiative.number,
                    group.initiative.title,
                    theme_group.theme.title,
                    *[_thousands(amount) for amount in group.subtotal.kroner],
                    Formula(f"=SUM(D{row}:G{row})"),
                ]
            )
    last = rows.last
    if last >= first:
        total = [Formula(f"=SUM({col}{first}:{col}{last})") for col in "DEFGH"]
        rows.append([None, "I alt", None, *total], bold=True)
    _widths(sheet, [8, 50, 40, 12, 12, 12, 12, 12])
    sheet.freeze_panes = "C3"


def _need_sheet(sheet, need: NeedTable) -> None:
    """Devices to buy per institution (rows) and category (columns) with SUM totals."""
    rows = _Rows(sheet)
    rows.append([f"Enheder at købe pr. institution, {need.year}"])
    rows.append(
        ["Institution", *[category.name for category in need.categories], "I alt"], bold=True
    )
    count = len(need.categories)
    last_col = get_column_letter(count + 1)
    for row in need.rows:
        index = rows.last + 1
        total = Formula(f"=SUM(B{index}:{last_col}{index})") if count else 0
        rows.append([row.unit.name, *[cell.need for cell in row.cells], total])
    last = rows.last
    if last >= 3:
        rows.append(
            [
                "I alt",
                *[
                    Formula(f"=SUM({get_column_letter(col)}3:{get_column_letter(col)}{last})")
                    for col in range(2, count + 3)
                ],
            ],
            bold=True,
        )
    _widths(sheet, [36, *[16] * count, 10])
    sheet.freeze_panes = "B3"


def _compliance_sheet(sheet, catalogue: Catalogue) -> None:
    """Long format: one row per catalogue item and rule, then its overall result with the
    exception (if any)."""
    rows = _Rows(sheet)
    rows.append([f"Overholdelse af it-retningslinjerne, køb i {catalogue.purchase_year}"])
    rows.append(["Kategori", "Model", "Regel", "Status", "Begrundelse"], bold=True)
    for row in catalogue.rows:
        model = row.model
        for result in row.results:
            rows.append(
                [
                    model.category.name,
                    model.name,
                    result.rule.title,
                    str(result.status.label),
                    result.reason,
                ]
            )
        exception = ""
        if row.exception is not None:
            exception = f"Undtagelse: {row.exception.reason} ({row.exception.granted_by})"
        rows.append(
            [model.category.name, model.name, "Samlet", str(row.overall.label), exception],
            bold=True,
        )
    _widths(sheet, [24, 36, 48, 14, 80])
    sheet.freeze_panes = "C3"


def budget_workbook(*, basis: BudgetBasis, need: NeedTable, catalogue: Catalogue) -> bytes:
    """The workbook as bytes (openpyxl is imported here, not when the views load)."""
    from openpyxl import Workbook

    workbook = Workbook()
    _add_styles(workbook)
    basis_sheet = workbook.active
    basis_sheet.title = "Budgetgrundlag"
    _basis_sheet(basis_sheet, basis)
    _initiative_sheet(workbook.create_sheet("Pr. indsats"), basis)
    _need_sheet(workbook.create_sheet("Enheder pr. institution"), need)
    _compliance_sheet(workbook.create_sheet("Overholdelse"), catalogue)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
