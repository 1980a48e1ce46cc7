"""Template filters of the investment basis and the budget: Danish money figures.

They only format (actionplan.budget does the rounding); they never query.
"""

from django import template

from actionplan import budget

register = template.Library()


@register.filter
def kroner(value) -> str:
    """A price or amount in kroner: "3.100", "59.737,50", "−60.000"."""
    if value is None or value == "":
        return ""
    return budget.format_kroner(value)


@register.filter
def thousands(value) -> str:
    """An amount in kroner shown in 1.000 kr.: 3293935 → "3.294"."""
    if value is None or value == "":
        return ""
    return budget.format_thousands(value)


@register.filter
def count(value) -> str:
    """A whole number with Danish thousands separators, independent of the language."""
    return budget.format_number(value or 0)
