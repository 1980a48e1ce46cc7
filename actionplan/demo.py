"""Demo data of the action plan (DOMAIN.md §2 and §6): the 20 initiatives under the seven
prioritised themes with owners, periods, success criteria, prerequisites for success, risks,
dependencies, milestones, status updates and the insights each initiative answers.

`seed_demo` calls `seed()` after `strategy.demo.seed()` and `workshops.demo.seed()`, which created
the process, the themes and the insights. Phase: Fase 1 are the initiatives with 2027 amounts in
§6's cost lines (SG4: "Fase 1 omfatter indsatserne i budgetønsket for 2027"), Fase 2 the rest;
"indgår i budgetønske" marks the initiatives with a cost line in the budget request. The date is
late November 2026: the budget is adopted and the programme plan is being prepared, so most
initiatives have not started; a few have preparations under way (with milestones done in autumn
2026 and one overdue).

Idempotent: rows are looked up by their natural key, validated with full_clean() and saved only
when something changed, so a second run writes nothing (and no history rows).
"""

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from actionplan.enums import (
    InitiativeStatus,
    PrerequisiteCategory,
    PrerequisiteStatus,
    TrafficLight,
)
from actionplan.models import (
    Dependency,
    Initiative,
    Milestone,
    Prerequisite,
    Risk,
    StatusUpdate,
    SuccessCriterion,
)
from strategy.demo import PROCESS_SLUG, themes_by_number
from strategy.enums import PlanPhase
from strategy.models import StrategyProcess
from workshops.models import Insight

LEAD_EMAIL = "projektleder@demo.rodovre.dk"

S = InitiativeStatus
L = TrafficLight
C = PrerequisiteCategory
P = PrerequisiteStatus

DAGTILBUDSCHEF = "Dagtilbudschef"
DIGITALISERINGSCHEF = "Digitaliseringschef"
DAGTILBUD = "Dagtilbudsafdelingen, Børne- og Kulturforvaltningen"
DIGITALISERING = "Digitaliseringsafdelingen"


def quarter_start(year: int, quarter: int) -> datetime.date:
    return datetime.date(year, 3 * quarter - 2, 1)


def quarter_end(year: int, quarter: int) -> datetime.date:
    if quarter == 4:
        return datetime.date(year, 12, 31)
    return quarter_start(year, quarter + 1) - datetime.timedelta(days=1)


