"""Ids printed in templates must never get the Danish thousands separator (1.234)."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRINTED_ID = re.compile(r"{{\s*[\w.]+\.(pk|id)\s*}}")


def test_templates_print_ids_unlocalized():
    offenders = []
    for template in ROOT.glob("*/templates/**/*.html"):
        if ".venv" in template.parts:
            continue
        text = template.read_text(encoding="utf-8")
        localize_off = re.sub(r"{% localize off %}.*?{% endlocalize %}", "", text, flags=re.S)
        offenders += [
            f"{template.relative_to(ROOT)}: {m.group(0)}" for m in PRINTED_ID.finditer(localize_off)
        ]

    assert offenders == []
