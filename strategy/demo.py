"""Demo data for Rødovre Kommune (DOMAIN.md §6). Idempotent: running it twice changes nothing.

`seed_demo` calls `seed(stdout)` of every app that has a `demo` module, in INSTALLED_APPS
order, so the apps below `strategy` add their own demo data without `strategy` importing them.
"""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from strategy import services
from strategy.enums import OrgUnitKind, PhaseStatus, Role
from strategy.models import Membership, Organisation, OrgUnit, ProcessPhase, StrategyProcess

DEMO_PASSWORD = "demo"
PROCESS_SLUG = "digitalisering-0-6"

# Demo logins (DESIGN.md): e-mail, name, role, title.
DEMO_ACCOUNTS = [
    ("projektleder@demo.rodovre.dk", "Pia Projektleder", Role.LEAD, "Projektleder"),
    (
        "styregruppe@demo.rodovre.dk",
        "Søren Styregruppe",
        Role.STEERING,
        "Børne- og kulturdirektør (formand)",
    ),
    ("bidragyder@demo.rodovre.dk", "Bo Bidragyder", Role.CONTRIBUTOR, "Digitaliseringsafdelingen"),
    ("laeser@demo.rodovre.dk", "Lise Læser", Role.VIEWER, "Økonomi"),
]

# The rest of the steering group: accounts without a password (they log in after a reset).
STEERING_GROUP = [
    ("dagtilbudschef@demo.rodovre.dk", "Dorthe Dagtilbudschef", "Dagtilbudschef"),
    ("digitaliseringschef@demo.rodovre.dk", "Dennis Digitaliseringschef", "Digitaliseringschef"),
    ("oekonomi@demo.rodovre.dk", "Ølstrup Økonomikonsulent", "Økonomikonsulent"),
    ("leder.solsikken@demo.rodovre.dk", "Lone Leder", "Institutionsleder, Børnehuset Solsikken"),
    ("leder.stjernen@demo.rodovre.dk", "Lars Leder", "Institutionsleder, Børnehuset Stjernen"),
    ("dagplejeleder@demo.rodovre.dk", "Dina Dagplejeleder", "Dagplejeleder"),
    ("med@demo.rodovre.dk", "Mette MED", "MED/TR-repræsentant"),
    (
        "infosikkerhed@demo.rodovre.dk",
        "Ib Informationssikkerhed",
        "Informationssikkerhedskoordinator (rådgivende)",
    ),
    ("konsulent@demo.rodovre.dk", "Kamilla Konsulent", "Proceskonsulent"),
]

# name, kind, children 0-2, children 3-5, rooms, FTE
INSTITUTIONS = [
    ("Børnehuset Solsikken", OrgUnitKind.INTEGRERET, 36, 66, 6, 24),
    ("Børnehuset Mælkebøtten", OrgUnitKind.INTEGRERET, 24, 44, 4, 17),
    ("Engtoftens Børnehus", OrgUnitKind.INTEGRERET, 48, 88, 8, 32),
    ("Børnehuset Kastanjen", OrgUnitKind.INTEGRERET, 36, 60, 6, 23),
    ("Skovbørnehaven Egely", OrgUnitKind.BORNEHAVE, 0, 70, 3, 13),
    ("Vuggestuen Spiren", OrgUnitKind.VUGGESTUE, 48, 0, 4, 17),
    ("Børnehuset Regnbuen", OrgUnitKind.INTEGRERET, 24, 54, 5, 18),
    ("Børnehaven Troldehøj", OrgUnitKind.BORNEHAVE, 0, 88, 4, 16),
    ("Børnehuset Bakkely", OrgUnitKind.INTEGRERET, 36, 72, 6, 25),
    ("Børnehuset Stjernen", OrgUnitKind.INTEGRERET, 60, 110, 10, 40),
    ("Børnehuset Kildevang", OrgUnitKind.INTEGRERET, 24, 40, 4, 16),
    ("Vuggestuen Lærkereden", OrgUnitKind.VUGGESTUE, 36, 0, 3, 13),
    ("Børnehuset Havblik", OrgUnitKind.INTEGRERET, 36, 66, 6, 24),
    ("Naturbørnehaven Lyngbakken", OrgUnitKind.BORNEHAVE, 0, 60, 3, 11),
    ("Børnehuset Valmuen", OrgUnitKind.INTEGRERET, 24, 44, 4, 17),
    ("Børnehuset Nørreled", OrgUnitKind.INTEGRERET, 48, 88, 8, 32),
    ("Børnehuset Fyrtårnet", OrgUnitKind.INTEGRERET, 36, 60, 6, 23),
    ("Idrætsbørnehaven Løvfalden", OrgUnitKind.BORNEHAVE, 0, 66, 3, 12),
    ("Børnehuset Humlebien", OrgUnitKind.INTEGRERET, 24, 44, 4, 17),
    ("Børnehuset Åløkken", OrgUnitKind.INTEGRERET, 48, 80, 8, 31),
]
DEPUTY_FTE_THRESHOLD = 20