# "1.1" -> (title, purpose, expected effect, owner, coordinator, responsible unit, involved
# parties, (start year, quarter), (end year, quarter), phase, status, traffic light,
# in budget request).
INITIATIVES = {
    "1.1": (
        "Digital komme/gå-skærm i alle huse",
        "Forældrene krydser selv børnene ind og ud på en skærm ved indgangen, så personalet "
        "har et sikkert overblik uden papirlister og telefonopkald.",
        "Mindre tid til fremmøderegistrering og opringninger ved aflevering og afhentning, og "
        "et sikkert overblik ved brandøvelser og på tur.",
        DAGTILBUDSCHEF,
        "Signe Wulff, Digitaliseringsafdelingen",
        DAGTILBUD,
        "Institutionsledere, forældrebestyrelser, Digitaliseringsafdelingen, Aula-koordinator",
        (2027, 2),
        (2027, 4),
        PlanPhase.PHASE_1,
        S.NOT_STARTED,
        L.GREEN,
        True,
    ),
    "1.2": (
        "Digital vagtplanlægning",
        "Et fælles digitalt vagtplansystem, hvor medarbejderne selv kan se og bytte vagter, "
        "afløser vagtplaner i regneark og på opslagstavlen.",
        "Lederne bruger mindre tid på vagtplan og opgørelser, og medarbejderne kender altid "
        "deres vagter.",
        DAGTILBUDSCHEF,
        "Pia Projektleder, Dagtilbudsafdelingen",
        DAGTILBUD,
        "Institutionsledere, MED/TR, Løn og Personale, Digitaliseringsafdelingen",
        (2027, 2),
        (2028, 1),
        PlanPhase.PHASE_1,
        S.NOT_STARTED,
        L.GREEN,
        True,
    ),
    "1.3": (
        "Fælles arbejdsstation i personalerum",
        "En hurtig pc med dock og skærm i personalerummet i hvert hus, så medarbejderne kan "
        "skrive dokumentation og tage kurser i ro.",
        "Dokumentation skrives i arbejdstiden i stedet for derhjemme om aftenen.",
        DIGITALISERINGSCHEF,
        "Rasmus Kirk, Digitaliseringsafdelingen",
        DIGITALISERING,
        "Institutionsledere, superbrugere",
        (2027, 2),
        (2027, 3),
        PlanPhase.PHASE_1,
        S.NOT_STARTED,
        L.GREEN,
        True,
    ),
    "1.4": (
        "Ledelsesinformation: normering, fremmøde, sprogvurdering",
        "Ledere og forvaltning får opdateret ledelsesinformation om normering, fremmøde og "
        "sprogvurderinger uden manuelle udtræk.",
        "Kvalitetsdialogen med hvert hus tager udgangspunkt i aktuelle tal, og lederne sparer "
        "tid på opgørelser.",
        DAGTILBUDSCHEF,
        "Nadia Berg, Digitaliseringsafdelingen",
        DAGTILBUD,
        "Økonomi, institutionsledere, Dagplejen, Digitaliseringsafdelingen",
        (2028, 1),
        (2028, 4),
        PlanPhase.PHASE_2,
        S.NOT_STARTED,
        L.GREEN,
        True,
    ),
    "2.1": (
        "Pædagog-tablet pr. stue + fælles pulje",
        "En opladet tablet på hver af de 105 stuer og en fælles pulje på 60, så dokumentation "
        "kan ske, mens det sker.",
        "Pædagogisk dokumentation bliver en del af hverdagen på stuen og ikke en opgave efter "
        "arbejdstid.",
        DAGTILBUDSCHEF,
        "Jonas Frandsen, Digitaliseringsafdelingen",
        DAGTILBUD,
        "Institutionsledere, pædagoger, superbrugere, Digitaliseringsafdelingen",
        (2027, 2),
        (2027, 4),
        PlanPhase.PHASE_1,
        S.NOT_STARTED,
        L.YELLOW,
        True,
    ),
    "2.2": (
        "Fælles skabelon for pædagogisk dokumentation",
        "Én fælles skabelon for pædagogisk dokumentation, der følger den styrkede pædagogiske "
        "læreplans seks temaer, i alle huse og i Dagplejen.",
        "Læreplansevalueringen tager kortere tid, og dokumentationen ligger ét sted.",
        DAGTILBUDSCHEF,
        "Pædagogisk konsulent, Dagtilbudsafdelingen",
        DAGTILBUD,
        "Institutionsledere, pædagoger, Dagplejen",
        (2028, 1),
        (2028, 2),
        PlanPhase.PHASE_2,
        S.NOT_STARTED,
        L.GREEN,
        False,
    ),
    "2.3": (
        "Hjernen&Hjertet direkte på tablet",
        "Sprogvurderinger laves i Hjernen&Hjertet direkte på tabletten sammen med barnet i "
        "stedet for på papir.",
        "Ingen dobbeltindtastning af sprogvurderinger, og resultaterne er klar med det samme.",
        DAGTILBUDSCHEF,
        "Pædagogisk konsulent, Dagtilbudsafdelingen",
        DAGTILBUD,
        "Sprogpædagoger, institutionsledere, Dagplejen, Digitaliseringsafdelingen",
        (2028, 1),
        (2028, 3),
        PlanPhase.PHASE_2,
        S.NOT_STARTED,
        L.GREEN,
        False,
    ),
    "3.1": (
        "MDM-tilmelding og standardopsætning",
        "Alle enheder i dagtilbuddene tilmeldes enhedsstyring (MDM) og får en fælles "
        "standardopsætning, så de kan opdateres, spærres og slettes centralt.",
        "En ny enhed er klar på en dag, og en bortkommen enhed kan slettes på få minutter.",
        DIGITALISERINGSCHEF,
        "Jonas Frandsen, Digitaliseringsafdelingen",
        DIGITALISERING,
        "It-support, informationssikkerhedskoordinator, institutionsledere",
        (2027, 1),
        (2027, 2),
        PlanPhase.PHASE_1,
        S.IN_PROGRESS,
        L.GREEN,
        True,
    ),
    "3.2": (
        "Trådløst netværk i alle 20 institutioner",
        "Stabilt trådløst net i alle 20 institutioner, indenfor og på legepladsen, udbudt samlet.",
        "Udstyret virker hver dag, og dokumentation går ikke tabt, når forbindelsen falder ud.",
        DIGITALISERINGSCHEF,
        "Rasmus Kirk, Digitaliseringsafdelingen",
        DIGITALISERING,
        "Ejendomme, indkøb, institutionsledere",
        (2027, 1),
        (2027, 3),
        PlanPhase.PHASE_1,
        S.IN_PROGRESS,
        L.YELLOW,
        True,
    ),
    "3.3": (
        "Bærbare pc'er til ledelse og dagplejepædagoger",
        "34 bærbare pc'er med dock og skærm til ledere, souschefer, dagplejeleder og "
        "dagplejepædagoger.",
        "Ledelse og tilsyn kan udføres på stedet, og ingen deler en bærbar.",
        DIGITALISERINGSCHEF,
        "Rasmus Kirk, Digitaliseringsafdelingen",
        DIGITALISERING,
        "Institutionsledere, Dagplejen",
        (2027, 2),
        (2027, 2),
        PlanPhase.PHASE_1,
        S.NOT_STARTED,
        L.GREEN,
        True,
    ),
    "3.4": (
        "Tablets til dagplejere og legestuer",
        "Tablets med SIM-kort til de 56 dagplejere og de tre legestuer, tilmeldt MDM fra dag ét.",
        "Dagplejerne bruger ikke længere deres private telefon til Aula og billeder.",
        DAGTILBUDSCHEF,
        "Dina Dagplejeleder, Dagplejen",
        "Dagplejen",
        "Dagplejere, dagplejepædagoger, Digitaliseringsafdelingen",
        (2027, 2),
        (2027, 3),
        PlanPhase.PHASE_1,
        S.NOT_STARTED,
        L.GREEN,
        True,
    ),
    "3.5": (
        "Udskiftningsplan (4-årig cyklus)",
        "En varig udskiftningspulje og en plan, der udskifter en fjerdedel af enhederne hvert år.",
        "Ingen enheder bruges efter, at de er holdt op med at få sikkerhedsopdateringer.",
        DIGITALISERINGSCHEF,
        "Nadia Berg, Digitaliseringsafdelingen",
        DIGITALISERING,
        "Økonomi, indkøb, institutionsledere",
        (2028, 1),
        (2030, 4),
        PlanPhase.PHASE_2,
        S.NOT_STARTED,
        L.GREEN,
        True,
    ),
    "3.6": (
        "Tur- og vagttelefoner",
        "34 tur- og vagttelefoner, én pr. afdeling, i stedet for personalets private mobiler.",
        "Personalet kan ringe hjem og se børnenes oplysninger på tur uden egen telefon.",
        DIGITALISERINGSCHEF,
        "Signe Wulff, Digitaliseringsafdelingen",
        DIGITALISERING,
        "Institutionsledere, MED/TR",
        (2027, 2),
        (2027, 2),
        PlanPhase.PHASE_1,
        S.NOT_STARTED,
        L.GREEN,
        True,
    ),
    "4.1": (
        "Fælles Aula-retningslinjer",
        "Fælles retningslinjer for, hvor ofte og hvordan husene skriver til forældrene i Aula, "
        "og hvilke billeder der deles.",
        "Forældrekommunikationen er ens fra hus til hus, og personalet bruger mindre tid på "
        "beskeder.",
        DAGTILBUDSCHEF,
        "Aula-koordinator, Dagtilbudsafdelingen",
        DAGTILBUD,
        "Forældrebestyrelser, institutionsledere, Dagplejen",
        (2028, 1),
        (2028, 2),
        PlanPhase.PHASE_2,
        S.NOT_STARTED,
        L.GREEN,
        False,
    ),
    "4.2": (
        "Flersproget forældreinformation",
        "Skabeloner til de vigtigste beskeder, oversat og med piktogrammer, til forældre, der "
        "ikke læser dansk.",
        "Flere forældre forstår og svarer på beskederne fra dagtilbuddet.",
        DAGTILBUDSCHEF,
        "Aula-koordinator, Dagtilbudsafdelingen",
        DAGTILBUD,
        "Forældrebestyrelser, tosprogskonsulenter, institutionsledere",
        (2028, 3),
        (2029, 2),
        PlanPhase.PHASE_2,
        S.NOT_STARTED,
        L.GREEN,
        False,
    ),
    "5.1": (
        "Superbrugernetværk",
        "En superbruger i hvert hus og i Dagplejen med frikøbt tid og et fast netværk på tværs.",
        "Kollegerne får hjælp i huset, og henvendelserne til support falder.",
        DAGTILBUDSCHEF,
        "Signe Wulff, Digitaliseringsafdelingen",
        DAGTILBUD,
        "Institutionsledere, superbrugere, Dagplejen, Digitaliseringsafdelingen",
        (2027, 1),
        (2030, 4),
        PlanPhase.PHASE_1,
        S.NOT_STARTED,
        L.GREEN,
        True,
    ),
    "5.2": (
        "Kompetenceforløb for alle medarbejdere",
        "Korte forløb i arbejdstiden med vikardækning, på stuen og i legestuen, for alle "
        "medarbejdere og dagplejere.",
        "Medarbejderne føler sig sikre i de digitale redskaber og bruger dem i hverdagen.",
        DAGTILBUDSCHEF,
        "Pia Projektleder, Dagtilbudsafdelingen",
        DAGTILBUD,
        "Institutionsledere, superbrugere, MED/TR, Dagplejen",
        (2027, 2),
        (2028, 4),
        PlanPhase.PHASE_1,
        S.NOT_STARTED,
        L.GREEN,
        True,
    ),
    "5.3": (
        "Programledelse og gevinstopfølgning",
        "En programleder på 0,5 årsværk følger indsatserne, milepælene og gevinsterne og "
        "rapporterer til styregruppen.",
        "Indsatserne holder tid og budget, og gevinsterne kan dokumenteres over for politikerne.",
        DAGTILBUDSCHEF,
        "Pia Projektleder, Dagtilbudsafdelingen",
        DAGTILBUD,
        "Styregruppen, Økonomi, Digitaliseringsafdelingen",
        (2027, 1),
        (2029, 4),
        PlanPhase.PHASE_1,
        S.IN_PROGRESS,
        L.GREEN,
        True,
    ),
    "6.1": (
        "Billed- og enhedspolitik + awareness-træning (NIS2)",
        "En fælles billed- og enhedspolitik for alle dagtilbud og årlig awareness-træning for "
        "alle medarbejdere, vikarer og dagplejere.",
        "Ingen billeder af børn på private telefoner, og alle kender reglerne for persondata.",
        DIGITALISERINGSCHEF,
        "Ib Informationssikkerhed, informationssikkerhedskoordinator",
        DIGITALISERING,
        "Institutionsledere, Dagplejen, MED/TR, databeskyttelsesrådgiver",
        (2027, 1),
        (2030, 4),
        PlanPhase.PHASE_1,
        S.NOT_STARTED,
        L.GREEN,
        True,
    ),
    "7.1": (
        "Koncept for fagligt begrundet digital leg",
        "Et fælles koncept med eksempler på fagligt begrundet digital leg for 3-6-årige efter "
        "dagtilbudslovens § 8 a, med pædagogiske redskaber til alle børnehavegrupper.",
        "Personalet ved, hvornår digital leg er fagligt begrundet, og kan forklare det for "
        "forældrene.",
        DAGTILBUDSCHEF,
        "Pædagogisk konsulent, Dagtilbudsafdelingen",
        DAGTILBUD,
        "Pædagoger, forældrebestyrelser, forsker i digitale medier i dagtilbud",
        (2028, 1),
        (2028, 4),
        PlanPhase.PHASE_2,
        S.NOT_STARTED,
        L.GREEN,
        True,
    ),
}

