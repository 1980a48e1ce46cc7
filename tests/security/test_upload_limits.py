"""Uploads are read in memory and only up to CSV_IMPORT_MAX_BYTES: a larger file is refused
before a byte of it is parsed, whichever import it is sent to."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from core.csvimport import CsvError, read_csv


def upload(size: int) -> SimpleUploadedFile:
    header = b"name\n"
    return SimpleUploadedFile("x.csv", header + b"a" * (size - len(header)))


def test_a_file_of_exactly_the_limit_is_read(settings):
    settings.CSV_IMPORT_MAX_BYTES = 2048

    rows = read_csv(upload(2048), columns={"name": "name"}, required={"name"})

    assert [(row.line, len(row.values["name"])) for row in rows] == [(2, 2043)]


def test_a_file_one_byte_over_the_limit_is_refused(settings):
    settings.CSV_IMPORT_MAX_BYTES = 2048

    with translation.override("en"), pytest.raises(CsvError) as raised:
        read_csv(upload(2049), columns={"name": "name"}, required={"name"})

    assert str(raised.value) == "The file is too large (at most 2 kB)."
