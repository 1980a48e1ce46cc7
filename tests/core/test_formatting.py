"""Danish formats for dates and numbers, as the screens show them."""

from datetime import date
from decimal import Decimal

from django.template import Context, Template
from django.utils import translation


def render(source: str, **context) -> str:
    with translation.override("da"):
        return Template("{% load humanize l10n %}" + source).render(Context(context))


def test_numbers_use_thousand_dots_and_decimal_comma():
    assert render("{{ value }}", value=Decimal("1234.50")) == "1.234,50"
    assert render("{{ value|floatformat:2 }}", value=1234.5) == "1.234,50"
    assert render("{{ value }}", value=1200) == "1.200"


def test_dates_are_written_the_danish_way():
    assert render('{{ day|date:"j. F Y" }}', day=date(2026, 3, 5)) == "5. marts 2026"
    assert render("{{ day|date }}", day=date(2026, 3, 5)) == "5. marts 2026"


def test_institution_list_shows_danish_totals(world, lead_client):
    from tests.factories import OrgUnitFactory

    OrgUnitFactory(
        organisation=world.process.organisation,
        name="Stort hus",
        children_3_5=1100,
        fte=Decimal("1000.5"),
    )

    body = lead_client.get(f"/p/{world.process.slug}/institutioner/").content.decode()

    assert ">1.144<" in body  # 44 + 1.100 children 3-5
    assert ">1.017,5<" in body  # 17 + 1.000,5 FTE
