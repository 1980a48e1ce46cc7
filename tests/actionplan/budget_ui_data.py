"""The cost lines the budget page, export and grid tests share: two themes, three initiatives,
six lines and a line of another process."""

from decimal import Decimal

from actionplan.budget_enums import CostKind, Financing, Recurrence
from tests.actionplan.budget_factories import CostLineFactory
from tests.factories import InitiativeFactory, ThemeFactory


def _line(initiative, label, kind, recurrence, amounts, financing, **extra):
    return CostLineFactory(
        initiative=initiative,
        label=label,
        kind=kind,
        recurrence=recurrence,
        amount_1=Decimal(amounts[0]),
        amount_2=Decimal(amounts[1]),
        amount_3=Decimal(amounts[2]),
        amount_4=Decimal(amounts[3]),
        financing=financing,
        **extra,
    )


def budget_lines(world):
    """Two themes, three initiatives, six hand-written lines and a line of another process.

    By hand, in 1.000 kr.: the lines 1.500 kr. → 2, 400 kr. → 0 (twice), but their sum 800 kr.
    → 1; drift 2027 = 1.500 + 800 + 10.000 = 12.300 kr. → 12."""
    world.theme.priority_rank = 1
    world.theme.title = "Tid til børnene"
    world.theme.save()
    theme_b = ThemeFactory(process=world.process, priority_rank=2, title="Udstyr")
    i11 = InitiativeFactory(theme=world.theme, position=1, phase="1", in_budget_request=True)
    i21 = InitiativeFactory(theme=theme_b, position=1, phase="2", in_budget_request=True)
    i22 = InitiativeFactory(theme=theme_b, position=2, phase="", title="Uden for ønsket")
    drift, anlaeg = CostKind.DRIFT, CostKind.ANLAEG
    one_off, recurring = Recurrence.ONE_OFF, Recurrence.RECURRING
    lines = {
        "kurser": _line(i11, "Kurser", drift, one_off, ["1500", 0, 0, 0], Financing.BUDGET_REQUEST),
        "gevinst": _line(
            i11,
            "Gevinst",
            drift,
            recurring,
            [0, "-60000", "-60000", "-60000"],
            Financing.OFFSET,
        ),
        "net": _line(
            i21, "Netværk", anlaeg, one_off, ["900000", 0, 0, 0], Financing.CAPITAL_REQUEST
        ),
        "licens_a": _line(i21, "Licens A", drift, recurring, ["400"] * 4, Financing.CENTRAL_POOL),
        "licens_b": _line(i21, "Licens B", drift, recurring, ["400"] * 4, Financing.CENTRAL_POOL),
        "pilot": _line(i22, "Pilot", drift, one_off, ["10000", 0, 0, 0], Financing.BUDGET_REQUEST),
    }
    _line(
        InitiativeFactory(theme=world.other["theme"]),
        "Fremmed",
        drift,
        one_off,
        ["5000000", 0, 0, 0],
        Financing.BUDGET_REQUEST,
    )
    world.initiatives = {"1.1": i11, "2.1": i21, "2.2": i22}
    world.lines = lines
    return world
