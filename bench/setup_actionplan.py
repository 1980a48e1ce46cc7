"""Data for one step of the actionplan_pages benchmark (run by bench/run.py, not by hand).

Seeds the demo data (strategy, workshops, action plan: 20 initiatives; idempotent), then brings
the demo process to `--scale` × 20 initiatives: the extra ones ("Bench-indsats …", created with
`actionplan.services.initiative_create` spread over the prioritised themes) are added or deleted.
Counts the database queries of the plan, the roadmap and the programme overview in-process (a
test client logged in as the demo lead, one warm-up request first, CaptureQueriesContext) and
creates a session for the lead that the load requests send as their cookie. Prints one JSON
object. Needs the same environment as the server (DATABASE_URL, SECRET_KEY, ...).
"""

import datetime
import sys

from pagesupport import demo_process_and_lead, report, setup_django

BASE_COUNT = 20
BENCH_PREFIX = "Bench-indsats"


def bring_to_scale(process, scale: int) -> None:
    """Add or delete "Bench-indsats …" initiatives until the process has `scale` × BASE_COUNT
    (also used by bench/pdf_render.py)."""
    from django.db import transaction

    from actionplan import services
    from actionplan.models import Initiative
    from strategy.models import StrategicTheme

    wanted = BASE_COUNT * scale
    initiatives = Initiative.objects.filter(process=process)
    extra = initiatives.filter(title__startswith=BENCH_PREFIX)
    missing = wanted - initiatives.count()
    if missing < 0:
        surplus = list(extra.order_by("-pk").values_list("pk", flat=True)[:-missing])
        Initiative.objects.filter(pk__in=surplus).delete()
    elif missing > 0:
        themes = list(
            StrategicTheme.objects.filter(process=process, priority_rank__isnull=False).order_by(
                "priority_rank"
            )
        )
        start = extra.count()
        with transaction.atomic():
            for n in range(start, start + missing):
                services.initiative_create(
                    theme=themes[n % len(themes)],
                    data={
                        "title": f"{BENCH_PREFIX} {n + 1:03d}",
                        "owner": "Dagtilbudschef",
                        "start_date": datetime.date(2027 + n % 3, 1, 1),
                        "end_date": datetime.date(2028 + n % 3, 6, 30),
                        "phase": "1" if n % 2 else "2",
                    },
                )


def main() -> int:
    args = setup_django(__doc__)

    from django.urls import reverse

    from actionplan.models import Initiative

    process, lead = demo_process_and_lead(
        lambda process: Initiative.objects.filter(process=process).exists()
    )

    bring_to_scale(process, args.scale)
    count = Initiative.objects.filter(process=process).count()

    pages = {
        "plan": reverse("actionplan:plan", kwargs={"slug": process.slug}),
        "roadmap": reverse("actionplan:roadmap", kwargs={"slug": process.slug}),
        "programme": reverse("actionplan:programme", kwargs={"slug": process.slug}),
    }
    return report(process, lead, "initiatives", count, pages)


if __name__ == "__main__":
    sys.exit(main())
