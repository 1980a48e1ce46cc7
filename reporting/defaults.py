"""Default content of the budget request, in Danish (content, not interface: not translated)."""

from strategy.models import StrategyProcess


def budget_request_texts(process: StrategyProcess) -> dict:
    year = process.budget_year
    return {
        "committee": "",
        "department": "",
        "core": (
            f"{process.title} skal realiseres gennem de indsatser, som styregruppen har "
            f"prioriteret. Budgetønsket dækker de udgifter, der ikke kan finansieres inden for "
            f"den nuværende ramme."
        ),
        "background": (
            f"Strategien for {process.area} er udarbejdet i en proces med interviews, workshops "
            f"og en prioritering af de strategiske temaer med ledere, medarbejdere og dagplejen."
        ),
        "prerequisites": (
            f"Beløbene er opgjort i {process.price_level_year}-priser. Antallet af enheder "
            f"følger behovsopgørelsen pr. institution, og levetiderne følger enhedskataloget."
        ),
        "risks": (
            "Tidsplanen forudsætter, at indkøb og opsætning kan ske på kommunens rammeaftaler, "
            "og at der er tid til kompetenceudvikling i institutionerne."
        ),
        "recommendation": (
            f"At udgifterne til strategiens indsatser søges indarbejdet i budget {year}."
        ),
    }
