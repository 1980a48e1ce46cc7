"""Run poppler's and qpdf's command-line tools on PDF bytes (Debian: poppler-utils, qpdf)."""

import subprocess
import tempfile
from pathlib import Path


def _run(args: list[str], pdf: bytes) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        return subprocess.run(  # noqa: S603 - fixed tools, a file we wrote
            [*args, str(path), *(["-"] if args[0] == "pdftotext" else [])],
            capture_output=True,
            text=True,
            check=False,
        )


def pdf_text(pdf: bytes) -> str:
    return _run(["pdftotext", "-layout"], pdf).stdout


def pdf_info(pdf: bytes) -> dict[str, str]:
    lines = _run(["pdfinfo"], pdf).stdout.splitlines()
    return {key.strip(): value.strip() for key, _, value in (line.partition(":") for line in lines)}


def pdf_fonts_embedded(pdf: bytes) -> list[tuple[str, str]]:
    """(font name, "yes"/"no" embedded) per font."""
    rows = _run(["pdffonts"], pdf).stdout.splitlines()[2:]
    return [(row.split()[0], row.split()[-5]) for row in rows if row.strip()]


def qpdf_check(pdf: bytes) -> int:
    return _run(["qpdf", "--check"], pdf).returncode