# number -> [(indicator, baseline, target, measured when)]
CRITERIA = {
    "1.1": [
        (
            "Andel af huse med komme/gå-skærm i brug",
            "0 af 20",
            "20 af 20",
            "December 2027",
        ),
        (
            "Tid brugt på fremmøderegistrering pr. hus pr. uge",
            "2 timer (tidsregistrering april 2026)",
            "Under 30 minutter",
            "Marts 2028",
        ),
    ],
    "1.2": [
        (
            "Lederens tid til vagtplan pr. uge",
            "4-5 timer",
            "Højst 2 timer",
            "Juni 2028",
        ),
    ],
    "1.3": [
        ("Huse med fælles arbejdsstation i personalerummet", "3 af 20", "20 af 20", "Oktober 2027"),
    ],
    "1.4": [
        (
            "Ledere, der selv kan trække normering og fremmøde",
            "0 %",
            "100 %",
            "December 2028",
        ),
        (
            "Kvalitetsdialoger med aktuel ledelsesinformation",
            "0",
            "Alle 21 enheder",
            "Efter kvalitetsdialogerne 2029",
        ),
    ],
    "2.1": [
        ("Stuer med egen tablet", "35 af 105", "105 af 105", "December 2027"),
        (
            "Medarbejdere, der skriver dokumentation efter arbejdstid",
            "41 % (spørgeskema maj 2026)",
            "Under 10 %",
            "Juni 2028",
        ),
    ],
    "2.2": [
        (
            "Tid til læreplansevaluering pr. hus",
            "Ca. 40 timer",
            "Højst 20 timer",
            "Læreplansevalueringen 2029",
        ),
    ],
    "2.3": [
        (
            "Sprogvurderinger lavet direkte på tablet",
            "0 %",
            "90 %",
            "December 2028",
        ),
    ],
    "3.1": [
        ("Enheder tilmeldt MDM", "Ca. 40 %", "100 %", "Juni 2027"),
        ("Tid fra ny enhed til klar til brug", "1-3 uger", "1 arbejdsdag", "Juni 2027"),
    ],
    "3.2": [
        (
            "Institutioner med dækning på alle stuer og legepladsen",
            "6 af 20",
            "20 af 20",
            "September 2027",
        ),
    ],
    "3.3": [
        ("Ledere og dagplejepædagoger med egen bærbar", "18 af 34", "34 af 34", "Juni 2027"),
    ],
    "3.4": [
        (
            "Dagplejere, der bruger privat telefon til Aula og billeder",
            "45 af 56",
            "0",
            "December 2027",
        ),
    ],
    "3.5": [
        (
            "Enheder uden sikkerhedsopdateringer",
            "Ca. 60 tablets",
            "0",
            "Hvert år i januar",
        ),
    ],
    "3.6": [
        ("Afdelinger med tur- og vagttelefon", "0 af 34", "34 af 34", "Juni 2027"),
    ],
    "4.1": [
        (
            "Huse, der følger de fælles Aula-retningslinjer",
            "0 af 20",
            "20 af 20",
            "December 2028",
        ),
        (
            "Forældre, der er tilfredse med informationen",
            "71 % (BTU 2025)",
            "85 %",
            "Brugertilfredshedsundersøgelsen 2029",
        ),
    ],
    "4.2": [
        ("Beskedskabeloner oversat", "0", "12 skabeloner på 6 sprog", "Juni 2029"),
    ],
    "5.1": [
        ("Huse med en aktiv superbruger", "5 af 21", "21 af 21", "Juni 2027"),
        (
            "Henvendelser til it-support fra dagtilbud pr. måned",
            "Ca. 180",
            "Under 100",
            "December 2028",
        ),
    ],
    "5.2": [
        (
            "Medarbejdere, der har gennemført kompetenceforløbet",
            "0 %",
            "95 %",
            "December 2028",
        ),
    ],
    "5.3": [
        (
            "Indsatser med gevinstopfølgning og baseline",
            "0 af 20",
            "20 af 20",
            "Juni 2027",
        ),
        (
            "Statusrapporter til styregruppen",
            "–",
            "Hvert kvartal",
            "Løbende 2027-2029",
        ),
    ],
    "6.1": [
        (
            "Medarbejdere, vikarer og dagplejere med awareness-træning",
            "Under 20 %",
            "100 % hvert år",
            "December hvert år",
        ),
        ("Billeder af børn på private telefoner", "Udbredt", "Ingen", "Stikprøve december 2027"),
    ],
    "7.1": [
        (
            "Børnehavegrupper, der arbejder efter konceptet",
            "0",
            "Alle",
            "December 2028",
        ),
    ],
}

