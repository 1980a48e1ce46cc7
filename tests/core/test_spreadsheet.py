"""core.spreadsheet: user text in CSV and XLSX exports stays text; numbers, dates and the
export's own formulas stay what they are."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from core.spreadsheet import Formula, csv_cell, csv_row, xlsx_row


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("+45@example.dk", "'+45@example.dk"),
        ("-60000,00", "-60000,00"),
        ("+45", "+45"),
        ("-1.5", "-1.5"),
        ("Kurser = 2 dage", "Kurser = 2 dage"),
        ("", ""),
        ("'=1", "'=1"),
    ],
)
def test_csv_cell_prefixes_text_that_starts_a_formula(value, expected):
    assert csv_cell(value) == expected


def test_csv_row_leaves_values_that_are_not_text_alone():
    assert csv_row([-5, Decimal("-1.50"), None, "=A1", "ok"]) == [
        -5,
        Decimal("-1.50"),
        None,
        "'=A1",
        "ok",
    ]


def test_xlsx_row_keeps_text_text_and_own_formulas_formulas():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        xlsx_row(
            sheet,
            [
                '=HYPERLINK("https://example.invalid/","Klik")',
                "#N/A",
                "+SUM(1)",
                Formula("=SUM(E1:F1)"),
                3,
                Decimal("2.5"),
                date(2027, 1, 1),
                None,
                "tekst",
            ],
        )
    )
    buffer = io.BytesIO()
    workbook.save(buffer)

    row = load_workbook(io.BytesIO(buffer.getvalue())).active[1]

    assert [(cell.value, cell.data_type) for cell in row[:6]] == [
        ('=HYPERLINK("https://example.invalid/","Klik")', "s"),
        ("#N/A", "s"),
        ("+SUM(1)", "s"),
        ("=SUM(E1:F1)", "f"),
        (3, "n"),
        (2.5, "n"),
    ]
    assert row[6].is_date
    assert row[7].value is None
    assert (row[8].value, row[8].data_type) == ("tekst", "s")