# Phase number -> (start, end, status). Eight weeks in spring 2026; the programme plan follows
# the adopted budget.
PHASE_PLAN = {
    1: (date(2026, 3, 2), date(2026, 3, 6), PhaseStatus.DONE),
    2: (date(2026, 3, 9), date(2026, 3, 20), PhaseStatus.DONE),
    3: (date(2026, 3, 16), date(2026, 4, 3), PhaseStatus.DONE),
    4: (date(2026, 4, 6), date(2026, 4, 10), PhaseStatus.DONE),
    5: (date(2026, 3, 2), date(2026, 4, 24), PhaseStatus.DONE),
    6: (date(2026, 4, 6), date(2026, 4, 17), PhaseStatus.DONE),
    7: (date(2026, 4, 13), date(2026, 4, 24), PhaseStatus.DONE),
    8: (date(2026, 4, 20), date(2026, 5, 15), PhaseStatus.DONE),
    9: (date(2026, 10, 15), date(2027, 6, 30), PhaseStatus.ACTIVE),
}


def upsert(model, lookup: dict, values: dict):
    """Create or update a row, saving only when something changed (no empty history rows)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values)
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.save(update_fields=changed)
    return obj


def _user(email: str, name: str, *, password: str | None):
    user_model = get_user_model()
    user = user_model.objects.filter(email=email).first()
    if user is None:
        user = user_model.objects.create_user(email=email, password=password, full_name=name)
    elif user.full_name != name:
        user.full_name = name
        user.save(update_fields=["full_name"])
    return user


@transaction.atomic
def seed(stdout=None) -> StrategyProcess:
    organisation = upsert(Organisation, {"slug": "rodovre"}, {"name": "Rødovre Kommune"})
    for name, kind, young, old, rooms, fte in INSTITUTIONS:
        upsert(
            OrgUnit,
            {"organisation": organisation, "name": name},
            {
                "kind": kind,
                "children_0_2": young,
                "children_3_5": old,
                "rooms": rooms,
                "fte": Decimal(fte),
                "has_deputy": fte >= DEPUTY_FTE_THRESHOLD,
                "childminders": 0,
                "play_centres": 0,
            },
        )
    # 56 childminders with 4 children each; a leader and 4 dagplejepædagoger.
    upsert(
        OrgUnit,
        {"organisation": organisation, "name": "Dagplejen"},
        {
            "kind": OrgUnitKind.DAGPLEJE,
            "children_0_2": 56 * 4,
            "children_3_5": 0,
            "rooms": 0,
            "fte": Decimal(56 + 1 + 4),
            "childminders": 56,
            "play_centres": 3,
            "has_deputy": False,
        },
    )

    accounts = {
        email: (_user(email, name, password=DEMO_PASSWORD), role, title)
        for email, name, role, title in DEMO_ACCOUNTS
    }
    lead = accounts["projektleder@demo.rodovre.dk"][0]
    process = StrategyProcess.objects.filter(slug=PROCESS_SLUG).first()
    if process is None:
        process = services.process_create(
            organisation=organisation,
            lead=lead,
            title="Digitaliseringsstrategi for 0-6-årsområdet 2027-2030",
            slug=PROCESS_SLUG,
            area="Dagtilbud 0-6 år",
            description=(
                "Børne- og Kulturforvaltningens Dagtilbudsafdeling og Digitaliseringsafdelingen "
                "udarbejder en digitaliseringsstrategi og handleplan med klare indsatser, et "
                "investeringsgrundlag og et budgetønske til Budget 2027."
            ),
            period_start=2027,
            period_end=2030,
            budget_year=2027,
            price_level_year=2027,
        )
    for user, role, title in accounts.values():
        upsert(Membership, {"process": process, "user": user}, {"role": role, "title": title})
    for email, name, title in STEERING_GROUP:
        user = _user(email, name, password=None)
        upsert(
            Membership, {"process": process, "user": user}, {"role": Role.STEERING, "title": title}
        )
    for phase in ProcessPhase.objects.filter(process=process):
        start, end, status = PHASE_PLAN.get(phase.number, (None, None, PhaseStatus.PLANNED))
        if (phase.start_date, phase.end_date, phase.status) != (start, end, status):
            phase.start_date, phase.end_date, phase.status = start, end, status
            phase.save()
        if status == PhaseStatus.DONE:
            phase.deliverables.filter(done=False).update(done=True)
    if stdout is not None:
        units = OrgUnit.objects.filter(organisation=organisation).count()
        stdout.write(f"Rødovre Kommune: {units} enheder, proces {process.slug}")
    return process