# (number or None for the strategy, category, description, owner, status)
PREREQUISITES = [
    (
        "2.1",
        C.TECHNOLOGY,
        "Stabilt trådløst net på alle stuer og på legepladsen",
        DIGITALISERINGSCHEF,
        P.NOT_MET,
    ),
    ("2.1", C.TECHNOLOGY, "Alle enheder i MDM før udrulningen", DIGITALISERINGSCHEF, P.UNDERWAY),
    (
        "3.4",
        C.TECHNOLOGY,
        "Alle enheder i MDM, også dagplejernes tablets med SIM-kort",
        DIGITALISERINGSCHEF,
        P.UNDERWAY,
    ),
    (
        "5.1",
        C.ECONOMY,
        "Frikøb af superbrugere: 37 timer om året pr. superbruger",
        DAGTILBUDSCHEF,
        P.NOT_MET,
    ),
    (
        "1.2",
        C.LEGAL,
        "Databehandleraftale med leverandøren af vagtplansystemet",
        DIGITALISERINGSCHEF,
        P.UNDERWAY,
    ),
    (
        "1.1",
        C.TECHNOLOGY,
        "Aulas komme/gå-modul er aktiveret i alle huse",
        DIGITALISERINGSCHEF,
        P.MET,
    ),
    (
        "2.3",
        C.LEGAL,
        "Databehandleraftale og konsekvensanalyse (DPIA) for Hjernen&Hjertet på tablet",
        DIGITALISERINGSCHEF,
        P.MET,
    ),
    ("5.2", C.ECONOMY, "Vikardækning under kompetenceforløbet", DAGTILBUDSCHEF, P.UNDERWAY),
    (
        "1.4",
        C.LEGAL,
        "Hjemmel og adgang til data fra pladsanvisning og sprogvurderinger",
        DAGTILBUDSCHEF,
        P.UNDERWAY,
    ),
    (
        None,
        C.ORGANISATION,
        "Ledelsesopbakning: institutionslederne går forrest og afsætter tid",
        DAGTILBUDSCHEF,
        P.MET,
    ),
    (
        None,
        C.LEGAL,
        "Databehandleraftaler gennemgået for alle apps, der bruges i dagtilbuddene",
        DIGITALISERINGSCHEF,
        P.UNDERWAY,
    ),
    (
        None,
        C.SKILLS,
        "Kompetencer i Digitaliseringsafdelingen til at supportere dagtilbuddene",
        DIGITALISERINGSCHEF,
        P.UNDERWAY,
    ),
]

