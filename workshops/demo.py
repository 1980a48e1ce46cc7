"""Demo data of the workshops app (DOMAIN.md §6): participants, the five expert and eight internal
interviews with their insights, three closed workshops with about 150 notes in the groups' own
words, the steering group's merge of theme 8 into themes 1 and 5 (SG3), and the voting: the
prioritisation workshop's points round (35 participants, 5 points each), closed and adopted at
SG4, and an open round to try on a phone.

`seed_demo` calls `seed()` after `strategy.demo.seed()`, which created the process, the demo
accounts and the themes. Idempotent: rows are looked up by their natural key and only missing
ones are created, so a second run writes nothing (and no history rows). Personal links are not
issued: the lead issues them from the participant list.
"""

import datetime
import zoneinfo

from django.contrib.auth import get_user_model
from django.db import transaction

from strategy.demo import MERGED_INTO, MERGED_THEME, PROCESS_SLUG, themes_by_number, upsert
from strategy.enums import PlanPhase, ThemeStatus
from strategy.models import OrgUnit, SteeringMeeting, StrategyProcess
from workshops.enums import (
    InsightKind,
    InterviewKind,
    ResultsVisibility,
    RoundStatus,
    StakeholderGroup,
    VotingMethod,
    VotingMode,
    WorkshopStatus,
)
from workshops.models import (
    Ballot,
    Insight,
    InsightTheme,
    Interview,
    Participant,
    VotingRound,
    Workshop,
)
from workshops.services import voting
from workshops.services.board import theme_merge
from workshops.tokens import new_join_code

TZ = zoneinfo.ZoneInfo("Europe/Copenhagen")
LEAD_EMAIL = "projektleder@demo.rodovre.dk"
G = StakeholderGroup
K = InsightKind

# Theme numbers of strategy.demo.THEMES. A note of theme 8 ("Data og viden til
# kvalitetsudvikling") says where the steering group's merge sent it: D1 to theme 1, D5 to 5.
D1, D5 = 81, 85
MERGE_TARGET = {D1: 1, D5: 5}

# --- Participants --------------------------------------------------------------------------------
# (name, group, institution or "", demo account e-mail or ""). Names are fictional.
PARTICIPANTS = [
    ("Lone Leder", G.LEDER, "Børnehuset Solsikken", "leder.solsikken@demo.rodovre.dk"),
    ("Lars Leder", G.LEDER, "Børnehuset Stjernen", "leder.stjernen@demo.rodovre.dk"),
    ("Hanne Kjær", G.LEDER, "Børnehuset Mælkebøtten", ""),
    ("Jesper Lund", G.LEDER, "Engtoftens Børnehus", ""),
    ("Marianne Friis", G.LEDER, "Børnehuset Kastanjen", ""),
    ("Thomas Bech", G.LEDER, "Skovbørnehaven Egely", ""),
    ("Susanne Dahl", G.LEDER, "Vuggestuen Spiren", ""),
    ("Camilla Bundgaard", G.LEDER, "Børnehuset Regnbuen", ""),
    ("Morten Vestergaard", G.LEDER, "Børnehaven Troldehøj", ""),
    ("Helle Juul", G.LEDER, "Børnehuset Bakkely", ""),
    ("Sara Nielsen", G.MEDARBEJDER, "Børnehuset Solsikken", ""),
    ("Ahmad Rahimi", G.MEDARBEJDER, "Børnehuset Stjernen", ""),
    ("Louise Krogh", G.MEDARBEJDER, "Børnehuset Havblik", ""),
    ("Mikkel Thomsen", G.MEDARBEJDER, "Børnehuset Nørreled", ""),
    ("Fatima El-Amin", G.MEDARBEJDER, "Børnehuset Kildevang", ""),
    ("Julie Bak", G.MEDARBEJDER, "Vuggestuen Lærkereden", ""),
    ("Kristian Holt", G.MEDARBEJDER, "Naturbørnehaven Lyngbakken", ""),
    ("Nanna Winther", G.MEDARBEJDER, "Børnehuset Valmuen", ""),
    ("Peter Skov", G.MEDARBEJDER, "Børnehuset Fyrtårnet", ""),
    ("Yasmin Celik", G.MEDARBEJDER, "Børnehuset Humlebien", ""),
    ("Dina Dagplejeleder", G.DAGPLEJE, "Dagplejen", "dagplejeleder@demo.rodovre.dk"),
    ("Bente Mølgaard", G.DAGPLEJE, "Dagplejen", ""),
    ("Inger Hansen", G.DAGPLEJE, "Dagplejen", ""),
    ("Birgit Poulsen", G.DAGPLEJE, "Dagplejen", ""),
    ("Lene Mortensen", G.DAGPLEJE, "Dagplejen", ""),
    ("Tina Rasmussen", G.DAGPLEJE, "Dagplejen", ""),
    ("Hülya Demir", G.DAGPLEJE, "Dagplejen", ""),
    ("Jonas Frandsen", G.DIGITALISERING, "", ""),
    ("Signe Wulff", G.DIGITALISERING, "", ""),
    ("Rasmus Kirk", G.DIGITALISERING, "", ""),
    ("Nadia Berg", G.DIGITALISERING, "", ""),
    ("Henrik Aagaard", G.EKSTERN, "", ""),
    ("Birthe Løkke", G.EKSTERN, "", ""),
    ("Claus Ravn", G.EKSTERN, "", ""),
    ("Pernille Storm", G.EKSTERN, "", ""),
    ("Jens Korsgaard", G.EKSTERN, "", ""),
    ("Dorthe Dagtilbudschef", G.STYREGRUPPE, "", "dagtilbudschef@demo.rodovre.dk"),
    ("Dennis Digitaliseringschef", G.STYREGRUPPE, "", "digitaliseringschef@demo.rodovre.dk"),
    ("Mette MED", G.STYREGRUPPE, "", "med@demo.rodovre.dk"),
    ("Ølstrup Økonomikonsulent", G.STYREGRUPPE, "", "oekonomi@demo.rodovre.dk"),
]
# Four more staff who joined for the prioritisation workshop (kept apart from PARTICIPANTS, whose
# order decides who wrote which workshop note).
PRIORITISATION_PARTICIPANTS = [
    ("Emma Lauridsen", G.MEDARBEJDER, "Børnehuset Åløkken", ""),
    ("Oliver Sørensen", G.MEDARBEJDER, "Idrætsbørnehaven Løvfalden", ""),
    ("Maja Christiansen", G.MEDARBEJDER, "Engtoftens Børnehus", ""),
    ("Anders Holm", G.DIGITALISERING, "", ""),
]
# Internal participants get a work e-mail (for the mail merge); the experts have none.
EMAIL_DOMAIN = "demo.rodovre.dk"

