"""Data for one run of the workshop-notes benchmark (run by bench/run.py, not by hand).

Creates, through the project's own services, a fresh process with one lead account, one open
workshop and `--phones` participants whose personal links are issued by
`participants_issue_links`. Writes the tokens (one per line) to `--tokens` and prints a JSON
object with what the load test needs. Needs the same environment as the server (DATABASE_URL,
SECRET_KEY, ...).
"""

import argparse
import datetime
import json
import os
import secrets
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GROUPS = ("leder", "medarbejder", "dagpleje", "digitalisering")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--run", type=int, required=True)
    parser.add_argument("--phones", type=int, required=True)
    parser.add_argument("--tokens", type=Path, required=True)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rodovre_strategy.settings")
    import django

    django.setup()

    from django.contrib.auth import get_user_model
    from django.db import transaction

    from strategy import services as strategy_services
    from strategy.models import Organisation
    from workshops.enums import WorkshopStatus
    from workshops.models import Participant
    from workshops.services import evidence, participants

    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S")
    slug = f"bench-{stamp}-{args.run}"
    email = f"lead-{slug}@bench.invalid"
    password = secrets.token_urlsafe(16)
    with transaction.atomic():
        organisation, _created = Organisation.objects.get_or_create(
            slug="bench", defaults={"name": "Benchmark"}
        )
        lead = get_user_model().objects.create_user(
            email=email, password=password, full_name="Bench Lead"
        )
        process = strategy_services.process_create(
            organisation=organisation,
            lead=lead,
            title=f"Benchmark {slug}",
            slug=slug,
            area="Dagtilbud 0-6 år",
            period_start=2027,
            period_end=2030,
            budget_year=2027,
            price_level_year=2027,
        )
        workshop = evidence.workshop_create(
            process=process,
            data={"title": "Benchmark-workshop", "date": datetime.date.today(), "open_join": False},
        )
        evidence.workshop_set_status(workshop=workshop, status=WorkshopStatus.OPEN, user=lead)
        people = Participant.objects.bulk_create(
            Participant(process=process, name=f"Telefon {n:03d}", group=GROUPS[n % len(GROUPS)])
            for n in range(1, args.phones + 1)
        )
        issued = participants.participants_issue_links(participants=people)
    args.tokens.write_text("".join(f"{token}\n" for _participant, token in issued))
    print(
        json.dumps(
            {
                "slug": slug,
                "workshop": workshop.pk,
                "lead_email": email,
                "lead_password": password,
                "phones": len(issued),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