# (number or None for the strategy, description, likelihood, impact, mitigation, owner)
RISKS = [
    (
        "3.2",
        "Udbuddet af trådløst net forsinkes, og udrulningen af tablets skubbes",
        4,
        4,
        "Udrul først i de huse, hvor nettet er i orden; følg udbuddet på hvert styregruppemøde.",
        DIGITALISERINGSCHEF,
    ),
    (
        "2.1",
        "Tablets bliver ikke brugt i hverdagen",
        2,
        4,
        "Superbrugere i hvert hus, faste dokumentationsstunder og opfølgning på brugen.",
        DAGTILBUDSCHEF,
    ),
    (
        "1.2",
        "Medarbejderne oplever den digitale vagtplan som kontrol",
        3,
        3,
        "Inddrag MED tidligt og aftal, hvad data bruges til.",
        DAGTILBUDSCHEF,
    ),
    (
        "6.1",
        "Billeder af børn tages fortsat på private telefoner",
        3,
        5,
        "Tur-telefoner og tablets først; klar billedpolitik og awareness-træning.",
        DIGITALISERINGSCHEF,
    ),
    (
        "5.1",
        "Superbrugerne får ikke frikøbt tid i praksis på grund af normeringen",
        4,
        3,
        "Frikøbet indgår i budgetønsket og følges op i ledelsesinformationen.",
        DAGTILBUDSCHEF,
    ),
    (
        "3.5",
        "Prisstigninger på tablets gør udskiftningspuljen for lille",
        2,
        3,
        "Køb på rammeaftalen og genberegn puljen hvert år i budgetprocessen.",
        DIGITALISERINGSCHEF,
    ),
    (
        None,
        "Budgetønsket i overslagsårene 2028-2030 prioriteres ned",
        2,
        5,
        "Dokumentér gevinsterne fra start, så de kan bruges i budgetforhandlingerne.",
        "Børne- og kulturdirektør",
    ),
    (
        None,
        "Digitaliseringsafdelingen har ikke kapacitet til mange samtidige udrulninger i 2027",
        3,
        4,
        "Faseopdelt udrulning og en fælles plan for Fase 1 med programlederen.",
        DIGITALISERINGSCHEF,
    ),
]

