"""The ballot's template-free widgets give the same HTML as Django's own widgets."""

import re

import pytest
from django import forms

from workshops.forms.widgets import BallotCheckboxInput, BallotNumberInput, BallotSelect

ATTRS = {
    "min": 0,
    "max": 5,
    "step": 1,
    "class": "form-control ballot-count",
    "data-ballot-count": "",
}


def _same(html: str) -> str:
    """Django's select template puts newlines between options; nothing else differs."""
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize("value", [None, "", 0, 3, "7", "x"])
@pytest.mark.parametrize(
    "extra", [None, {"id": "id_option-4"}, {"aria-invalid": "true", "aria-describedby": "e"}]
)
def test_number_input_renders_as_django(value, extra):
    ours = BallotNumberInput(attrs=ATTRS).render("option-4", value, attrs=extra)
    django = forms.NumberInput(attrs=ATTRS).render("option-4", value, attrs=extra)
    assert ours == django


@pytest.mark.parametrize("value", [None, "", True, False, "on"])
def test_checkbox_renders_as_django(value):
    attrs = {"class": "form-check-input"}
    ours = BallotCheckboxInput(attrs=attrs).render("option-4", value, attrs={"id": "x"})
    django = forms.CheckboxInput(attrs=attrs).render("option-4", value, attrs={"id": "x"})
    assert ours == django


@pytest.mark.parametrize("value", [None, "", "1", "3", "9"])
def test_select_renders_as_django(value):
    choices = [("", "Not ranked <ikke>"), ("1", "1"), ("2", "2"), ("3", "3")]
    attrs = {"class": "form-select ballot-rank"}
    ours = BallotSelect(attrs=attrs, choices=choices).render("option-4", value, attrs={"id": "x"})
    django = forms.Select(attrs=attrs, choices=choices).render("option-4", value, attrs={"id": "x"})
    assert _same(ours) == _same(django)


def test_number_input_escapes_attribute_values():
    html = BallotNumberInput(attrs={"data-x": '"><script>'}).render("n", '1"2', attrs=None)
    assert (
        html == '<input type="number" name="n" value="1&quot;2" data-x="&quot;&gt;&lt;script&gt;">'
    )