# --- Interviews ----------------------------------------------------------------------------------
# (name, title, organisation, group, date, interviewer, consent to quote, summary, insights);
# an insight is (kind, text, theme numbers).
EXPERT_INTERVIEWS = [
    (
        "Henrik Aagaard",
        "Lektor, ph.d., forsker i digitale medier i dagtilbud",
        "Professionshøjskolen Vest",
        G.EKSTERN,
        datetime.date(2026, 3, 10),
        "Kamilla Konsulent",
        True,
        "Forskningen viser, at digitale redskaber i dagtilbud giver pædagogisk værdi, når de "
        "bruges sammen med en voksen og med et klart fagligt formål. Den største gevinst ligger "
        "i personalets eget arbejde – dokumentation, sprogarbejde og samarbejdet med forældre – "
        "mens skærmbrug med de mindste bør undgås. De kommuner, der lykkes, investerer lige så "
        "meget i kompetencer og ledelse som i udstyr.",
        [
            (
                K.OPPORTUNITY,
                "Digitale redskaber giver pædagogisk værdi, når barn og voksen bruger dem "
                "sammen med et klart formål",
                (7,),
            ),
            (
                K.CHALLENGE,
                "Personalet mangler et fælles fagligt sprog for, hvornår digital leg er "
                "fagligt begrundet",
                (7, 5),
            ),
            (
                K.QUOTE,
                "»Spørgsmålet er ikke skærm eller ikke skærm, men hvad barnet lærer, og hvem "
                "der er med«",
                (7,),
            ),
            (
                K.NEED,
                "Kompetenceudvikling skal foregå i praksis på stuen, ikke kun på kurser",
                (5,),
            ),
            (
                K.OPPORTUNITY,
                "Dokumentation med billeder og lyd gør læreplansarbejdet synligt for både børn "
                "og forældre",
                (2, 4),
            ),
        ],
    ),
    (
        "Birthe Løkke",
        "Chefkonsulent, digitalisering på dagtilbudsområdet",
        "KL",
        G.EKSTERN,
        datetime.date(2026, 3, 11),
        "Kamilla Konsulent",
        True,
        "Mange kommuner er i gang med at erstatte papir og regneark i dagtilbud med fælles "
        "digitale løsninger. Komme/gå, vagtplan og sprogvurdering er de områder, hvor "
        "gevinsten er størst, og en fælles standardopsætning med enhedsstyring er en "
        "forudsætning. Gevinsterne bør måles fra start, hvis de skal kunne bruges i "
        "budgetforhandlingerne.",
        [
            (
                K.OPPORTUNITY,
                "Digital komme/gå og vagtplan er de løsninger, der oftest frigiver tid i dagtilbud",
                (1,),
            ),
            (
                K.NEED,
                "Gevinster skal have en baseline fra start, ellers kan de ikke dokumenteres "
                "over for politikerne",
                (D5,),
            ),
            (
                K.CHALLENGE,
                "Mange kommuner har købt tablets uden en plan for drift og udskiftning",
                (3,),
            ),
            (
                K.QUOTE,
                "»Det er ikke indkøbet, der er dyrt – det er alt det, der kommer bagefter«",
                (3,),
            ),
            (
                K.IDEA,
                "Brug rammeaftalerne og en fælles standardopsætning, så husene ikke skal "
                "opfinde det hver for sig",
                (3,),
            ),
        ],
    ),
    (
        "Claus Ravn",
        "It-chef",
        "Nabokommune på Vestegnen",
        G.EKSTERN,
        datetime.date(2026, 3, 12),
        "Pia Projektleder",
        True,
        "Nabokommunen indførte tablets på alle stuer for tre år siden. Erfaringen er, at "
        "trådløst net, MDM-tilmelding og en fast udskiftningsplan skulle have været på plads "
        "først, og at superbrugere med frikøbt tid var afgørende for, at udstyret blev brugt.",
        [
            (
                K.CHALLENGE,
                "Tablets uden MDM blev hurtigt umulige at opdatere og holde styr på",
                (3, 6),
            ),
            (
                K.NEED,
                "Det trådløse net skal være i orden i hele huset og på legepladsen, før der "
                "rulles udstyr ud",
                (3,),
            ),
            (
                K.OPPORTUNITY,
                "Superbrugere med frikøbt tid gav markant færre henvendelser til support",
                (5, 3),
            ),
            (
                K.QUOTE,
                "»Vi startede med udstyret og endte med at bruge et år på at rydde op«",
                (3,),
            ),
            (K.IDEA, "Budgettér udskiftningen som en fast pulje fra første år", (3,)),
        ],
    ),
    (
        "Pernille Storm",
        "Dagtilbudschef",
        "Kommune med et digitalt dagtilbudsprogram (Sjælland)",
        G.EKSTERN,
        datetime.date(2026, 3, 13),
        "Kamilla Konsulent",
        True,
        "Kommunen har kørt et digitalt program i dagtilbud i to år med fokus på administration "
        "og pædagogisk dokumentation. Ledelsesopbakning og en programleder, der fulgte "
        "gevinsterne, var afgørende. Data om fremmøde og sprog bruges i dag i kvalitetsdialogen "
        "med hvert hus.",
        [
            (
                K.OPPORTUNITY,
                "Data om fremmøde, normering og sprog bruges i kvalitetsdialogen med hvert hus",
                (D5,),
            ),
            (K.NEED, "En programleder, der følger indsatserne og gevinsterne over flere år", (5,)),
            (
                K.QUOTE,
                "»Ledernes opbakning var det, der gjorde forskellen – ikke teknologien«",
                (5,),
            ),
            (
                K.CHALLENGE,
                "Forældrekommunikationen var uens fra hus til hus, indtil vi lavede fælles "
                "retningslinjer for Aula",
                (4,),
            ),
            (
                K.OPPORTUNITY,
                "En fælles skabelon til pædagogisk dokumentation halverede tiden til "
                "læreplansevalueringen",
                (2,),
            ),
        ],
    ),
    (
        "Jens Korsgaard",
        "Advokat, persondataret",
        "Advokatfirma med speciale i persondataret",
        G.EKSTERN,
        datetime.date(2026, 3, 17),
        "Pia Projektleder",
        False,
        "Databehandleraftaler og konsekvensanalyser skal være på plads, før en løsning tages i "
        "brug; Datatilsynets sager om Chromebooks i skolerne viser, hvad der ellers sker. "
        "Billeder af børn er personoplysninger, og private telefoner til billeder er en "
        "væsentlig risiko. NIS2 stiller krav om awareness-træning af alle medarbejdere.",
        [
            (
                K.NEED,
                "Databehandleraftale og konsekvensanalyse (DPIA) før en ny app tages i brug",
                (6,),
            ),
            (
                K.CHALLENGE,
                "Billeder på private telefoner kan hverken kontrolleres eller slettes centralt",
                (6,),
            ),
            (
                K.QUOTE,
                "»Det er ikke et spørgsmål om, hvorvidt en telefon med billeder af børn bliver "
                "væk, men hvornår«",
                (6,),
            ),
            (
                K.NEED,
                "Alle medarbejdere skal have awareness-træning, også vikarer og dagplejere",
                (6, 5),
            ),
        ],
    ),
]

