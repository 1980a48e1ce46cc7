"""Reading uploaded CSV files for all-or-nothing imports.

Municipal staff export CSV from Excel: semicolon-separated, UTF-8 with a byte-order mark, or
Windows-1252. This module turns an upload into header-mapped rows with their line numbers, or a
list of Danish error messages; the importing service validates each row and writes nothing
unless every row is valid.
"""

import csv
import io
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _


class CsvError(Exception):
    """The file as a whole cannot be read (wrong encoding, no header, too large)."""


@dataclass
class CsvRow:
    line: int
    values: dict[str, str]


@dataclass
class CsvResult:
    """Outcome of an import: rows written, or errors by line number and nothing written."""

    created: int = 0
    updated: int = 0
    errors: list[tuple[int | None, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CsvError(_("The file could not be read. Save it as CSV (UTF-8) and try again."))


def normalise_header(name: str) -> str:
    """ "Børn 0-2" -> "børn_0_2": case, spaces and hyphens do not matter in a header."""
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def read_csv(upload: UploadedFile, *, columns: dict[str, str], required: set[str]) -> list[CsvRow]:
    """Parse an uploaded CSV file.

    `columns` maps accepted (normalised) header names to field names; `required` lists the field
    names that must have a column. Returns the data rows with their physical line numbers
    (the header is line 1). Raises CsvError when the file as a whole is unusable.
    """
    if upload.size is not None and upload.size > settings.CSV_IMPORT_MAX_BYTES:
        raise CsvError(
            _("The file is too large (at most %(size)d kB).")
            % {"size": settings.CSV_IMPORT_MAX_BYTES // 1024}
        )
    text = _decode(upload.read())
    if "\x00" in text:
        raise CsvError(_("The file is not a CSV file."))
    if not text.strip():
        raise CsvError(_("The file is empty."))
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise CsvError(_("The file is not a valid CSV file.")) from exc
    mapping: dict[int, str] = {}
    unknown: list[str] = []
    for index, name in enumerate(header):
        key = normalise_header(name)
        if key in columns:
            mapping[index] = columns[key]
        elif key:
            unknown.append(name.strip())
    if unknown:
        raise CsvError(
            _("Unknown column(s) in the header: %(columns)s.") % {"columns": ", ".join(unknown)}
        )
    missing = required - set(mapping.values())
    if missing:
        raise CsvError(
            _("The header is missing the column(s): %(columns)s.")
            % {"columns": ", ".join(sorted(missing))}
        )
    rows: list[CsvRow] = []
    try:
        for values in reader:
            line = reader.line_num
            if not any(value.strip() for value in values):
                continue
            if len(values) > len(header):
                rows.append(CsvRow(line, {"__error__": _("The row has too many fields.")}))
                continue
            rows.append(
                CsvRow(
                    line,
                    {
                        field: values[i].strip() if i < len(values) else ""
                        for i, field in mapping.items()
                    },
                )
            )
    except csv.Error as exc:
        raise CsvError(
            _("Line %(line)d could not be read: %(error)s")
            % {"line": reader.line_num, "error": exc}
        ) from exc
    if not rows:
        raise CsvError(_("The file has no data rows."))
    return rows
