"""Demo data for Rødovre Kommune (DOMAIN.md §6). Idempotent: running it twice changes nothing.

`seed_demo` calls `seed(stdout)` of every app that has a `demo` module, in INSTALLED_APPS
order, so the apps below `strategy` add their own demo data without `strategy` importing them.
"""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from strategy import services
from strategy.enums import OrgUnitKind, PhaseStatus, Role, ThemeStatus
from strategy.models import (
    Decision,
    Membership,
    Organisation,
    OrgUnit,
    ProcessPhase,
    SteeringMeeting,
    StrategicTheme,
    StrategyProcess,
    VisionRevision,
)

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

# The seven prioritised themes in the order of the prioritisation (DOMAIN.md §6), and the eighth
# candidate that the steering group merged into themes 1 and 5 (the merge itself is done by
# workshops.demo, so that the evidence moves with it). Number -> (title, description, objective).
THEMES = {
    1: (
        "Mere tid til børnene – enkel og digital administration",
        "Komme/gå-registrering, vagtplaner, beskeder og opgørelser fylder for meget i hverdagen, "
        "og meget foregår stadig på papir, i regneark eller på den ene pc i kontoret. Temaet "
        "samler indsatser, der gør de administrative opgaver enkle og digitale, så pædagoger og "
        "ledere får tiden tilbage til børnene.",
        "I 2030 bruger personale og ledere mærkbart mindre tid på administration end i 2026: "
        "komme/gå er digital i alle huse, vagtplanen er digital, og ledelsesinformation om "
        "normering, fremmøde og sprogvurderinger hentes uden manuelt arbejde.",
    ),
    2: (
        "Pædagogisk dokumentation og læreplansarbejde",
        "Den styrkede pædagogiske læreplan kræver, at vi dokumenterer og evaluerer børnenes "
        "læring og trivsel. I dag sker det forskelligt fra hus til hus og ofte med dobbeltarbejde. "
        "Personalet skal kunne dokumentere tæt på praksis, sikkert og i fællesskab.",
        "Alle stuer har en pædagog-tablet, alle huse bruger en fælles skabelon for pædagogisk "
        "dokumentation, og sprogvurderinger laves direkte i Hjernen&Hjertet uden papir.",
    ),
    3: (
        "Tidssvarende udstyr og stabil drift",
        "Mange tablets er så gamle, at de ikke kan opdateres, de er ikke tilmeldt enhedsstyring, "
        "og det trådløse net dækker ikke hele huset og legepladsen. Temaet skal sikre udstyr, "
        "netværk og drift, der bare virker – og en plan for udskiftning.",
        "Alle enheder er tilmeldt MDM og får sikkerhedsopdateringer, alle 20 institutioner har "
        "stabilt trådløst net, og udstyret udskiftes efter en fast 4-årig plan.",
    ),
    4: (
        "Stærkt samarbejde med forældre",
        "Aula er den fælles kanal til forældrene, men brugen er forskellig fra hus til hus, "
        "beskeder tager tid ved aflevering, og nogle forældre har svært ved at læse dem. Temaet "
        "skal gøre kommunikationen enkel, ensartet og tilgængelig for alle forældre.",
        "Fælles Aula-retningslinjer er indført i alle huse, og den vigtigste forældreinformation "
        "findes på de sprog, forældrene bruger mest.",
    ),
    5: (
        "Digitale kompetencer og ledelse",
        "Udstyr skaber ikke forandring alene. Medarbejdere og ledere skal have kompetencer, tid "
        "og en kollega at spørge, og ledelsen skal kunne bruge data og viden i kvalitetsarbejdet "
        "og følge op på, om indsatserne giver de forventede gevinster.",
        "Hver institution og Dagplejen har en uddannet superbruger med tid til opgaven, alle "
        "medarbejdere har gennemført et kompetenceforløb, og ledelsesinformation bruges i "
        "kvalitetsdialogen mellem forvaltning og huse.",
    ),
    6: (
        "Sikker og ansvarlig brug af data og billeder",
        "Billeder af børn og oplysninger om familier skal behandles sikkert. Private telefoner "
        "må ikke bruges til billeder, og alle skal kende reglerne for deling, opbevaring og "
        "sletning – også når der er travlt.",
        "Alle ansatte har gennemført awareness-træning (NIS2), en fælles billed- og "
        "enhedspolitik er kendt i alle huse, og ingen bruger private telefoner til billeder af "
        "børn.",
    ),
    7: (
        "Fagligt begrundet digital dannelse (3-6 år)",
        "Dagtilbudsloven § 8 a tillader skærme for 3-6-årige, når det er fagligt begrundet, og "
        "for 0-2-årige kun i helt særlige tilfælde. Temaet giver personalet et fælles grundlag "
        "for, hvornår og hvordan digitale redskaber kan indgå i legen med de store børn.",
        "Et fælles koncept for fagligt begrundet digital leg er afprøvet og i brug i alle "
        "børnehavegrupper, og skærme bruges ikke med 0-2-årige uden for helt særlige tilfælde.",
    ),
    8: (
        "Data og viden til kvalitetsudvikling",
        "Bedre brug af data om normering, fremmøde, sprogvurderinger og trivsel i ledelse og "
        "kvalitetsarbejde – både i husene og i forvaltningen.",
        "Ledere og forvaltning har opdateret ledelsesinformation, der understøtter "
        "kvalitetsdialogen.",
    ),
}
PRIORITISED_THEMES = range(1, 8)
MERGED_THEME = 8
MERGED_INTO = (1, 5)