INTERNAL_INTERVIEWS = [
    (
        "Lone Leder",
        "Institutionsleder",
        "Børnehuset Solsikken",
        G.LEDER,
        datetime.date(2026, 3, 16),
        "Pia Projektleder",
        True,
        "Solsikken har 102 børn og én bærbar pc til ledelsen. Vagtplan og "
        "normeringsopgørelser laves i regneark, og lederen bruger flere timer om ugen på "
        "administration. Hun ønsker digital komme/gå, en digital vagtplan og "
        "ledelsesinformation, der ikke kræver manuelt arbejde.",
        [
            (
                K.CHALLENGE,
                "Lederen bruger 4-5 timer om ugen på vagtplan og opgørelser i regneark",
                (1,),
            ),
            (
                K.NEED,
                "Ledelsesinformation om normering og fremmøde, der opdateres automatisk",
                (D1,),
            ),
            (K.QUOTE, "»Jeg vil være leder for pædagogikken, ikke for regnearkene«", (1, 5)),
            (K.NEED, "En bærbar pc til souschefen", (3,)),
        ],
    ),
    (
        "Dina Dagplejeleder",
        "Dagplejeleder",
        "Dagplejen",
        G.DAGPLEJE,
        datetime.date(2026, 3, 18),
        "Pia Projektleder",
        True,
        "Dagplejen har 56 dagplejere, der arbejder alene i eget hjem. De fleste bruger deres "
        "private telefon til Aula og billeder. Dagplejelederen efterlyser tablets med SIM-kort "
        "og enhedsstyring og en introduktion, der passer til dagplejernes arbejdsdag.",
        [
            (
                K.CHALLENGE,
                "De fleste dagplejere bruger deres private telefon til Aula og billeder",
                (6, 3),
            ),
            (K.NEED, "Tablets med SIM-kort til alle 56 dagplejere og de tre legestuer", (3,)),
            (K.NEED, "Introduktion og kurser, der passer til dagplejernes arbejdsdag", (5,)),
            (
                K.OPPORTUNITY,
                "Digital sygemelding og gæstedagpleje kan spare mange telefonopkald om morgenen",
                (1,),
            ),
        ],
    ),
    (
        "Ahmad Rahimi",
        "Pædagog",
        "Børnehuset Stjernen",
        G.MEDARBEJDER,
        datetime.date(2026, 3, 19),
        "Kamilla Konsulent",
        True,
        "Pædagog på en stue med 22 børnehavebørn. Stuen deler en iPad med to andre stuer, og "
        "dokumentationen skrives ofte efter arbejdstid. Han ønsker en tablet pr. stue og "
        "sprogvurdering direkte i Hjernen&Hjertet.",
        [
            (
                K.CHALLENGE,
                "Tre stuer deler én iPad, så dokumentationen bliver skrevet efter arbejdstid",
                (2, 3),
            ),
            (K.IDEA, "Sprogvurdering direkte i Hjernen&Hjertet på tabletten", (2,)),
            (K.QUOTE, "»Når jeg endelig har iPad'en, er øjeblikket forbi«", (2, 3)),
            (
                K.OPPORTUNITY,
                "Forløb med bee-bots har givet de store børn et fælles sprog om retninger og tal",
                (7,),
            ),
        ],
    ),
    (
        "Mette MED",
        "MED/TR-repræsentant",
        "Børne- og Kulturforvaltningen",
        G.MEDARBEJDER,
        datetime.date(2026, 3, 20),
        "Kamilla Konsulent",
        False,
        "Medarbejderne er positive over for digitale redskaber, men bekymrede for tempoet, "
        "for at blive kontrolleret og for at skulle lære nyt uden tid til det. MED ønsker, at "
        "kompetenceudvikling sker i arbejdstiden, og at superbrugere får frikøbt tid.",
        [
            (
                K.CHALLENGE,
                "Medarbejderne frygter, at digitale redskaber bliver brugt til at kontrollere dem",
                (5,),
            ),
            (K.NEED, "Kompetenceudvikling i arbejdstiden med vikardækning", (5,)),
            (
                K.QUOTE,
                "»Hvis det bliver endnu en ting, vi skal nå ved siden af børnene, så bliver det "
                "ikke til noget«",
                (5, 1),
            ),
            (K.NEED, "Superbrugere skal have frikøbt tid til opgaven", (5,)),
        ],
    ),
    (
        "Dennis Digitaliseringschef",
        "Digitaliseringschef",
        "Digitaliseringsafdelingen",
        G.DIGITALISERING,
        datetime.date(2026, 3, 23),
        "Pia Projektleder",
        True,
        "Digitaliseringsafdelingen har ikke overblik over enhederne i dagtilbud; mange er købt "
        "lokalt og ikke tilmeldt MDM. Afdelingen anbefaler standardopsætning, indkøb på "
        "rammeaftaler og en central udskiftningspulje og peger på trådløst net som den "
        "vigtigste forudsætning.",
        [
            (
                K.CHALLENGE,
                "Mange enheder er købt lokalt uden for rammeaftalen og er ikke tilmeldt MDM",
                (3, 6),
            ),
            (
                K.NEED,
                "Trådløst net i alle 20 institutioner er en forudsætning for resten af strategien",
                (3,),
            ),
            (
                K.IDEA,
                "En central udskiftningspulje, så husene ikke selv skal spare op til nye tablets",
                (3,),
            ),
            (K.OPPORTUNITY, "Med standardopsætning kan en ny tablet være klar på en dag", (3, 1)),
        ],
    ),
    (
        "Ib Informationssikkerhed",
        "Informationssikkerhedskoordinator",
        "Digitaliseringsafdelingen",
        G.DIGITALISERING,
        datetime.date(2026, 3, 24),
        "Kamilla Konsulent",
        True,
        "Dagtilbuddene har ingen fælles billed- og enhedspolitik, og awareness-træningen har "
        "ikke nået pædagogisk personale og dagplejere. NIS2 gør træningen obligatorisk. "
        "Private telefoner med billeder af børn er den største risiko.",
        [
            (
                K.CHALLENGE,
                "Awareness-træningen har ikke nået pædagogisk personale og dagplejere",
                (6, 5),
            ),
            (K.NEED, "En fælles billed- og enhedspolitik for alle dagtilbud", (6,)),
            (
                K.QUOTE,
                "»Den største risiko er ikke hackere, men en glemt telefon i en barnevogn«",
                (6,),
            ),
        ],
    ),
    (
        "Ølstrup Økonomikonsulent",
        "Økonomikonsulent",
        "Økonomi",
        G.STYREGRUPPE,
        datetime.date(2026, 3, 25),
        "Pia Projektleder",
        True,
        "Et budgetønske skal bygge på et dokumenteret behov og skelne mellem drift og anlæg, "
        "engangsudgifter og varige udgifter. Udskiftning af udstyr skal budgetteres som en "
        "varig pulje, og gevinster kan kun modregnes, hvis de kan måles.",
        [
            (K.NEED, "Budgetønsket skal bygge på en behovsopgørelse pr. institution", (3,)),
            (K.CHALLENGE, "Gevinster kan kun modregnes, hvis der er en baseline", (D1,)),
            (
                K.IDEA,
                "Finansiér en del af driften ved omprioritering inden for 0-6-området",
                (3,),
            ),
        ],
    ),
    (
        "Bente Mølgaard",
        "Dagplejepædagog",
        "Dagplejen",
        G.DAGPLEJE,
        datetime.date(2026, 3, 26),
        "Kamilla Konsulent",
        True,
        "Dagplejepædagogerne fører tilsyn med dagplejerne og noterer på papir. De ønsker "
        "bærbare pc'er til tilsyn og en enkel dokumentationsskabelon, som dagplejerne kan "
        "bruge. Mange dagplejere er usikre digitalt og har brug for hjælp tæt på.",
        [
            (
                K.NEED,
                "Bærbare pc'er til dagplejepædagogerne, så tilsyn kan noteres på stedet",
                (3, 1),
            ),
            (
                K.IDEA,
                "En enkel dokumentationsskabelon til dagplejen, der hænger sammen med læreplanen",
                (2,),
            ),
            (
                K.CHALLENGE,
                "Mange dagplejere er usikre digitalt og har ingen kollega at spørge",
                (5,),
            ),
            (
                K.QUOTE,
                "»Dagplejerne vil gerne, men de skal have det vist – ikke sendt som en pdf«",
                (5,),
            ),
        ],
    ),
]

