"""Demo data of the investment basis and the budget (DOMAIN.md §4 and §6): device categories
with the default need rules, the catalogue, the IT guidelines, an existing inventory with
outdated iPads, the device plan and its settings, one exception, the hand-written cost lines,
and the generated lines.

With the demo institutions the need is 339 devices and 93 SIM cards, and the budget basis
shows drift 3.294 / 2.072 / 1.253 / 1.103 and anlæg 900 / 0 / 0 / 0 (1.000 kr., 2027-priser);
tests/actionplan/test_budget_demo.py asserts these figures.

Called by actionplan.demo.seed() with the initiatives by number. Idempotent like the rest of
the demo: rows are found by their natural key and saved only when something changed, and the
regeneration writes nothing when the plan is unchanged.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model

from actionplan import budget_selectors, budget_services
from actionplan.budget_enums import CostKind, Financing, GuidelineRuleKind, Recurrence
from actionplan.budget_models import (
    ComplianceException,
    CostLine,
    DeviceCategory,
    DeviceModel,
    DevicePlanItem,
    DevicePlanSettings,
    InventoryItem,
    ITGuideline,
    NeedRule,
)
from actionplan.demo import save_changed
from actionplan.models import Initiative
from strategy.models import OrgUnit, StrategyProcess

EXCEPTION_GRANTED_BY = "digitaliseringschef@demo.rodovre.dk"

PAEDAGOG_TABLET = "Pædagog-tablet"
DAGPLEJE_TABLET = "Dagpleje-tablet"
KOMME_GAA = "Komme/gå-skærm"
LAPTOP = "Bærbar pc (ledelse)"
PHONE = "Tur-/vagttelefon"
WORKSTATION = "Fælles arbejdsstation"
TOOLS = "Pædagogiske redskaber"
CATEGORIES = [PAEDAGOG_TABLET, DAGPLEJE_TABLET, KOMME_GAA, LAPTOP, PHONE, WORKSTATION, TOOLS]

INSTITUTIONS = {"for_integrated": True, "for_nursery": True, "for_kindergarten": True}
DAGPLEJE = {"for_dagpleje": True}

# category -> [(applies to, terms, note)] (DOMAIN.md §4)
NEED_RULES = {
    PAEDAGOG_TABLET: [
        (INSTITUTIONS, {"per_room": 1, "fte_divisor": 8}, "1 pr. stue + 1 pr. 8 årsværk (pulje)"),
    ],
    DAGPLEJE_TABLET: [
        (DAGPLEJE, {"per_childminder": 1, "per_play_centre": 1}, "1 pr. dagplejer og legestue"),
    ],
    KOMME_GAA: [
        (
            INSTITUTIONS,
            {"per_unit": 1, "children_threshold": 100, "extra_over_threshold": 1},
            "1 pr. hus, +1 over 100 børn",
        ),
    ],
    LAPTOP: [
        (INSTITUTIONS, {"per_unit": 1, "per_deputy": 1}, "Leder og souschef"),
        (
            DAGPLEJE,
            {"per_unit": 1, "per_dagpleje_pedagogue": 1},
            "Dagplejeleder og dagplejepædagoger",
        ),
    ],
    PHONE: [
        ({"for_integrated": True}, {"per_unit": 2}, "Integreret: vuggestue- og børnehavedel"),
        ({"for_nursery": True, "for_kindergarten": True}, {"per_unit": 1}, "1 pr. hus"),
    ],
    WORKSTATION: [
        (INSTITUTIONS, {"per_unit": 1}, "1 pr. personalerum"),
    ],
}

MANAGED = {
    "setup_cost": Decimal("150"),
    "levy": Decimal("45"),
    "mdm_licence_per_year": Decimal("90"),
    "support_per_year": Decimal("450"),
    "mdm_enrolment": True,
    "screen_lock": True,
    "dpia_done": True,
    "dpa_done": True,
    "child_facing": False,
    "section_8a_justification": "",
}
SKI_TABLETS = "SKI 50.43 Tablets"
SKI_COMPUTERS = "SKI 50.40 Computere og it-tilbehør"

# (category, model name) -> values
CATALOGUE = {
    (PAEDAGOG_TABLET, 'iPad 11" Wi-Fi 128 GB'): {
        **MANAGED,
        "unit_price": Decimal("2750"),
        "accessories": "robust cover",
        "accessories_price": Decimal("350"),
        "lifetime_years": 4,
        "subscription_per_year": Decimal("0"),
        "framework_agreement": SKI_TABLETS,
        "os_updates_until": 2032,
    },
    (DAGPLEJE_TABLET, 'iPad 11" Wi-Fi + Cellular 128 GB'): {
        **MANAGED,
        "unit_price": Decimal("3700"),
        "accessories": "robust cover",
        "accessories_price": Decimal("350"),
        "lifetime_years": 4,
        "subscription_per_year": Decimal("720"),
        "framework_agreement": SKI_TABLETS,
        "os_updates_until": 2032,
    },
    (KOMME_GAA, 'iPad 11" Wi-Fi 128 GB'): {
        **MANAGED,
        "unit_price": Decimal("2750"),
        "accessories": "aflåst vægholder",
        "accessories_price": Decimal("1900"),
        "lifetime_years": 4,
        "subscription_per_year": Decimal("0"),
        "framework_agreement": SKI_TABLETS,
        "os_updates_until": 2032,
    },
    (LAPTOP, 'Business-laptop 14"'): {
        **MANAGED,
        "unit_price": Decimal("7400"),
        "accessories": 'dock og 24" skærm',
        "accessories_price": Decimal("2400"),
        "lifetime_years": 4,
        "subscription_per_year": Decimal("0"),
        "framework_agreement": SKI_COMPUTERS,
        "os_updates_until": 2031,
    },
    (WORKSTATION, 'Business-laptop 14"'): {
        **MANAGED,
        "unit_price": Decimal("7400"),
        "accessories": 'dock og 24" skærm',
        "accessories_price": Decimal("2400"),
        "lifetime_years": 4,
        "subscription_per_year": Decimal("0"),
        "framework_agreement": SKI_COMPUTERS,
        "os_updates_until": 2031,
    },
    # No DPIA yet for the phones' camera use: not compliant, let in by an exception.
    (PHONE, "Android-telefon (Android Enterprise)"): {
        **MANAGED,
        "unit_price": Decimal("2300"),
        "accessories": "cover",
        "accessories_price": Decimal("250"),
        "lifetime_years": 3,
        "subscription_per_year": Decimal("720"),
        "framework_agreement": "SKI 50.48 Tele og data",
        "os_updates_until": 2030,
        "dpia_done": False,
    },
    # Child-facing (§ 8 a), not a managed device: MDM and lock unknown, no framework agreement.
    (TOOLS, "Gulvrobotter, 6-pak"): {
        "setup_cost": Decimal("150"),
        "levy": Decimal("45"),
        "mdm_licence_per_year": Decimal("0"),
        "support_per_year": Decimal("0"),
        "unit_price": Decimal("4200"),
        "accessories": "",
        "accessories_price": Decimal("0"),
        "lifetime_years": 5,
        "subscription_per_year": Decimal("0"),
        "framework_agreement": "",
        "os_updates_until": None,
        "mdm_enrolment": None,
        "screen_lock": None,
        "dpia_done": None,
        "dpa_done": None,
        "child_facing": True,
        "section_8a_justification": (
            "Bruges i planlagte forløb med 3-6-årige om sprog, matematisk opmærksomhed og "
            "samarbejde, altid sammen med en voksen (læreplanstemaerne Natur, udeliv og "
            "science samt Kommunikation og sprog)."
        ),
    },
}

# kind -> (position, title, description, price ceiling)
GUIDELINES = {
    GuidelineRuleKind.FRAMEWORK_AGREEMENT: (
        1,
        "Køb på kommunens rammeaftaler",
        "It-udstyr købes på SKI-rammeaftalerne (50.40, 50.43, 50.48), som kommunen har "
        "tilsluttet sig.",
        None,
    ),
    GuidelineRuleKind.MDM_ENROLMENT: (
        2,
        "Enheden kan tilmeldes MDM",
        "Alle tablets, telefoner og pc'er tilmeldes kommunens enhedsstyring (Apple ADE eller "
        "Android Enterprise) før brug.",
        None,
    ),
    GuidelineRuleKind.OS_UPDATES_LIFETIME: (
        3,
        "Sikkerhedsopdateringer i hele levetiden",
        "Styresystemet skal modtage sikkerhedsopdateringer fra købsåret og hele levetiden ud.",
        None,
    ),
    GuidelineRuleKind.SCREEN_LOCK: (
        4,
        "Kode- eller biometrisk lås",
        "Enheden låses med kode, fingeraftryk eller ansigtsgenkendelse.",
        None,
    ),
    GuidelineRuleKind.DPIA_AND_DPA: (
        5,
        "Konsekvensanalyse og databehandleraftale",
        "DPIA og databehandleraftale er på plads, før enheden bruges til oplysninger om børn "
        "og familier (jf. Datatilsynets Chromebook-sager).",
        None,
    ),
    GuidelineRuleKind.CHILD_FACING_8A: (
        6,
        "Brug med børn er fagligt begrundet (§ 8 a)",
        "Udstyr, som børnene bruger, kræver en faglig begrundelse efter dagtilbudslovens § 8 a.",
        None,
    ),
    GuidelineRuleKind.PRICE_CEILING: (
        7,
        "Prisloft pr. enhed",
        "Hardware inkl. tilbehør må højst koste 15.000 kr. pr. enhed uden særskilt godkendelse.",
        Decimal("15000"),
    ),
}

EXCEPTION_REASON = (
    "Telefonerne bruges til tur- og vagtopkald og må ikke bruges til billeder, før DPIA'en for "
    "kamerabrug er færdig (forventet 1. kvartal 2027). Undtagelsen gælder indkøbet i 2027."
)

# institution, category, model, quantity, purchase year, OS support until (None = unknown)
INVENTORY = [
    ("Børnehuset Stjernen", PAEDAGOG_TABLET, "iPad 6. generation", 6, 2018, 2025),
    ("Engtoftens Børnehus", PAEDAGOG_TABLET, "iPad 7. generation", 4, 2019, 2026),
    ("Vuggestuen Spiren", PAEDAGOG_TABLET, "iPad 6. generation", 3, 2018, 2025),
    ("Børnehuset Kildevang", PAEDAGOG_TABLET, "Samsung Galaxy Tab A", 2, 2019, None),
    ("Dagplejen", DAGPLEJE_TABLET, "iPad 7. generation (cellular)", 10, 2019, 2026),
]

# category -> (initiative, financing of the purchase, financing of the subscriptions)
PLAN = {
    PAEDAGOG_TABLET: ("2.1", Financing.BUDGET_REQUEST, Financing.REPRIORITISATION),
    DAGPLEJE_TABLET: ("3.4", Financing.BUDGET_REQUEST, Financing.REPRIORITISATION),
    KOMME_GAA: ("1.1", Financing.BUDGET_REQUEST, Financing.REPRIORITISATION),
    LAPTOP: ("3.3", Financing.CENTRAL_POOL, Financing.REPRIORITISATION),
    PHONE: ("3.6", Financing.REPRIORITISATION, Financing.REPRIORITISATION),
    WORKSTATION: ("1.3", Financing.BUDGET_REQUEST, Financing.REPRIORITISATION),
}
PURCHASE_YEAR = 2027

D, A = CostKind.DRIFT, CostKind.ANLAEG
E, V = Recurrence.ONE_OFF, Recurrence.RECURRING


def _k(*amounts: int) -> list[Decimal]:
    return [Decimal(amount) for amount in amounts]


# initiative, label, kind, recurrence, amounts 2027..2030 (kroner), financing
COST_LINES = [
    (
        "3.2",
        "Trådløst netværk i alle 20 institutioner (20 × 45.000)",
        A,
        E,
        _k(900000, 0, 0, 0),
        Financing.CAPITAL_REQUEST,
    ),
    (
        "3.1",
        "Apps og skadesreserve",
        D,
        V,
        _k(73500, 65500, 65500, 65500),
        Financing.BUDGET_REQUEST,
    ),
    (
        "5.1",
        "Superbrugernetværk (21 × 37 t × 330 kr.)",
        D,
        V,
        _k(256410, 256410, 256410, 256410),
        Financing.BUDGET_REQUEST,
    ),
    (
        "5.2",
        "Kompetenceforløb inkl. vikardækning",
        D,
        E,
        _k(450000, 235000, 0, 0),
        Financing.BUDGET_REQUEST,
    ),
    ("5.3", "Programleder 0,5 årsværk", D, E, _k(325000, 325000, 0, 0), Financing.BUDGET_REQUEST),
    (
        "1.2",
        "Digital vagtplan: implementering",
        D,
        E,
        _k(150000, 0, 0, 0),
        Financing.BUDGET_REQUEST,
    ),
    (
        "1.2",
        "Digital vagtplan: licens",
        D,
        V,
        _k(126000, 126000, 126000, 126000),
        Financing.BUDGET_REQUEST,
    ),
    (
        "1.4",
        "Ledelsesinformation: opsætning",
        D,
        E,
        _k(0, 200000, 0, 0),
        Financing.CENTRAL_POOL,
    ),
    (
        "1.4",
        "Ledelsesinformation: drift",
        D,
        V,
        _k(0, 60000, 60000, 60000),
        Financing.CENTRAL_POOL,
    ),
    (
        "7.1",
        "Pædagogiske redskaber (18 × 11.600)",
        D,
        E,
        _k(0, 208800, 0, 0),
        Financing.REPRIORITISATION,
    ),
    ("6.1", "Awareness og billedpolitik", D, E, _k(80000, 0, 0, 0), Financing.BUDGET_REQUEST),
    (
        "6.1",
        "Awareness-træning, årlig opfølgning",
        D,
        V,
        _k(25000, 25000, 25000, 25000),
        Financing.BUDGET_REQUEST,
    ),
    ("5.3", "Evaluering", D, E, _k(0, 0, 150000, 0), Financing.BUDGET_REQUEST),
    (
        "1.1",
        "Gevinst: mindre print og telefoni",
        D,
        V,
        _k(0, -60000, -60000, -60000),
        Financing.OFFSET,
    ),
]


def _catalogue(organisation) -> dict[str, DeviceModel]:
    categories = {
        name: save_changed(
            DeviceCategory, {"organisation": organisation, "name": name}, {"position": position}
        )
        for position, name in enumerate(CATEGORIES, start=1)
    }
    for category_name, rules in NEED_RULES.items():
        category = categories[category_name]
        existing = {rule.note: rule for rule in NeedRule.objects.filter(category=category)}
        for applies_to, terms, note in rules:
            values = {
                "for_integrated": False,
                "for_nursery": False,
                "for_kindergarten": False,
                "for_dagpleje": False,
                **applies_to,
                **terms,
            }
            if note not in existing:
                save_changed(NeedRule, {"category": category, "note": note}, values)
            else:
                save_changed(NeedRule, {"pk": existing[note].pk}, values)
    models_by_category = {}
    for (category_name, name), values in CATALOGUE.items():
        model = save_changed(
            DeviceModel,
            {"category": categories[category_name], "name": name},
            {"organisation": organisation, "active": True, **values},
        )
        models_by_category[category_name] = model
    for kind, (position, title, description, ceiling) in GUIDELINES.items():
        save_changed(
            ITGuideline,
            {"organisation": organisation, "kind": kind},
            {
                "position": position,
                "title": title,
                "description": description,
                "price_ceiling": ceiling,
                "active": True,
            },
        )
    for unit_name, category_name, model_name, quantity, bought, support in INVENTORY:
        unit = OrgUnit.objects.get(organisation=organisation, name=unit_name)
        save_changed(
            InventoryItem,
            {
                "organisation": organisation,
                "org_unit": unit,
                "category": categories[category_name],
                "model_name": model_name,
            },
            {"quantity": quantity, "purchase_year": bought, "os_support_until": support},
        )
    return models_by_category


def _plan(process, initiatives, models) -> None:
    digitaliseringschef = get_user_model().objects.get(email=EXCEPTION_GRANTED_BY)
    save_changed(
        ComplianceException,
        {"process": process, "device_model": models[PHONE]},
        {"reason": EXCEPTION_REASON, "granted_by": digitaliseringschef},
    )
    for category_name, (number, financing, subscription_financing) in PLAN.items():
        model = models[category_name]
        save_changed(
            DevicePlanItem,
            {"process": process, "category": model.category},
            {
                "device_model": model,
                "initiative": initiatives[number],
                "purchase_year": PURCHASE_YEAR,
                "quantity_override": None,
                "kind": CostKind.DRIFT,
                "financing": financing,
                "subscription_financing": subscription_financing,
            },
        )
    save_changed(
        DevicePlanSettings,
        {"process": process},
        {
            "setup_initiative": initiatives["3.1"],
            "operations_initiative": initiatives["3.1"],
            "replacement_initiative": initiatives["3.5"],
            "setup_financing": Financing.BUDGET_REQUEST,
            "operations_financing": Financing.BUDGET_REQUEST,
            "replacement_financing": Financing.BUDGET_REQUEST,
        },
    )


def _cost_lines(process, initiatives) -> None:
    positions: dict[str, int] = {}
    for number, label, kind, recurrence, amounts, financing in COST_LINES:
        positions[number] = positions.get(number, 0) + 1
        save_changed(
            CostLine,
            {
                "process": process,
                "initiative": initiatives[number],
                "label": label,
                "generated": False,
            },
            {
                "kind": kind,
                "recurrence": recurrence,
                "amount_1": amounts[0],
                "amount_2": amounts[1],
                "amount_3": amounts[2],
                "amount_4": amounts[3],
                "financing": financing,
                "position": positions[number],
            },
        )


def seed(*, process: StrategyProcess, initiatives: dict[str, Initiative], lead, stdout=None):
    models = _catalogue(process.organisation)
    _plan(process, initiatives, models)
    _cost_lines(process, initiatives)
    budget_services.device_plan_regenerate(process=process, user=lead)
    if stdout is not None:
        plan = budget_selectors.device_plan(process)
        basis = budget_selectors.budget_basis(process)
        stdout.write(
            f"Investering og budget: {plan.devices} enheder, {plan.sim_cards} SIM-kort, "
            f"drift {' / '.join(basis.drift.display)}, "
            f"anlæg {' / '.join(basis.anlaeg.display)} (1.000 kr.)"
        )