# The vision's revisions: number -> (author e-mail, text, pejlemærker, what changed).
VISION_REVISIONS = {
    1: (
        "projektleder@demo.rodovre.dk",
        "Digitale redskaber skal give mere tid og bedre kvalitet i Rødovres dagtilbud.",
        "Tid til børnene først\nDet skal være enkelt\nUdstyr der virker\n"
        "Sikkerhed for børnenes data",
        "Første udkast efter ekspertinterviewene.",
    ),
    2: (
        "konsulent@demo.rodovre.dk",
        "I Rødovres dagtilbud bruger vi digitale redskaber, hvor de giver mere tid til børnene "
        "og bedre kvalitet i det pædagogiske arbejde. Teknologien skal være enkel, sikker og "
        "virke hver dag.",
        "Tid til børnene først\nDet skal være enkelt\nUdstyr der virker – hver dag\n"
        "Sikkerhed for børns og familiers data\nKompetencer før teknologi",
        "Omskrevet efter workshops med ledere, medarbejdere og dagplejen.",
    ),
    3: (
        "dagtilbudschef@demo.rodovre.dk",
        "I Rødovres dagtilbud bruger vi digitale redskaber, hvor de giver mere tid til børnene "
        "og bedre kvalitet i det pædagogiske arbejde. Teknologien er enkel, sikker og virker "
        "hver dag – for personale, forældre og ledelse. Børnenes brug af skærme er altid "
        "fagligt begrundet.",
        "Tid til børnene først\nDet skal være enkelt\nUdstyr der virker – hver dag\n"
        "Sikkerhed for børns og familiers data\nKompetencer før teknologi\n"
        "Fagligt begrundet, aldrig skærm for skærmens skyld",
        "Tilpasset styregruppens beslutninger på SG3 (§ 8 a og sammenlægning af tema 8).",
    ),
}

