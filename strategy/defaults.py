"""Default content of a new process: the nine phases of DOMAIN.md §1 with their deliverables.

Phase names are content (stored in the database and editable per process), in Danish, the
municipality's working language.
"""

DEFAULT_PHASES: list[tuple[str, str, list[str]]] = [
    (
        "Opstart og kommissorium",
        "Styregruppen nedsættes, og omfang og plan aftales.",
        ["Kommissorium", "Tidsplan", "Deltagerliste"],
    ),
    (
        "Ekspertinterviews",
        "4-6 eksterne eksperter interviewes (outside-in).",
        ["Interviewnoter", "Indsigter"],
    ),
    (
        "Interviews og workshops",
        "Medarbejdere og ledere i 0-6-årsområdet og Digitaliseringsafdelingen inddrages.",
        ["Behov", "Udfordringer", "Idéer"],
    ),
    (
        "Prioritering af strategiske temaer",
        "Deltagerne prioriterer temaerne med stemmer eller point.",
        ["Resultat pr. tema og målgruppe"],
    ),
    (
        "Styregruppemøder",
        "Løbende drøftelse og beslutninger i styregruppen.",
        ["Dagsorden", "Beslutningslog"],
    ),
    (
        "Handleplan",
        "Indsatser med mål, ansvar, tidsplan og forudsætninger for at lykkes.",
        ["Handleplan"],
    ),
    (
        "Investeringsgrundlag",
        "Behov for enheder og værktøjer pr. institution, TCO og it-retningslinjer.",
        ["Behovsopgørelse", "Enhedskatalog", "Økonomi"],
    ),
    (
        "Budgetønske",
        "Linjer til budgetforhandlingerne i 1.000 kr.",
        ["Budgetønske"],
    ),
    (
        "Programplan",
        "Når budgettet er vedtaget: program, projekter, milepæle og gevinster.",
        ["Programplan"],
    ),
]
