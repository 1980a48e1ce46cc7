"""The ballot's inputs, rendered without the template engine.

The ballot page is the busiest page in the room (every phone loads it, votes and sees it again
within seconds), and Django renders each widget through two templates: with seven options that
was about half of the page's time. These widgets give the same HTML as Django's
(`django/forms/widgets/input.html`, `attrs.html`, `select.html`) from a few string joins;
tests/workshops/test_ballot_widgets.py compares them with Django's own rendering.
"""

from django import forms
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


def _attrs(attrs: dict) -> str:
    """Like attrs.html: in the given order, True as a bare name, False left out."""
    parts = []
    for name, value in attrs.items():
        if value is False or value is None:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(value)}"')
    return mark_safe("".join(parts))  # noqa: S308 - every name and value escaped above


def _input(widget: forms.widgets.Input, name: str, value, attrs) -> SafeString:
    final = {"type": widget.input_type, "name": name}
    value = widget.format_value(value)
    if value is not None:
        final["value"] = value
    final.update(widget.build_attrs(widget.attrs, attrs))
    return format_html("<input{}>", _attrs(final))


class BallotNumberInput(forms.NumberInput):
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        return _input(self, name, value, attrs)


class BallotCheckboxInput(forms.CheckboxInput):
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        attrs = dict(attrs or {})
        if self.check_test(value):
            attrs["checked"] = True
        return _input(self, name, value, attrs)


class BallotSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        final = {"name": name, **self.build_attrs(self.attrs, attrs)}
        chosen = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (key, " selected" if str(key) in chosen else "", label)
                for key, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", _attrs(final), options)