# Steering-group meetings: number -> (date, title, agenda, minutes, decisions). A decision is
# (text, theme numbers); `str(decision)` prefixes the meeting code ("SG3: ...").
STEERING_MEETINGS = {
    1: (
        date(2026, 3, 4),
        "Opstart og kommissorium",
        "1. Velkomst og præsentation af styregruppen\n"
        "2. Kommissorium: formål, afgrænsning og leverancer\n"
        "3. Tidsplan for de otte uger\n"
        "4. Udvælgelse af eksperter til ekspertinterviews\n"
        "5. Eventuelt",
        "Børne- og kulturdirektøren bød velkommen. Proceskonsulenten gennemgik kommissoriet og "
        "tidsplanen. Styregruppen drøftede afgrænsningen: strategien omfatter alle 20 "
        "daginstitutioner og Dagplejen, og indsatser rettet mod børn skal overholde "
        "dagtilbudslovens § 8 a. MED-repræsentanten bad om, at medarbejderne inddrages tidligt. "
        "Styregruppen pegede på fem eksperter til ekspertinterviews.",
        [
            ("Kommissorium og tidsplan godkendes", ()),
            (
                "Der gennemføres fem ekspertinterviews og otte interne interviews inden uge 13",
                (),
            ),
        ],
    ),
    2: (
        date(2026, 3, 20),
        "Indsigter fra ekspertinterviews",
        "1. Opsamling på ekspertinterviewene\n"
        "2. Plan for interne interviews og workshops\n"
        "3. Deltagere og invitationer\n"
        "4. Eventuelt",
        "Projektlederen fremlagde de vigtigste indsigter fra de fem ekspertinterviews: "
        "udstyr uden drift og kompetencer giver ikke værdi, databehandleraftaler og "
        "konsekvensanalyser skal være på plads før brug, og gevinsterne skal måles fra start. "
        "Styregruppen godkendte planen for tre workshops og bad om, at Digitaliseringsafdelingen "
        "deltager i dem alle.",
        [
            ("Der holdes tre workshops: ledere, medarbejdere og dagplejen", ()),
            ("Digitaliseringsafdelingen deltager i alle tre workshops", ()),
        ],
    ),
    3: (
        date(2026, 4, 2),
        "Temaer fra interviews og workshops",
        "1. Resultater fra de tre workshops\n"
        "2. Forslag til strategiske temaer\n"
        "3. Tema 8: Data og viden til kvalitetsudvikling\n"
        "4. Visionsudkast\n"
        "5. Plan for prioriteringsworkshoppen",
        "Proceskonsulenten fremlagde otte kandidattemaer med de noter og citater, der ligger "
        "bag. Styregruppen fandt, at tema 8 overlapper med tema 1 (ledelsesinformation og "
        "administration) og tema 5 (ledelse og kvalitetsdialog), og besluttede at lægge det "
        "sammen med de to temaer, så evidensen følger med. Visionsudkastet blev drøftet; "
        "dagtilbudschefen tilpasser det, så § 8 a fremgår tydeligt.",
        [
            ("Tema 8 lægges sammen med 1 og 5", (1, 5, 8)),
            (
                "De syv temaer sendes til prioritering på workshoppen den 8. april",
                (1, 2, 3, 4, 5, 6, 7),
            ),
        ],
    ),
    4: (
        date(2026, 4, 22),
        "Prioritering, handleplan og budgetønske",
        "1. Resultat af prioriteringen\n"
        "2. Udkast til handleplan med forudsætninger for at lykkes\n"
        "3. Investeringsgrundlag og budgetønske til Budget 2027\n"
        "4. Godkendelse af visionen\n"
        "5. Eventuelt",
        "Styregruppen tog prioriteringen af de syv temaer til efterretning. Handleplanen blev "
        "gennemgået indsats for indsats; økonomikonsulenten fremlagde investeringsgrundlaget og "
        "budgetønsket i 2027-priser. Styregruppen besluttede at dele handleplanen i to faser, "
        "hvor fase 1 er de indsatser, der indgår i budgetønsket for 2027. Visionen blev "
        "godkendt i version 3.",
        [
            ("Fase 1 omfatter indsatserne i budgetønsket for 2027", ()),
            ("Temaernes prioritering godkendes i rækkefølgen 1-7", (1, 2, 3, 4, 5, 6, 7)),
            ("Visionen godkendes i version 3", ()),
        ],
    ),
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
            "dagpleje_pedagogues": 4,
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
    users = {email: user for email, (user, _role, _title) in accounts.items()}
    for email, name, title in STEERING_GROUP:
        user = _user(email, name, password=None)
        users[email] = user
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
    themes = _seed_themes(process)
    _seed_vision(process, users)
    _seed_steering(process, users, themes)
    if stdout is not None:
        units = OrgUnit.objects.filter(organisation=organisation).count()
        stdout.write(
            f"Rødovre Kommune: {units} enheder, proces {process.slug}, {len(themes)} temaer, "
            f"{len(VISION_REVISIONS)} visionsversioner, {len(STEERING_MEETINGS)} styregruppemøder"
        )
    return process


def themes_by_number(process: StrategyProcess) -> dict[int, StrategicTheme]:
    """The demo themes by their number in THEMES (used by the other apps' demo data)."""
    by_title = {theme.title: theme for theme in StrategicTheme.objects.filter(process=process)}
    return {number: by_title[title] for number, (title, _d, _o) in THEMES.items()}


def _seed_themes(process: StrategyProcess) -> dict[int, StrategicTheme]:
    themes = {}
    for number, (title, description, objective) in THEMES.items():
        theme = upsert(
            StrategicTheme,
            {"process": process, "title": title},
            {
                "description": description,
                "objective": objective,
                "priority_rank": number if number in PRIORITISED_THEMES else None,
            },
        )
        # Status through its one entry point; the merged theme is left to the merge service.
        if number in PRIORITISED_THEMES:
            services.theme_set_status(theme=theme, status=ThemeStatus.PRIORITISED)
        themes[number] = theme
    return themes


def _seed_vision(process: StrategyProcess, users: dict) -> None:
    """Revisions are never edited: create the missing ones only."""
    existing = set(VisionRevision.objects.filter(process=process).values_list("number", flat=True))
    for number, (email, text, principles, note) in sorted(VISION_REVISIONS.items()):
        if number in existing:
            continue
        revision = VisionRevision(
            process=process,
            number=number,
            text=text,
            principles=principles,
            note=note,
            author=users[email],
        )
        revision.full_clean()
        revision.save()


def _seed_steering(process: StrategyProcess, users: dict, themes: dict) -> None:
    recorder = users["projektleder@demo.rodovre.dk"]
    for number, (day, title, agenda, minutes, decisions) in STEERING_MEETINGS.items():
        meeting = upsert(
            SteeringMeeting,
            {"process": process, "number": number},
            {"date": day, "title": title, "agenda": agenda, "minutes": minutes},
        )
        for text, theme_numbers in decisions:
            decision = upsert(
                Decision,
                {"process": process, "meeting": meeting, "text": text},
                {"date": day, "recorded_by": recorder},
            )
            wanted = {themes[n].pk for n in theme_numbers}
            # Setting the themes writes a history row: only when they differ.
            if set(decision.themes.values_list("pk", flat=True)) != wanted:
                decision.themes.set(wanted)
