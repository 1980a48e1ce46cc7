"""Data and checks of the voting benchmarks (run by bench/run.py, not by hand).

`setup`: creates, through the project's own services, a fresh process with one lead account,
the seven themes of DOMAIN.md §6, an open workshop, `--voters` participants (the four internal
groups in turn) with personal links issued by `participants_issue_links`, and a points round
(budget 5, exactly; registered mode) over the themes, opened with `round_open`. Writes
"<participant id> <token>" lines to `--tokens` and prints a JSON object with what the load test
needs.

`check`: reads the round back from the database and prints a JSON object: its status, ballot
rows and distinct voters, the frozen result's ballot count, rows changed after the close, whether
a fresh tally of the rows equals the frozen result, and, given the load test's record of what
each voter sent (`--sent`, the JSON file that bench/locust_voting.py writes), the voters whose
accepted ballot is missing (lost) and the rows whose values are not one of the ballots their
voter sent.

Both need the same environment as the server (DATABASE_URL, SECRET_KEY, ...).
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
THEMES = (
    "Mere tid til børnene – enkel og digital administration",
    "Pædagogisk dokumentation og læreplansarbejde",
    "Tidssvarende udstyr og stabil drift",
    "Stærkt samarbejde med forældre",
    "Digitale kompetencer og ledelse",
    "Sikker og ansvarlig brug af data og billeder",
    "Fagligt begrundet digital dannelse (3-6 år)",
)
BUDGET = 5


def _django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rodovre_strategy.settings")
    import django

    django.setup()


def setup(args) -> dict:
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from strategy import services as strategy_services
    from strategy.models import Organisation
    from workshops.enums import VotingMethod, VotingMode, WorkshopStatus
    from workshops.models import Participant
    from workshops.services import evidence, participants, voting

    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%d%H%M%S")
    slug = f"bench-{args.name}-{stamp}-{args.run}"
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
        themes = [strategy_services.theme_create(process=process, title=title) for title in THEMES]
        workshop = evidence.workshop_create(
            process=process,
            data={"title": "Prioriteringsworkshop", "date": datetime.date.today()},
        )
        evidence.workshop_set_status(workshop=workshop, status=WorkshopStatus.OPEN, user=lead)
        people = Participant.objects.bulk_create(
            Participant(process=process, name=f"Deltager {n:03d}", group=GROUPS[n % len(GROUPS)])
            for n in range(1, args.voters + 1)
        )
        issued = participants.participants_issue_links(participants=people)
        voting_round = voting.round_create(
            process=process,
            data={
                "title": "Prioritering af temaerne",
                "workshop": workshop,
                "method": VotingMethod.POINTS,
                "rules": {"budget": BUDGET, "budget_exact": True},
                "mode": VotingMode.REGISTERED,
            },
            themes=themes,
        )
        voting.round_open(voting_round=voting_round)
    args.tokens.write_text("".join(f"{participant.pk} {token}\n" for participant, token in issued))
    return {
        "slug": slug,
        "round": voting_round.pk,
        "options": [theme.pk for theme in themes],
        "budget": BUDGET,
        "lead_email": email,
        "lead_password": password,
        "voters": len(issued),
    }


def _key(values: dict) -> str:
    """A ballot's values as comparable text (option keys as strings, zeros dropped)."""
    return json.dumps(
        {str(k): v for k, v in values.items() if v not in (0, None, False)}, sort_keys=True
    )


def check(args) -> dict:
    from django.db.models import Count

    from workshops import tally
    from workshops.models import Ballot, VotingRound
    from workshops.services import voting

    voting_round = VotingRound.objects.get(pk=args.round)
    rows = Ballot.objects.filter(round=voting_round)
    frozen = voting_round.frozen_result
    out = {
        "status": voting_round.status,
        "ballots_in_db": rows.count(),
        "distinct_voters": rows.values("participant").distinct().count(),
        "voters_with_several_rows": rows.values("participant")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count(),
        "ballots_at_close": frozen["ballot_count"] if frozen else None,
        "rows_changed_after_close": (
            rows.filter(updated_at__gt=voting_round.closed_at).count()
            if voting_round.closed_at
            else None
        ),
        "frozen_matches_db": None,
    }
    if frozen:
        fresh = tally.result_to_json(
            tally.tally(voting.round_rules(voting_round), voting.round_tally_ballots(voting_round))
        )
        out["frozen_matches_db"] = frozen["ballot_count"] == fresh["ballot_count"] and [
            (o["option"], o["score"]) for o in frozen["options"]
        ] == [(o["option"], o["score"]) for o in fresh["options"]]
    if args.sent is not None:
        # The load test's output: "sent" maps participant id -> {"accepted", "ballots"}.
        sent = json.loads(args.sent.read_text())["sent"]
        stored = {str(pid): values for pid, values in rows.values_list("participant", "values")}
        out["lost"] = sorted(
            pid for pid, record in sent.items() if record["accepted"] and pid not in stored
        )[:20]
        out["lost_count"] = sum(
            1 for pid, record in sent.items() if record["accepted"] and pid not in stored
        )
        out["wrong_values"] = sum(
            1
            for pid, values in stored.items()
            if _key(values) not in {_key(b) for b in sent.get(pid, {}).get("ballots", [])}
        )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("setup")
    make.add_argument("--name", required=True, help="the scenario, part of the process slug")
    make.add_argument("--run", type=int, required=True)
    make.add_argument("--voters", type=int, required=True)
    make.add_argument("--tokens", type=Path, required=True)
    verify = commands.add_parser("check")
    verify.add_argument("--round", type=int, required=True)
    verify.add_argument("--sent", type=Path)
    args = parser.parse_args()
    _django()
    result = setup(args) if args.command == "setup" else check(args)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