# --- Workshops -----------------------------------------------------------------------------------
# A note is (author group, kind, text, theme numbers) or, for a note the facilitator marked as a
# duplicate, (author group, kind, text, (), text of the original).
WORKSHOPS = [
    {
        "title": "Workshop for ledere",
        "date": datetime.date(2026, 3, 24),
        "place": "Rødovre Rådhus, mødesal 1",
        "facilitator": "Kamilla Konsulent",
        "purpose": (
            "Ledernes udfordringer, behov og idéer: administration, ledelsesinformation, "
            "udstyr, kompetencer og samarbejdet med forældrene."
        ),
        "agenda": (
            "13.00 Velkomst og formål\n"
            "13.15 Indsigter fra ekspertinterviewene\n"
            "13.45 Noter på telefonen: udfordringer, muligheder, idéer og behov\n"
            "14.30 Pause\n"
            "14.45 Gruppering af noterne i temaer\n"
            "15.30 Opsamling og næste skridt"
        ),
        "attendees": [
            *(name for name, group, _u, _e in PARTICIPANTS if group == G.LEDER),
            "Jonas Frandsen",
            "Rasmus Kirk",
            "Dorthe Dagtilbudschef",
        ],
        "notes": [
            (
                G.LEDER,
                K.CHALLENGE,
                "Vagtplanen laves stadig i Excel, og den er forældet, så snart nogen er syge",
                (1,),
            ),
            (
                G.LEDER,
                K.NEED,
                "Et digitalt vagtplansystem, hvor medarbejderne selv kan se og bytte vagter",
                (1,),
            ),
            (
                G.LEDER,
                K.CHALLENGE,
                "Jeg bruger hver mandag en time på at tælle fremmøde sammen til "
                "normeringsopgørelsen",
                (1, D1),
            ),
            (
                G.LEDER,
                K.IDEA,
                "Komme/gå-skærm ved indgangen, så forældrene selv krydser ind og ud",
                (1, 4),
            ),
            (G.LEDER, K.CHALLENGE, "Gamle iPads kan ikke opdateres", (3,)),
            (
                G.LEDER,
                K.CHALLENGE,
                "Vi har tre forskellige slags tablets, og ingen ved, hvem der har koden til dem",
                (3, 6),
            ),
            (G.LEDER, K.NEED, "Vi mangler en superbruger", (5,)),
            (
                G.LEDER,
                K.NEED,
                "Ledelsesinformation om sprogvurderinger på tværs af stuerne, så vi kan se, "
                "hvor vi skal sætte ind",
                (D5,),
            ),
            (
                G.LEDER,
                K.OPPORTUNITY,
                "Hvis tal om fremmøde og normering kom automatisk, kunne vi bruge "
                "personalemøderne på pædagogik",
                (D1,),
            ),
            (
                G.LEDER,
                K.CHALLENGE,
                "Vi har ikke tid til at følge op på, om det nye udstyr faktisk bliver brugt",
                (5,),
            ),
            (
                G.LEDER,
                K.QUOTE,
                "»Jeg er leder for 40 medarbejdere og har én bærbar, som jeg deler med min "
                "souschef«",
                (3,),
            ),
            (
                G.LEDER,
                K.NEED,
                "En bærbar til souschefen, så vi ikke skal skiftes til kontoret",
                (3,),
            ),
            (
                G.LEDER,
                K.IDEA,
                "Fælles skabelon til pædagogisk dokumentation i alle huse, så vi ikke opfinder "
                "den hver især",
                (2,),
            ),
            (
                G.LEDER,
                K.CHALLENGE,
                "Læreplansevalueringen tager uger, fordi dokumentationen ligger i mapper, på "
                "USB-stik og i Aula",
                (2,),
            ),
            (
                G.LEDER,
                K.OPPORTUNITY,
                "Tablets på stuerne kan gøre dokumentationen til en del af hverdagen i stedet "
                "for en ekstra opgave",
                (2,),
            ),
            (
                G.LEDER,
                K.NEED,
                "Klare regler for, hvad vi må bruge skærme til med de mindste efter § 8 a",
                (7, 6),
            ),
            (
                G.LEDER,
                K.CHALLENGE,
                "Forældrene forventer billeder hver dag i Aula, men det tager tid fra børnene",
                (4, 1),
            ),
            (
                G.LEDER,
                K.IDEA,
                "Fælles retningslinjer for Aula: hvor ofte vi skriver, og hvad vi deler",
                (4,),
            ),
            (
                G.LEDER,
                K.CHALLENGE,
                "Forældre, der ikke læser dansk, får ikke fat i beskederne",
                (4,),
            ),
            (
                G.LEDER,
                K.NEED,
                "Skabeloner til de vigtigste beskeder, oversat til de sprog, forældrene taler",
                (4,),
            ),
            (
                G.LEDER,
                K.CHALLENGE,
                "Medarbejderne er meget forskellige digitalt – nogle er helt med, andre er "
                "bange for at trykke forkert",
                (5,),
            ),
            (
                G.LEDER,
                K.IDEA,
                "Et superbrugernetværk på tværs af husene, der mødes fast og deler erfaringer",
                (5,),
            ),
            (
                G.LEDER,
                K.NEED,
                "Frikøb af superbrugeren, ellers bliver det aldrig til noget ved siden af "
                "normeringen",
                (5,),
            ),
            (
                G.LEDER,
                K.QUOTE,
                "»Det nytter ikke at købe iPads, hvis ingen har tid til at lære dem at kende«",
                (5, 3),
            ),
            (
                G.LEDER,
                K.CHALLENGE,
                "Vi ved ikke, om vores databehandleraftaler dækker de apps, vi bruger",
                (6,),
            ),
            (
                G.LEDER,
                K.NEED,
                "En fælles billedpolitik, så vi ikke skal vurdere det fra gang til gang",
                (6,),
            ),
            (
                G.LEDER,
                K.CHALLENGE,
                "Medarbejdere tager billeder på deres egne telefoner, når der ikke er en "
                "tablet i nærheden",
                (6,),
            ),
            (
                G.LEDER,
                K.OPPORTUNITY,
                "Digital komme/gå giver et sikkert overblik ved brandøvelser og på tur",
                (1,),
            ),
            (
                G.LEDER,
                K.IDEA,
                "Tur-telefoner til hver afdeling i stedet for personalets private mobiler",
                (3, 6),
            ),
            (
                G.LEDER,
                K.CHALLENGE,
                "Vi venter flere uger på hjælp, når en tablet går i stykker",
                (3,),
            ),
            (G.LEDER, K.NEED, "Én indgang til it-support, der kender dagtilbuddene", (3,)),
            (
                G.LEDER,
                K.IDEA,
                "En udskiftningsplan, så vi ikke får alle nye tablets samme år og alle gamle "
                "fire år senere",
                (3,),
            ),
            (
                G.LEDER,
                K.OPPORTUNITY,
                "Med tal om trivsel og sprog kan kvalitetsdialogen med forvaltningen tage "
                "udgangspunkt i fakta",
                (D5,),
            ),
            (
                G.LEDER,
                K.NEED,
                "Ledelsesinformation, som vi selv kan trække uden at bede Økonomi om et udtræk",
                (D1,),
            ),
            (
                G.LEDER,
                K.CHALLENGE,
                "Hvert hus har sin egen løsning, så vi kan ikke hjælpe hinanden",
                (5, 3),
            ),
            (
                G.STYREGRUPPE,
                K.QUOTE,
                "»Digitalisering skal ikke være et mål i sig selv – det skal give mere tid på "
                "gulvet«",
                (1,),
            ),
            (
                G.LEDER,
                K.IDEA,
                "Start med de store børn: fagligt begrundede forløb med bee-bots i "
                "børnehavegrupperne",
                (7,),
            ),
            (
                G.LEDER,
                K.CHALLENGE,
                "Vi er usikre på, hvornår en aktivitet med tablet er fagligt begrundet",
                (7,),
            ),
            (
                G.LEDER,
                K.NEED,
                "Et fælles koncept med eksempler på god digital leg for 3-6-årige",
                (7,),
            ),
            (
                G.LEDER,
                K.CHALLENGE,
                "Sygemeldinger ringes ind på husets fastnet, og beskeden når ikke altid frem",
                (1,),
            ),
            (
                G.LEDER,
                K.IDEA,
                "En fælles arbejdsstation i personalerummet til dokumentation og kurser",
                (1, 2),
            ),
            (
                G.LEDER,
                K.OPPORTUNITY,
                "Fælles indkøb på rammeaftalen giver bedre priser og mindre bøvl med opsætning",
                (3,),
            ),
            (
                G.LEDER,
                K.CHALLENGE,
                "Ingen har overblik over, hvor mange enheder vi har, og hvor gamle de er",
                (3, D1),
            ),
            (
                G.LEDER,
                K.NEED,
                "Ledelsen skal gå forrest – vi skal selv kunne systemerne, før vi beder "
                "medarbejderne om det",
                (5,),
            ),
            (
                G.STYREGRUPPE,
                K.QUOTE,
                "»Hvis strategien kun handler om udstyr, er den glemt om et år«",
                (5,),
            ),
            (
                G.LEDER,
                K.OPPORTUNITY,
                "Når forældrene har set dagens billeder i Aula, bliver snakken ved afhentning "
                "meget bedre",
                (4,),
            ),
            (
                G.DIGITALISERING,
                K.CHALLENGE,
                "Mange enheder i dagtilbuddene er ikke tilmeldt MDM, så vi kan hverken "
                "opdatere eller spærre dem",
                (3, 6),
            ),
            (
                G.DIGITALISERING,
                K.IDEA,
                "Standardopsætning af alle tablets, så de virker ens i alle huse",
                (3,),
            ),
            (
                G.DIGITALISERING,
                K.NEED,
                "Databehandleraftale og konsekvensanalyse skal være på plads, før en ny app "
                "tages i brug",
                (6,),
            ),
            (
                G.DIGITALISERING,
                K.OPPORTUNITY,
                "Trådløst net i alle 20 huse kan udbydes samlet og blive billigere",
                (3,),
            ),
            (
                G.LEDER,
                K.CHALLENGE,
                "Vores iPads er så gamle, at de ikke får opdateringer mere",
                (),
                "Gamle iPads kan ikke opdateres",
            ),
            (
                G.LEDER,
                K.NEED,
                "Vi har brug for en superbruger i huset",
                (),
                "Vi mangler en superbruger",
            ),
        ],
    },
    {
        "title": "Workshop for medarbejdere",
        "date": datetime.date(2026, 3, 26),
        "place": "Medborgerhuset, sal 2",
        "facilitator": "Kamilla Konsulent",
        "purpose": (
            "Pædagogers og medhjælperes hverdag med digitale redskaber: hvad driller, hvad "
            "virker, og hvad der ville give mere tid til børnene."
        ),
        "agenda": (
            "16.00 Velkomst og formål\n"
            "16.10 Sådan skriver du noter på telefonen\n"
            "16.20 Runde 1: Det driller i hverdagen\n"
            "16.50 Runde 2: Det ville gøre en forskel\n"
            "17.20 Gruppering af noterne og opsamling"
        ),
        "attendees": [
            *(name for name, group, _u, _e in PARTICIPANTS if group == G.MEDARBEJDER),
            "Signe Wulff",
            "Nadia Berg",
            "Mette MED",
        ],
        "notes": [
            (
                G.MEDARBEJDER,
                K.CHALLENGE,
                "Vi tager billeder på egne telefoner fordi iPad'en er flad",
                (6, 3),
            ),
            (G.MEDARBEJDER, K.CHALLENGE, "Aula-beskeder tager tid ved aflevering", (4, 1)),
            (G.MEDARBEJDER, K.CHALLENGE, "Wi-Fi dækker ikke legepladsen", (3,)),
            (
                G.MEDARBEJDER,
                K.CHALLENGE,
                "Der er én iPad til hele huset, og den står altid på kontoret",
                (3, 2),
            ),
            (
                G.MEDARBEJDER,
                K.NEED,
                "En tablet pr. stue, der er opladet og klar, når der sker noget",
                (2, 3),
            ),
            (
                G.MEDARBEJDER,
                K.CHALLENGE,
                "Jeg skriver dokumentation om aftenen derhjemme, fordi der ikke er tid på stuen",
                (2, 1),
            ),
            (
                G.MEDARBEJDER,
                K.IDEA,
                "Ladestation på hver stue, så tabletten altid er opladet",
                (3,),
            ),
            (
                G.MEDARBEJDER,
                K.CHALLENGE,
                "Sprogvurderingerne laves på papir og tastes ind bagefter",
                (2, 1),
            ),
            (
                G.MEDARBEJDER,
                K.IDEA,
                "Hjernen&Hjertet direkte på tabletten, så vi kan lave sprogvurderingen sammen "
                "med barnet",
                (2,),
            ),
            (
                G.MEDARBEJDER,
                K.QUOTE,
                "»Jeg vil hellere bruge tiden på at lege med børnene end på at taste«",
                (1,),
            ),
            (
                G.MEDARBEJDER,
                K.CHALLENGE,
                "Vi bruger lang tid på at finde ud af, hvem der er hentet, når forældrene "
                "glemmer at sige farvel",
                (1,),
            ),
            (
                G.MEDARBEJDER,
                K.OPPORTUNITY,
                "Komme/gå på en skærm i garderoben ville spare os for mange opringninger",
                (1, 4),
            ),
            (
                G.MEDARBEJDER,
                K.CHALLENGE,
                "Vagtplanen hænger på opslagstavlen, og ændringer får man kun at vide, hvis "
                "man er på arbejde",
                (1,),
            ),
            (G.MEDARBEJDER, K.NEED, "At kunne se min vagtplan på telefonen", (1,)),
            (
                G.MEDARBEJDER,
                K.CHALLENGE,
                "Vi ved ikke, om vi må lægge billeder i Aula, hvor andre børn kan ses",
                (6, 4),
            ),
            (
                G.MEDARBEJDER,
                K.NEED,
                "Et kursus i, hvad vi må og ikke må med billeder og persondata",
                (6, 5),
            ),
            (
                G.MEDARBEJDER,
                K.CHALLENGE,
                "Når tabletten går i stykker, går der lang tid, før vi får en ny",
                (3,),
            ),
            (
                G.MEDARBEJDER,
                K.NEED,
                "En superbruger i huset, man kan spørge, når der er noget",
                (5,),
            ),
            (
                G.MEDARBEJDER,
                K.CHALLENGE,
                "Nye kolleger og vikarer får aldrig en introduktion til systemerne",
                (5,),
            ),
            (
                G.MEDARBEJDER,
                K.IDEA,
                "Korte videoer på dansk om de ting, vi bruger hver dag",
                (5,),
            ),
            (
                G.MEDARBEJDER,
                K.NEED,
                "Tid i arbejdstiden til at lære de nye ting – ikke et kursus en fredag eftermiddag",
                (5,),
            ),
            (
                G.MEDARBEJDER,
                K.QUOTE,
                "»Jeg er ikke imod det digitale, jeg er bare bange for at gøre noget forkert«",
                (5,),
            ),
            (
                G.MEDARBEJDER,
                K.OPPORTUNITY,
                "Bee-bots og fotoopgaver kan styrke børnenes sprog og samarbejde, når vi er med",
                (7,),
            ),
            (
                G.MEDARBEJDER,
                K.CHALLENGE,
                "Nogle forældre forventer, at børnene ser skærm hos os, andre vil slet ikke "
                "have det",
                (7, 4),
            ),
            (
                G.MEDARBEJDER,
                K.NEED,
                "Klare retningslinjer for skærm med børnene, så vi kan svare forældrene",
                (7, 4),
            ),
            (
                G.MEDARBEJDER,
                K.IDEA,
                "Lad de store børn tage billeder til deres egen portfolio og fortælle om dem",
                (7, 2),
            ),
            (
                G.MEDARBEJDER,
                K.CHALLENGE,
                "Forældre, der ikke taler dansk, forstår ikke beskederne i Aula",
                (4,),
            ),
            (G.MEDARBEJDER, K.IDEA, "Billeder og piktogrammer i beskederne til forældrene", (4,)),
            (
                G.MEDARBEJDER,
                K.OPPORTUNITY,
                "Oversættelse i Aula kunne hjælpe mange af vores forældre",
                (4,),
            ),
            (
                G.MEDARBEJDER,
                K.CHALLENGE,
                "Vi skriver de samme ting til forældrene i Aula, på tavlen og på papir",
                (4, 1),
            ),
            (
                G.MEDARBEJDER,
                K.NEED,
                "En fast aftale om, hvornår vi svarer på beskeder, så forældrene ved, hvad de "
                "kan forvente",
                (4,),
            ),
            (
                G.MEDARBEJDER,
                K.CHALLENGE,
                "Den fælles computer er så langsom, at det tager ti minutter at logge på",
                (3, 1),
            ),
            (
                G.MEDARBEJDER,
                K.NEED,
                "En computer i personalerummet, hvor man kan sidde i ro og skrive",
                (1, 2),
            ),
            (
                G.MEDARBEJDER,
                K.CHALLENGE,
                "Koden til tabletten står på en seddel bag på coveret",
                (6,),
            ),
            (
                G.MEDARBEJDER,
                K.IDEA,
                "Login med kort eller fingeraftryk i stedet for fælles koder",
                (6, 3),
            ),
            (
                G.MEDARBEJDER,
                K.CHALLENGE,
                "Når wifi'en falder ud, mister vi det, vi har skrevet i dokumentationen",
                (3, 2),
            ),
            (
                G.MEDARBEJDER,
                K.OPPORTUNITY,
                "Med tablets kan vi vise forældrene, hvad børnene har lavet i løbet af dagen",
                (4, 2),
            ),
            (
                G.MEDARBEJDER,
                K.QUOTE,
                "»Det tager længere tid at finde en opladet iPad end at tage billedet«",
                (3,),
            ),
            (
                G.MEDARBEJDER,
                K.CHALLENGE,
                "Vi har tre forskellige apps til dokumentation, og de taler ikke sammen",
                (2,),
            ),
            (G.MEDARBEJDER, K.NEED, "Ét sted at lægge den pædagogiske dokumentation", (2,)),
            (
                G.MEDARBEJDER,
                K.CHALLENGE,
                "Vi bliver bedt om at dokumentere mere, men får ikke mere tid til det",
                (2, 1),
            ),
            (
                G.MEDARBEJDER,
                K.IDEA,
                "Faste dokumentationsstunder på stuen, hvor én har tabletten og de andre er "
                "med børnene",
                (2,),
            ),
            (
                G.MEDARBEJDER,
                K.OPPORTUNITY,
                "Sprogvurderingerne kunne vise os tidligere, hvilke børn der skal have ekstra "
                "støtte",
                (2, D5),
            ),
            (
                G.MEDARBEJDER,
                K.CHALLENGE,
                "Vi hører aldrig, hvad de tal, vi indberetter, bliver brugt til",
                (D5,),
            ),
            (
                G.MEDARBEJDER,
                K.NEED,
                "En tur-telefon til turene i stedet for min egen mobil",
                (3, 6),
            ),
            (
                G.MEDARBEJDER,
                K.CHALLENGE,
                "På tur kan vi ikke se, hvilke børn der har allergi, uden at ringe hjem",
                (1, 3),
            ),
            (
                G.STYREGRUPPE,
                K.QUOTE,
                "»Vi får ny teknik, men ingen fortæller os hvorfor«",
                (5,),
            ),
            (
                G.MEDARBEJDER,
                K.IDEA,
                "Inddrag os, før der købes nyt – vi ved, hvad der virker på stuen",
                (5, 3),
            ),
            (
                G.DIGITALISERING,
                K.OPPORTUNITY,
                "Med enhedsstyring kan vi slette en tablet, der er blevet væk, på få minutter",
                (3, 6),
            ),
            (
                G.DIGITALISERING,
                K.NEED,
                "Et overblik over alle enheder med alder og model, så udskiftning kan planlægges",
                (3,),
            ),
            (
                G.DIGITALISERING,
                K.CHALLENGE,
                "Mange henvendelser til support handler om glemte koder og fyldt lager",
                (3, 5),
            ),
            (
                G.DIGITALISERING,
                K.IDEA,
                "Awareness-træning på 20 minutter, der passer ind i et personalemøde",
                (6, 5),
            ),
            (
                G.MEDARBEJDER,
                K.CHALLENGE,
                "Wifi'en virker ikke ude på legepladsen",
                (),
                "Wi-Fi dækker ikke legepladsen",
            ),
            (
                G.MEDARBEJDER,
                K.CHALLENGE,
                "Vi bruger vores private telefoner til billeder, når iPad'en ikke er ladet op",
                (),
                "Vi tager billeder på egne telefoner fordi iPad'en er flad",
            ),
        ],
    },
    {
        "title": "Workshop for dagplejen",
        "date": datetime.date(2026, 3, 31),
        "place": "Dagplejens legestue, Rødovre",
        "facilitator": "Pia Projektleder",
        "purpose": (
            "Dagplejernes og dagplejepædagogernes behov: udstyr, Aula, dokumentation og hjælp, "
            "når man arbejder alene i eget hjem."
        ),
        "agenda": (
            "18.30 Velkomst, kaffe og formål\n"
            "18.45 Sådan skriver du noter på telefonen\n"
            "19.00 Noter: det driller, det ville hjælpe\n"
            "19.40 Gruppering af noterne\n"
            "20.15 Opsamling"
        ),
        "attendees": [
            *(name for name, group, _u, _e in PARTICIPANTS if group == G.DAGPLEJE),
            "Signe Wulff",
        ],
        "notes": [
            (
                G.DAGPLEJE,
                K.CHALLENGE,
                "Jeg har ingen tablet – alt foregår på min egen telefon",
                (3, 6),
            ),
            (
                G.DAGPLEJE,
                K.NEED,
                "En tablet med SIM-kort, så jeg kan bruge Aula på legepladsen og i legestuen",
                (3,),
            ),
            (
                G.DAGPLEJE,
                K.CHALLENGE,
                "Sygemelding og fravær skal ringes ind om morgenen, mens jeg har fire børn på "
                "armen",
                (1,),
            ),
            (G.DAGPLEJE, K.IDEA, "Digital sygemelding og ferieplan for dagplejere", (1,)),
            (
                G.DAGPLEJE,
                K.CHALLENGE,
                "Forældrene skriver til mig om aftenen på min private telefon",
                (4, 6),
            ),
            (
                G.DAGPLEJE,
                K.NEED,
                "En arbejdstelefon eller -tablet, så jeg kan holde fri, når jeg har fri",
                (4, 3),
            ),
            (
                G.DAGPLEJE,
                K.CHALLENGE,
                "Vi er alene i hjemmet og kan ikke lige spørge en kollega, når noget driller",
                (5,),
            ),
            (
                G.DAGPLEJE,
                K.NEED,
                "En dagplejepædagog eller superbruger, vi kan ringe til om det digitale",
                (5,),
            ),
            (
                G.DAGPLEJE,
                K.IDEA,
                "Korte digitale træf i legestuen, hvor vi lærer én ting ad gangen",
                (5,),
            ),
            (
                G.DAGPLEJE,
                K.QUOTE,
                "»Jeg er 58 og har aldrig haft en iPad – men jeg vil gerne lære det«",
                (5,),
            ),
            (
                G.DAGPLEJE,
                K.CHALLENGE,
                "Billeder til forældrene tager jeg på min egen telefon, og så skal de slettes "
                "bagefter",
                (6,),
            ),
            (
                G.DAGPLEJE,
                K.NEED,
                "Klar besked om, hvor billederne må ligge, og hvornår de skal slettes",
                (6,),
            ),
            (
                G.DAGPLEJE,
                K.CHALLENGE,
                "Dokumentation til læreplanen laver vi på papir og afleverer i legestuen",
                (2,),
            ),
            (
                G.DAGPLEJE,
                K.IDEA,
                "En enkel skabelon til dagplejen, hvor vi kan skrive lidt om barnet hver uge",
                (2,),
            ),
            (
                G.DAGPLEJE,
                K.OPPORTUNITY,
                "Forældrene bliver glade for at få et billede og et par ord fra dagen",
                (4,),
            ),
            (
                G.DAGPLEJE,
                K.CHALLENGE,
                "Der er ikke wifi i legestuen, så vi kan ikke vise forældrene noget der",
                (3,),
            ),
            (
                G.DAGPLEJE,
                K.CHALLENGE,
                "Jeg ved ikke, om min internetforbindelse derhjemme må bruges til arbejdet",
                (3, 6),
            ),
            (
                G.DAGPLEJE,
                K.NEED,
                "Besked i god tid, når der kommer nye systemer – og hjælp til at komme i gang",
                (5,),
            ),
            (
                G.DAGPLEJE,
                K.CHALLENGE,
                "Mine børn er alle under tre år, så skærm med børnene er slet ikke aktuelt",
                (7,),
            ),
            (
                G.DAGPLEJE,
                K.QUOTE,
                "»Hos os handler det digitale om de voksnes arbejde, ikke om børnenes leg«",
                (7, 1),
            ),
            (
                G.DAGPLEJE,
                K.NEED,
                "En tablet til legestuen, så vi kan dokumentere de fælles aktiviteter",
                (2, 3),
            ),
            (
                G.DAGPLEJE,
                K.CHALLENGE,
                "Der går lang tid, før jeg får betaling for overarbejde, fordi sedlerne skal "
                "afleveres på papir",
                (1,),
            ),
            (G.DAGPLEJE, K.IDEA, "Timesedler og kørsel i en app", (1,)),
            (
                G.DAGPLEJE,
                K.CHALLENGE,
                "Det er svært at følge med i Aula, når der kommer beskeder fra både "
                "forvaltning, legestue og forældre",
                (4, 1),
            ),
            (
                G.DAGPLEJE,
                K.OPPORTUNITY,
                "Hvis Aula var sat ordentligt op, kunne forældrene se dagens billeder og "
                "beskeder samme sted",
                (4,),
            ),
            (
                G.DAGPLEJE,
                K.NEED,
                "Et Aula-kursus for dagplejere – det, vi får nu, er lavet til institutioner",
                (5, 4),
            ),
            (
                G.DAGPLEJE,
                K.CHALLENGE,
                "Når jeg er syg, ved gæstedagplejeren ikke, hvad barnet skal have, eller om det "
                "har allergier",
                (1,),
            ),
            (
                G.DAGPLEJE,
                K.IDEA,
                "Barnets praktiske oplysninger digitalt tilgængelige for gæstedagplejeren",
                (1, 6),
            ),
            (
                G.DAGPLEJE,
                K.CHALLENGE,
                "Tilsynsbesøg og udviklingssamtaler noteres på papir og tastes ind bagefter",
                (1, 2),
            ),
            (
                G.DAGPLEJE,
                K.NEED,
                "Dagplejepædagogerne har brug for en bærbar, de kan tage med ud på tilsyn",
                (3, 1),
            ),
            (
                G.DAGPLEJE,
                K.OPPORTUNITY,
                "Overblik over fremmøde i dagplejen kunne gøre det nemmere at planlægge "
                "gæstepladser",
                (D1,),
            ),
            (
                G.DAGPLEJE,
                K.CHALLENGE,
                "Vi ved ikke, hvad tallene fra dagplejen bliver brugt til i forvaltningen",
                (D5,),
            ),
            (
                G.DAGPLEJE,
                K.QUOTE,
                "»Det vigtigste er, at det virker første gang – ellers giver jeg op«",
                (3,),
            ),
            (
                G.DAGPLEJE,
                K.IDEA,
                "Et fælles fotoarkiv for legestuen, som forældrene kan se i Aula",
                (4, 6),
            ),
            (
                G.DAGPLEJE,
                K.CHALLENGE,
                "Min telefon er fuld af billeder af andres børn, og det er jeg ikke tryg ved",
                (6,),
            ),
            (
                G.DAGPLEJE,
                K.NEED,
                "Et cover, der kan tåle at blive tabt – tabletten kommer med i barnevognen",
                (3,),
            ),
            (
                G.DAGPLEJE,
                K.OPPORTUNITY,
                "Sprogvurderingen af de 2-årige kunne laves i legestuen på en tablet",
                (2,),
            ),
            (
                G.DAGPLEJE,
                K.CHALLENGE,
                "Vi bliver glemt, når der indføres nyt i institutionerne",
                (5,),
            ),
            (G.DAGPLEJE, K.NEED, "At dagplejen tænkes med fra starten i strategien", (5,)),
            (G.DAGPLEJE, K.IDEA, "En dagplejer med i superbrugernetværket", (5,)),
            (
                G.DAGPLEJE,
                K.QUOTE,
                "»Giv os udstyret, men giv os også tiden til at lære det«",
                (5, 3),
            ),
            (
                G.DIGITALISERING,
                K.NEED,
                "Tablets til dagplejere skal have SIM-kort og tilmeldes MDM fra dag ét",
                (3, 6),
            ),
            (
                G.DAGPLEJE,
                K.CHALLENGE,
                "Alt foregår på min private mobil, for jeg har ikke fået en tablet",
                (),
                "Jeg har ingen tablet – alt foregår på min egen telefon",
            ),
            (
                G.DAGPLEJE,
                K.CHALLENGE,
                "Ingen wifi i legestuen",
                (),
                "Der er ikke wifi i legestuen, så vi kan ikke vise forældrene noget der",
            ),
        ],
    },
]
MERGE_NOTE = "Besluttet på SG3: tema 8 lægges sammen med tema 1 og 5."