# (initiative, depends on): acyclic.
DEPENDENCIES = [
    ("2.1", "3.1"),
    ("2.1", "3.2"),
    ("3.3", "3.1"),
    ("3.4", "3.1"),
    ("3.6", "3.1"),
    ("3.5", "2.1"),
    ("3.5", "3.3"),
    ("3.5", "3.4"),
    ("2.3", "2.1"),
    ("1.1", "3.2"),
]

# number -> [(title, due date, done)]. Preparations for Fase 1 ran in autumn 2026.
MILESTONES = {
    "1.1": [
        ("Pilot med komme/gå-skærm i Børnehuset Solsikken", datetime.date(2027, 6, 30), False),
        ("Komme/gå-skærme i alle huse", datetime.date(2027, 12, 15), False),
    ],
    "1.2": [("Vagtplansystem valgt", datetime.date(2027, 6, 30), False)],
    "1.3": [("Arbejdsstationer opsat i alle personalerum", datetime.date(2027, 9, 30), False)],
    "1.4": [("Første ledelsesrapport til lederne", datetime.date(2028, 9, 30), False)],
    "2.1": [
        ("Tablets udleveret til alle stuer", datetime.date(2027, 10, 31), False),
        ("Evaluering af brugen", datetime.date(2027, 12, 15), False),
    ],
    "2.2": [("Skabelon godkendt af lederforum", datetime.date(2028, 4, 30), False)],
    "2.3": [("Sprogvurdering på tablet i alle huse", datetime.date(2028, 9, 30), False)],
    "3.1": [
        ("Standardopsætning for tablets godkendt", datetime.date(2026, 10, 15), True),
        ("Alle eksisterende enheder tilmeldt MDM", datetime.date(2027, 6, 30), False),
    ],
    "3.2": [
        ("Opmåling af dækning i alle 20 huse", datetime.date(2026, 9, 30), True),
        ("Udbud af trådløst net offentliggjort", datetime.date(2026, 11, 1), False),
        ("Trådløst net i drift i alle huse", datetime.date(2027, 9, 30), False),
    ],
    "3.3": [("Bærbare pc'er udleveret", datetime.date(2027, 6, 15), False)],
    "3.4": [("Tablets udleveret til dagplejere og legestuer", datetime.date(2027, 8, 31), False)],
    "3.5": [
        ("Første udskiftning af en fjerdedel af enhederne", datetime.date(2028, 12, 15), False)
    ],
    "3.6": [("Telefoner udleveret til alle afdelinger", datetime.date(2027, 6, 15), False)],
    "4.1": [("Aula-retningslinjer vedtaget", datetime.date(2028, 6, 30), False)],
    "4.2": [("Oversatte skabeloner i Aula", datetime.date(2029, 3, 31), False)],
    "5.1": [
        ("Superbrugere udpeget i alle huse", datetime.date(2027, 3, 31), False),
        ("Første netværksmøde", datetime.date(2027, 4, 30), False),
    ],
    "5.2": [("Første hold gennemført", datetime.date(2027, 9, 30), False)],
    "5.3": [
        ("Programplan godkendt i styregruppen", datetime.date(2026, 11, 20), True),
        ("Programleder ansat", datetime.date(2027, 1, 31), False),
        ("Midtvejsevaluering", datetime.date(2028, 6, 30), False),
    ],
    "6.1": [
        ("Billed- og enhedspolitik vedtaget", datetime.date(2027, 3, 31), False),
        ("Første awareness-træning gennemført", datetime.date(2027, 6, 30), False),
    ],
    "7.1": [("Koncept afprøvet i fire børnehavegrupper", datetime.date(2028, 6, 30), False)],
}

