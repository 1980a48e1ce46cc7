"""Compile and check the translation catalogues without GNU gettext.

    python scripts/messages.py compile   # .po -> .mo (used by `make run` and `make test`)
    python scripts/messages.py check     # fail on untranslated, fuzzy or obsolete entries

`make messages` (which needs gettext's xgettext) refreshes the .po files from the code; CI runs
it and fails when that changes anything, so a catalogue can never be stale.
"""

import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def catalogues() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))


def compile_all() -> int:
    for po_path in catalogues():
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
    return 0


def check_all() -> int:
    problems = 0
    for po_path in catalogues():
        po = polib.pofile(str(po_path))
        name = po_path.relative_to(LOCALE.parent)
        for entry in po.untranslated_entries():
            print(f"{name}: untranslated: {entry.msgid!r}")
            problems += 1
        for entry in po.fuzzy_entries():
            print(f"{name}: fuzzy: {entry.msgid!r}")
            problems += 1
        for entry in po.obsolete_entries():
            print(f"{name}: obsolete: {entry.msgid!r}")
            problems += 1
        print(f"{name}: {len(po.translated_entries())} translated, {po.percent_translated()} %")
    if not catalogues():
        print("no catalogues found under locale/")
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "compile":
        sys.exit(compile_all())
    if command == "check":
        sys.exit(check_all())
    print(__doc__)
    sys.exit(2)