# --- Voting --------------------------------------------------------------------------------------
# The prioritisation workshop (phase 4): the 35 participants of the four internal groups each
# split exactly 5 points over the seven themes. Points per group and theme number; the totals
# (35, 32, 31, 24, 22, 18, 13 of 175) give the order of DOMAIN.md §6, scaled from its guide
# figures (142, 131, 127, 96, 88, 74, 52). Ledere weigh administration and leadership, staff
# documentation and equipment, family day care equipment and parents, digitalisation security.
VOTING_GROUPS = (G.LEDER, G.MEDARBEJDER, G.DAGPLEJE, G.DIGITALISERING)
VOTING_BUDGET = 5
VOTING_POINTS = {
    G.LEDER: {1: 14, 2: 8, 3: 6, 4: 6, 5: 10, 6: 3, 7: 3},
    G.MEDARBEJDER: {1: 10, 2: 16, 3: 10, 4: 9, 5: 6, 6: 5, 7: 9},
    G.DAGPLEJE: {1: 8, 2: 5, 3: 9, 4: 7, 5: 3, 6: 2, 7: 1},
    G.DIGITALISERING: {1: 3, 2: 3, 3: 6, 4: 2, 5: 3, 6: 8, 7: 0},
}
PRIORITISATION_WORKSHOP = {
    "title": "Prioriteringsworkshop",
    "date": datetime.date(2026, 4, 8),
    "place": "Rødovre Rådhus, byrådssalen",
    "facilitator": "Kamilla Konsulent",
    "purpose": (
        "Ledere, medarbejdere, dagplejen og Digitaliseringsafdelingen prioriterer de syv "
        "strategiske temaer, som styregruppen sendte videre på SG3."
    ),
    "agenda": (
        "13.00 Velkomst: fra 150 noter til syv temaer\n"
        "13.20 De syv temaer og noterne bag dem\n"
        "14.00 Afstemning på telefonen: 5 point pr. deltager\n"
        "14.30 Resultatet på skærmen, også pr. målgruppe\n"
        "15.00 Drøftelse: hvad skal med i fase 1?"
    ),
}
PRIORITISATION_ROUND = {
    "title": "Prioritering af de syv strategiske temaer",
    "question": "Fordel dine 5 point på de temaer, der er vigtigst for dagtilbuddene i Rødovre.",
    "method": VotingMethod.POINTS,
    "rules": {"budget": VOTING_BUDGET, "budget_exact": True},
    "eligible_groups": [str(group) for group in VOTING_GROUPS],
    "mode": VotingMode.REGISTERED,
    "secret": False,
    "results_visibility": ResultsVisibility.AFTER_CLOSE,
    "randomise_order": True,
}
VOTING_OPENED = datetime.datetime(2026, 4, 8, 14, 0, tzinfo=TZ)
VOTING_CLOSED = datetime.datetime(2026, 4, 8, 14, 30, tzinfo=TZ)
# Fase 1 / Fase 2 of each theme, set when SG4 adopts the result.
ADOPTED_PHASES = {n: PlanPhase.PHASE_1 if n <= 4 else PlanPhase.PHASE_2 for n in range(1, 8)}
ADOPTING_MEETING = 4

