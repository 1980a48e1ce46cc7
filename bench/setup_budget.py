"""Data for one step of the budget_pages benchmark (run by bench/run.py, not by hand).

Seeds the demo data (strategy, workshops, action plan with the device catalogue, the device plan
and the cost lines of DOMAIN.md §6; idempotent), then brings the demo process to `--scale` × its
demo cost lines: the extra lines ("Bench-linje …", hand-written lines created with
`actionplan.budget_services.cost_line_create`, spread over the initiatives, with every kind,
recurrence and financing in turn) are added or deleted. Counts the database queries of the
budget basis page and the workbook in-process (a test client logged in as the demo lead, one
warm-up request first, CaptureQueriesContext) and creates a session for the lead that the load
requests send as their cookie. Prints one JSON object. Needs the same environment as the server
(DATABASE_URL, SECRET_KEY, ...).
"""

import sys
from decimal import Decimal

from pagesupport import demo_process_and_lead, report, setup_django

BENCH_PREFIX = "Bench-linje"


def main() -> int:
    args = setup_django(__doc__)

    from django.db import transaction
    from django.urls import reverse

    from actionplan import budget_services
    from actionplan.budget_enums import CostKind, Financing, Recurrence
    from actionplan.models import CostLine, Initiative

    process, lead = demo_process_and_lead(
        lambda process: CostLine.objects.filter(process=process).exists()
    )

    lines = CostLine.objects.filter(process=process)
    extra = lines.filter(label__startswith=BENCH_PREFIX)
    base = lines.count() - extra.count()
    wanted = base * args.scale
    missing = wanted - lines.count()
    if missing < 0:
        surplus = list(extra.order_by("-pk").values_list("pk", flat=True)[:-missing])
        CostLine.objects.filter(pk__in=surplus).delete()
    elif missing > 0:
        initiatives = list(Initiative.objects.filter(process=process).order_by("pk"))
        kinds, recurrences, financings = list(CostKind), list(Recurrence), list(Financing)
        start = extra.count()
        with transaction.atomic():
            for n in range(start, start + missing):
                amount = Decimal(1000 + (n * 7919) % 250000) + Decimal("0.45")
                recurring = recurrences[n % len(recurrences)] == Recurrence.RECURRING
                budget_services.cost_line_create(
                    process=process,
                    initiative=initiatives[n % len(initiatives)],
                    data={
                        "label": f"{BENCH_PREFIX} {n + 1:04d}",
                        "kind": kinds[n % len(kinds)],
                        "recurrence": recurrences[n % len(recurrences)],
                        "amount_1": amount,
                        "amount_2": amount if recurring else Decimal(0),
                        "amount_3": amount if recurring else Decimal(0),
                        "amount_4": amount if recurring else Decimal(0),
                        "financing": financings[n % len(financings)],
                    },
                )
    count = CostLine.objects.filter(process=process).count()

    pages = {
        "budget": reverse("actionplan:budget", kwargs={"slug": process.slug}),
        "xlsx": reverse("actionplan:budget.xlsx", kwargs={"slug": process.slug}),
    }
    return report(process, lead, "cost_lines", count, pages)


if __name__ == "__main__":
    sys.exit(main())