# number -> [(date, status, traffic light, note)]; the latest matches the initiative's status.
STATUS_UPDATES = {
    "3.1": [
        (
            datetime.date(2026, 10, 16),
            S.IN_PROGRESS,
            L.GREEN,
            "Standardopsætningen for tablets er godkendt og afprøvet på ti enheder i "
            "Børnehuset Solsikken. Tilmeldingen af de eksisterende enheder planlægges.",
        ),
    ],
    "3.2": [
        (
            datetime.date(2026, 10, 1),
            S.IN_PROGRESS,
            L.GREEN,
            "Dækningen er målt op i alle 20 huse; 14 huse mangler dækning på stuer eller "
            "legepladsen.",
        ),
        (
            datetime.date(2026, 11, 12),
            S.IN_PROGRESS,
            L.YELLOW,
            "Udbuddet er endnu ikke offentliggjort, fordi kravspecifikationen afventer "
            "Ejendomme. Forventes offentliggjort i december.",
        ),
    ],
    "5.3": [
        (
            datetime.date(2026, 11, 20),
            S.IN_PROGRESS,
            L.GREEN,
            "Programplanen er godkendt i styregruppen, og stillingen som programleder er slået op.",
        ),
    ],
}

# number -> texts of insights of the initiative's theme (workshops.demo) that it answers.
INSIGHTS = {
    "1.1": [
        "Komme/gå-skærm ved indgangen, så forældrene selv krydser ind og ud",
        "Digital komme/gå giver et sikkert overblik ved brandøvelser og på tur",
    ],
    "1.2": [
        "Vagtplanen laves stadig i Excel, og den er forældet, så snart nogen er syge",
        "Et digitalt vagtplansystem, hvor medarbejderne selv kan se og bytte vagter",
        "Lederen bruger 4-5 timer om ugen på vagtplan og opgørelser i regneark",
    ],
    "1.3": [
        "En fælles arbejdsstation i personalerummet til dokumentation og kurser",
        "En computer i personalerummet, hvor man kan sidde i ro og skrive",
    ],
    "1.4": [
        "Ledelsesinformation om normering og fremmøde, der opdateres automatisk",
        "Ledelsesinformation, som vi selv kan trække uden at bede Økonomi om et udtræk",
    ],
    "2.1": [
        "En tablet pr. stue, der er opladet og klar, når der sker noget",
        "Tre stuer deler én iPad, så dokumentationen bliver skrevet efter arbejdstid",
        "»Når jeg endelig har iPad'en, er øjeblikket forbi«",
    ],
    "2.2": [
        "Fælles skabelon til pædagogisk dokumentation i alle huse, så vi ikke opfinder den "
        "hver især",
        "En fælles skabelon til pædagogisk dokumentation halverede tiden til læreplansevalueringen",
    ],
    "2.3": [
        "Hjernen&Hjertet direkte på tabletten, så vi kan lave sprogvurderingen sammen med barnet",
        "Sprogvurdering direkte i Hjernen&Hjertet på tabletten",
    ],
    "3.1": [
        "Mange enheder i dagtilbuddene er ikke tilmeldt MDM, så vi kan hverken opdatere eller "
        "spærre dem",
        "Standardopsætning af alle tablets, så de virker ens i alle huse",
    ],
    "3.2": [
        "Wi-Fi dækker ikke legepladsen",
        "Trådløst net i alle 20 institutioner er en forudsætning for resten af strategien",
    ],
    "3.3": [
        "En bærbar til souschefen, så vi ikke skal skiftes til kontoret",
        "Dagplejepædagogerne har brug for en bærbar, de kan tage med ud på tilsyn",
    ],
    "3.4": [
        "Tablets med SIM-kort til alle 56 dagplejere og de tre legestuer",
        "Tablets til dagplejere skal have SIM-kort og tilmeldes MDM fra dag ét",
    ],
    "3.5": [
        "Gamle iPads kan ikke opdateres",
        "En udskiftningsplan, så vi ikke får alle nye tablets samme år og alle gamle fire år "
        "senere",
        "Budgettér udskiftningen som en fast pulje fra første år",
    ],
    "3.6": [
        "Tur-telefoner til hver afdeling i stedet for personalets private mobiler",
        "En tur-telefon til turene i stedet for min egen mobil",
    ],
    "4.1": [
        "Fælles retningslinjer for Aula: hvor ofte vi skriver, og hvad vi deler",
        "Aula-beskeder tager tid ved aflevering",
    ],
    "4.2": [
        "Forældre, der ikke læser dansk, får ikke fat i beskederne",
        "Skabeloner til de vigtigste beskeder, oversat til de sprog, forældrene taler",
    ],
    "5.1": [
        "Vi mangler en superbruger",
        "Et superbrugernetværk på tværs af husene, der mødes fast og deler erfaringer",
        "Frikøb af superbrugeren, ellers bliver det aldrig til noget ved siden af normeringen",
    ],
    "5.2": [
        "Tid i arbejdstiden til at lære de nye ting – ikke et kursus en fredag eftermiddag",
        "Kompetenceudvikling skal foregå i praksis på stuen, ikke kun på kurser",
    ],
    "5.3": [
        "En programleder, der følger indsatserne og gevinsterne over flere år",
        "Gevinster skal have en baseline fra start, ellers kan de ikke dokumenteres over for "
        "politikerne",
    ],
    "6.1": [
        "En fælles billed- og enhedspolitik for alle dagtilbud",
        "Awareness-træning på 20 minutter, der passer ind i et personalemøde",
        "Vi tager billeder på egne telefoner fordi iPad'en er flad",
    ],
    "7.1": [
        "Et fælles koncept med eksempler på god digital leg for 3-6-årige",
        "Vi er usikre på, hvornår en aktivitet med tablet er fagligt begrundet",
    ],
}