# An open round to try on a phone: a workshop that is open for joining with its code, and an
# approval round in open mode (join code, self-declared group) with live results.
TRY_WORKSHOP = {
    "title": "Temadag: fra handleplan til programplan",
    "date": datetime.date(2026, 12, 2),
    "place": "Rødovre Rådhus, mødesal 1",
    "facilitator": "Pia Projektleder",
    "purpose": (
        "Indsatsejere, tovholdere og superbrugere planlægger, hvordan fase 1 kommer i gang. "
        "Alle kan deltage fra telefonen med workshoppens kode."
    ),
    "agenda": (
        "09.00 Velkomst og status på budgettet\n"
        "09.20 Afstemning: hvem vil være med hvor?\n"
        "09.40 Indsatserne i fase 1, én ad gangen\n"
        "11.00 Næste skridt"
    ),
}
TRY_ROUND = {
    "title": "Hvem vil være med? (prøv afstemningen på telefonen)",
    "question": "Sæt kryds ved de temaer, du selv vil være med til at arbejde videre med.",
    "method": VotingMethod.APPROVAL,
    "rules": {},
    "eligible_groups": [],
    "mode": VotingMode.OPEN,
    "secret": False,
    "results_visibility": ResultsVisibility.LIVE,
    "randomise_order": True,
}


