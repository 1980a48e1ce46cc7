"""render.compact_html: the indentation around layout elements goes, every printed space stays."""

import pytest

from reporting.render import compact_html


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>a</p>\n  <p>b</p>", "<p>a</p><p>b</p>"),
        ("<tr>\n  <td>1</td>\n  <td>2</td>\n</tr>", "<tr><td>1</td><td>2</td></tr>"),
        (
            '<svg viewBox="0 0 1 1">\n <g>\n  <rect/>\n </g>\n</svg>',
            '<svg viewBox="0 0 1 1"><g><rect/></g></svg>',
        ),
        # Between two inline elements the space prints: it stays.
        ("<strong>Mål</strong> <span>2027</span>", "<strong>Mål</strong> <span>2027</span>"),
        (
            '<li>Tablets <span class="meta">(Teknologi)</span></li>',
            '<li>Tablets <span class="meta">(Teknologi)</span></li>',
        ),
        # Next to text nothing changes (the text's own spaces are WeasyPrint's to collapse).
        ("<p>\n  Vision for\n  børnene\n</p>", "<p>\n  Vision for\n  børnene\n</p>"),
        ("<td>1 234</td>", "<td>1 234</td>"),
    ],
)
def test_compact_html_removes_only_the_whitespace_next_to_layout_elements(html, expected):
    assert compact_html(html) == expected
