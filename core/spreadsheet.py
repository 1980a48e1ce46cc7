"""User text in CSV and XLSX exports stays text (formula injection, OWASP "CSV Injection").

CSV: a spreadsheet reads a cell that starts with =, +, -, @, a tab or a carriage return as a
formula. `csv_row` prefixes such text with an apostrophe (OWASP's recommendation), which the
spreadsheet shows as text. A plain number ("-60000,00", "+45") is left alone: it stays a number
and cannot call anything.

XLSX: openpyxl writes a str that starts with "=" as a formula (and "#N/A" and the other error
codes as error values). `xlsx_row` hands such text to the sheet as a text cell (data_type "s"),
which a spreadsheet shows as it is and never evaluates; the text itself is not changed. The
export's own formulas are marked with `Formula(...)` and stay formulas.

Numbers, dates and None pass through both unchanged.
"""

import re

# The characters that make a spreadsheet read a CSV cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*")


class Formula(str):
    """A formula the export writes itself ("=SUM(E7:E9)"): xlsx_row keeps it a formula."""

    __slots__ = ()


def csv_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_row(values) -> list:
    """The row for csv.writer.writerow() with every text kept text."""
    return [csv_cell(value) for value in values]


def xlsx_row(sheet, values) -> list:
    """The row for sheet.append(): a text openpyxl would write as a formula or an error value
    becomes a text cell; `Formula` values and everything else are passed as they are."""
    from openpyxl.cell.cell import Cell

    row = []
    for value in values:
        if (
            isinstance(value, str)
            and not isinstance(value, Formula)
            and value.startswith(("=", "#"))
        ):
            cell = Cell(sheet, value=value)
            cell.data_type = "s"
            value = cell
        row.append(value)
    return row