def _email_for(name: str) -> str:
    local = name.lower()
    for old, new in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("ü", "u"), (" ", ".")):
        local = local.replace(old, new)
    return f"{local}@{EMAIL_DOMAIN}"


def _create(model, **fields):
    obj = model(**fields)
    obj.full_clean()
    obj.save()
    return obj


def _seed_participants(process: StrategyProcess) -> dict[str, Participant]:
    units = {unit.name: unit for unit in OrgUnit.objects.filter(organisation=process.organisation)}
    users = {
        user.email: user
        for user in get_user_model().objects.filter(
            email__in=[email for *_rest, email in PARTICIPANTS if email]
        )
    }
    participants = {}
    for name, group, unit_name, user_email in PARTICIPANTS + PRIORITISATION_PARTICIPANTS:
        values = {
            "group": group,
            "org_unit": units[unit_name] if unit_name else None,
            "user": users[user_email] if user_email else None,
            "email": user_email or ("" if group == G.EKSTERN else _email_for(name)),
        }
        participants[name] = upsert(
            Participant, {"process": process, "name": name, "joined_via_code": None}, values
        )
    return participants


def _tag(insight: Insight, numbers, themes: dict, lead, merge_plan: dict) -> None:
    """Tag an insight with its themes; theme 8's tags are remembered for the merge. A merged
    theme gets no new tags: the merge has moved its evidence already."""
    existing = set(InsightTheme.objects.filter(insight=insight).values_list("theme_id", flat=True))
    for number in numbers:
        if number in MERGE_TARGET:
            merge_plan[insight.pk] = themes[MERGE_TARGET[number]]
            number = MERGED_THEME
        theme = themes[number]
        if theme.pk in existing or theme.status == ThemeStatus.MERGED:
            continue
        _create(InsightTheme, insight=insight, theme=theme, created_by=lead)
        existing.add(theme.pk)


def _backdate(insight: Insight, moment: datetime.datetime) -> None:
    Insight.objects.filter(pk=insight.pk).update(created_at=moment, updated_at=moment)


def _seed_interviews(process, participants, themes, lead, merge_plan) -> None:
    interviews = [(InterviewKind.EXPERT, row) for row in EXPERT_INTERVIEWS] + [
        (InterviewKind.INTERNAL, row) for row in INTERNAL_INTERVIEWS
    ]
    for kind, row in interviews:
        name, title, organisation, group, day, interviewer, consent, summary, insights = row
        interview = upsert(
            Interview,
            {"process": process, "kind": kind, "interviewee_name": name},
            {
                "interviewee_title": title,
                "interviewee_organisation": organisation,
                "group": group,
                "date": day,
                "interviewer": interviewer,
                "consent_to_quote": consent,
                "summary": summary,
            },
        )
        existing = {i.text: i for i in Insight.objects.filter(interview=interview)}
        for position, (insight_kind, text, numbers) in enumerate(insights):
            insight = existing.get(text)
            if insight is None:
                insight = _create(
                    Insight,
                    process=process,
                    interview=interview,
                    participant=participants.get(name),
                    group=group,
                    kind=insight_kind,
                    text=text,
                    created_by=lead,
                )
                moment = datetime.datetime.combine(day, datetime.time(15, position), TZ)
                _backdate(insight, moment)
            _tag(insight, numbers, themes, lead, merge_plan)