def save_changed(model, lookup: dict, values: dict):
    """Create or update a row, validated with full_clean(), saving only when something changed
    (so a second run writes no rows and no history)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        obj.save(update_fields=changed)
    return obj


def _seed_initiatives(process, themes) -> dict[str, Initiative]:
    initiatives = {}
    for number, row in INITIATIVES.items():
        (title, purpose, effect, owner, coordinator, unit, parties) = row[:7]
        (start, end, phase, status, light, in_budget) = row[7:]
        theme_number, position = (int(part) for part in number.split("."))
        initiatives[number] = save_changed(
            Initiative,
            {"process": process, "title": title},
            {
                "theme": themes[theme_number],
                "position": position,
                "purpose": purpose,
                "expected_effect": effect,
                "owner": owner,
                "coordinator": coordinator,
                "responsible_unit": unit,
                "involved_parties": parties,
                "start_date": quarter_start(*start),
                "end_date": quarter_end(*end),
                "phase": phase,
                "status": status,
                "traffic_light": light,
                "in_budget_request": in_budget,
            },
        )
    return initiatives


def _seed_details(process, initiatives, lead) -> None:
    for number, criteria in CRITERIA.items():
        for indicator, baseline, target, measured_when in criteria:
            save_changed(
                SuccessCriterion,
                {"initiative": initiatives[number], "indicator": indicator},
                {"baseline": baseline, "target": target, "measured_when": measured_when},
            )
    for number, category, description, owner, status in PREREQUISITES:
        save_changed(
            Prerequisite,
            {
                "process": process,
                "initiative": initiatives[number] if number else None,
                "description": description,
            },
            {"category": category, "owner": owner, "status": status},
        )
    for number, description, likelihood, impact, mitigation, owner in RISKS:
        save_changed(
            Risk,
            {
                "process": process,
                "initiative": initiatives[number] if number else None,
                "description": description,
            },
            {
                "likelihood": likelihood,
                "impact": impact,
                "mitigation": mitigation,
                "owner": owner,
            },
        )
    for number, depends_on in DEPENDENCIES:
        save_changed(
            Dependency,
            {"initiative": initiatives[number], "depends_on": initiatives[depends_on]},
            {},
        )
    for number, milestones in MILESTONES.items():
        for title, due_date, done in milestones:
            save_changed(
                Milestone,
                {"initiative": initiatives[number], "title": title},
                {"due_date": due_date, "done": done},
            )
    for number, updates in STATUS_UPDATES.items():
        for day, status, light, note in updates:
            save_changed(
                StatusUpdate,
                {"initiative": initiatives[number], "date": day},
                {"status": status, "traffic_light": light, "note": note, "author": lead},
            )


def _link_insights(process, initiatives) -> None:
    for number, texts in INSIGHTS.items():
        initiative = initiatives[number]
        wanted = set()
        for text in texts:
            insight = (
                Insight.objects.filter(
                    process=process, text=text, themes=initiative.theme, duplicate_of=None
                )
                .order_by("pk")
                .first()
            )
            if insight is not None:
                wanted.add(insight.pk)
        if set(initiative.insights.values_list("pk", flat=True)) != wanted:
            initiative.insights.set(wanted)


@transaction.atomic
def seed(stdout=None) -> None:
    process = StrategyProcess.objects.get(slug=PROCESS_SLUG)
    lead = get_user_model().objects.get(email=LEAD_EMAIL)
    themes = themes_by_number(process)
    initiatives = _seed_initiatives(process, themes)
    _seed_details(process, initiatives, lead)
    _link_insights(process, initiatives)
    # Imported here: budget_demo builds on this module's save_changed.
    from actionplan import budget_demo

    budget_demo.seed(process=process, initiatives=initiatives, lead=lead, stdout=stdout)
    if stdout is not None:
        stdout.write(
            f"Handleplan: {len(initiatives)} indsatser, "
            f"{Prerequisite.objects.filter(process=process).count()} forudsætninger, "
            f"{Risk.objects.filter(process=process).count()} risici, "
            f"{Dependency.objects.filter(initiative__process=process).count()} afhængigheder, "
            f"{Milestone.objects.filter(initiative__process=process).count()} milepæle"
        )