def _seed_workshops(process, participants, themes, lead, merge_plan) -> None:
    for spec in WORKSHOPS:
        workshop = Workshop.objects.filter(process=process, title=spec["title"]).first()
        fields = {
            "date": spec["date"],
            "place": spec["place"],
            "purpose": spec["purpose"],
            "agenda": spec["agenda"],
            "facilitator": spec["facilitator"],
            "status": WorkshopStatus.CLOSED,
        }
        if workshop is None:
            code = new_join_code()
            while Workshop.objects.filter(join_code=code).exists():  # pragma: no cover
                code = new_join_code()
            workshop = _create(
                Workshop, process=process, title=spec["title"], join_code=code, **fields
            )
        else:
            workshop = upsert(Workshop, {"pk": workshop.pk}, fields)
        # Authors take turns within their group, in the order of the attendee list.
        by_group: dict[str, list[Participant]] = {}
        for name in spec["attendees"]:
            by_group.setdefault(participants[name].group, []).append(participants[name])
        turns = dict.fromkeys(by_group, 0)
        existing = {note.text: note for note in Insight.objects.filter(workshop=workshop)}
        start = datetime.datetime.combine(spec["date"], datetime.time(12), TZ)
        for position, (group, kind, text, numbers, *duplicate) in enumerate(spec["notes"]):
            author = by_group[group][turns[group] % len(by_group[group])]
            turns[group] += 1
            note = existing.get(text)
            if note is None:
                note = _create(
                    Insight,
                    process=process,
                    workshop=workshop,
                    participant=author,
                    group=author.group,
                    kind=kind,
                    text=text,
                    duplicate_of=existing[duplicate[0]] if duplicate else None,
                )
                _backdate(note, start + datetime.timedelta(minutes=60 + position))
                existing[text] = note
            _tag(note, numbers, themes, lead, merge_plan)


def _merge_theme_8(themes: dict, lead, merge_plan: dict) -> None:
    """SG3: theme 8 goes into themes 1 and 5, each insight to the target chosen in the data."""
    source = themes[MERGED_THEME]
    if source.status == ThemeStatus.MERGED:
        return
    theme_merge(
        source=source,
        targets=[themes[number] for number in MERGED_INTO],
        assignments=merge_plan,
        user=lead,
        note=MERGE_NOTE,
    )


def _workshop(process: StrategyProcess, spec: dict, status: str, open_join: bool) -> Workshop:
    fields = {
        "date": spec["date"],
        "place": spec["place"],
        "purpose": spec["purpose"],
        "agenda": spec["agenda"],
        "facilitator": spec["facilitator"],
        "status": status,
        "open_join": open_join,
    }
    workshop = Workshop.objects.filter(process=process, title=spec["title"]).first()
    if workshop is not None:
        return upsert(Workshop, {"pk": workshop.pk}, fields)
    code = new_join_code()
    while Workshop.objects.filter(join_code=code).exists():  # pragma: no cover
        code = new_join_code()
    return _create(Workshop, process=process, title=spec["title"], join_code=code, **fields)


def prioritisation_ballots(participants: dict[str, Participant]) -> list[tuple[Participant, dict]]:
    """Each voter's ballot of the prioritisation round, as theme number -> points.

    A voter gives 2 + 2 + 1 points (so 4 + 1 or 3 + 2 when two parts meet on one theme). Each
    group's points of VOTING_POINTS are cut into pairs and single points, and dealt out in turn
    to the group's voters in the order of the participant lists."""
    voters = [
        participants[name]
        for name, group, _unit, _email in PARTICIPANTS + PRIORITISATION_PARTICIPANTS
        if group in VOTING_GROUPS
    ]
    ballots = []
    for group in VOTING_GROUPS:
        members = [voter for voter in voters if voter.group == group]
        totals = VOTING_POINTS[group]
        # One single point per voter: the odd points first, then pairs of the biggest themes
        # split in two.
        singles = {number: total % 2 for number, total in totals.items()}
        biggest = sorted(totals, key=lambda number: (-totals[number], number))
        turn = 0
        while sum(singles.values()) < len(members):
            number = biggest[turn % len(biggest)]
            if totals[number] - singles[number] >= 2:
                singles[number] += 2
            turn += 1
        pairs = [n for n in totals for _ in range((totals[n] - singles[n]) // 2)]
        ones = [n for n in totals for _ in range(singles[n])]
        for index, voter in enumerate(members):
            ballot: dict[int, int] = {}
            for number, points in (
                (pairs[index], 2),
                (pairs[index + len(members)], 2),
                (ones[len(members) - 1 - index], 1),
            ):
                ballot[number] = ballot.get(number, 0) + points
            ballots.append((voter, dict(sorted(ballot.items()))))
    return ballots


def _seed_prioritisation(process, participants, themes, lead) -> VotingRound:
    """The points round of the prioritisation workshop: created, opened, voted, closed and
    adopted through the voting services, so its frozen result is a real tally. Each step runs
    only when the round has not passed it yet."""
    workshop = _workshop(process, PRIORITISATION_WORKSHOP, WorkshopStatus.CLOSED, False)
    voting_round = VotingRound.objects.filter(
        process=process, title=PRIORITISATION_ROUND["title"]
    ).first()
    if voting_round is None:
        voting_round = voting.round_create(
            process=process,
            data={**PRIORITISATION_ROUND, "workshop": workshop},
            themes=[themes[number] for number in range(1, 8)],
        )
    if voting_round.status == RoundStatus.DRAFT:
        voting_round = voting.round_open(voting_round=voting_round)
    if voting_round.status == RoundStatus.OPEN:
        voted = set(
            Ballot.objects.filter(round=voting_round).values_list("participant_id", flat=True)
        )
        for voter, ballot in prioritisation_ballots(participants):
            if voter.pk in voted:
                continue
            voting.ballot_submit(
                voting_round=voting_round,
                participant=voter,
                raw={str(themes[number].pk): points for number, points in ballot.items()},
            )
        voting_round = voting.round_close(voting_round=voting_round)
        # The workshop was on 8 April 2026: date the round and its ballots to it.
        VotingRound.objects.filter(pk=voting_round.pk).update(
            opened_at=VOTING_OPENED, closed_at=VOTING_CLOSED
        )
        for position, ballot_id in enumerate(
            Ballot.objects.filter(round=voting_round).order_by("pk").values_list("pk", flat=True)
        ):
            moment = VOTING_OPENED + datetime.timedelta(minutes=5, seconds=20 * position)
            Ballot.objects.filter(pk=ballot_id).update(created_at=moment, updated_at=moment)
        voting_round.refresh_from_db()
    if voting_round.status == RoundStatus.CLOSED and voting_round.adopted_decision_id is None:
        meeting = SteeringMeeting.objects.filter(process=process, number=ADOPTING_MEETING).first()
        voting.round_adopt(
            voting_round=voting_round,
            phases={themes[number].pk: phase for number, phase in ADOPTED_PHASES.items()},
            user=lead,
            meeting=meeting,
            date=meeting.date if meeting else VOTING_CLOSED.date(),
        )
    return voting_round


def _seed_try_round(process, themes) -> VotingRound:
    """An open round on an open workshop: join with the workshop's code on a phone and vote."""
    workshop = _workshop(process, TRY_WORKSHOP, WorkshopStatus.OPEN, True)
    voting_round = VotingRound.objects.filter(process=process, title=TRY_ROUND["title"]).first()
    if voting_round is None:
        voting_round = voting.round_create(
            process=process,
            data={**TRY_ROUND, "workshop": workshop},
            themes=[themes[number] for number in range(1, 8)],
        )
    if voting_round.status == RoundStatus.DRAFT:
        voting_round = voting.round_open(voting_round=voting_round)
    return voting_round


@transaction.atomic
def seed(stdout=None) -> None:
    process = StrategyProcess.objects.get(slug=PROCESS_SLUG)
    lead = get_user_model().objects.get(email=LEAD_EMAIL)
    themes = themes_by_number(process)
    participants = _seed_participants(process)
    merge_plan: dict[int, object] = {}
    _seed_interviews(process, participants, themes, lead, merge_plan)
    _seed_workshops(process, participants, themes, lead, merge_plan)
    _merge_theme_8(themes, lead, merge_plan)
    _seed_prioritisation(process, participants, themes, lead)
    _seed_try_round(process, themes)
    if stdout is not None:
        stdout.write(
            f"Workshops: {Participant.objects.filter(process=process).count()} deltagere, "
            f"{Interview.objects.filter(process=process).count()} interviews, "
            f"{Workshop.objects.filter(process=process).count()} workshops, "
            f"{Insight.objects.filter(process=process).count()} indsigter, "
            f"{VotingRound.objects.filter(process=process).count()} afstemningsrunder"
        )
