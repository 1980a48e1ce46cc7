"""One step of the pdf benchmark (run by bench/run.py, not by hand).

Seeds the demo data (idempotent), brings the demo process to `--scale` × 20 initiatives (as
bench/setup_actionplan.py does), then renders in this process, `--renders` times each after one
warm-up render (WeasyPrint's import, fonts): the strategy PDF, timed in its parts (building the
document model, rendering the HTML template, WeasyPrint's HTML → PDF), and the budget request
PDF. Prints one JSON object: the seconds of every render, the pages of the strategy PDF
(pdfinfo) and the peak RSS of this process (getrusage ru_maxrss). Needs the same environment as
the server (DATABASE_URL, SECRET_KEY, ...).
"""

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time

from pagesupport import demo_process_and_lead, setup_django
from setup_actionplan import bring_to_scale


def pdf_pages(pdf: bytes) -> int:
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        raise SystemExit("pdfinfo is missing (Debian package poppler-utils)")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        info = subprocess.run(  # noqa: S603 - poppler's pdfinfo on our own file
            [pdfinfo, handle.name], capture_output=True, text=True, check=True, timeout=60
        ).stdout
    for line in info.splitlines():
        if line.startswith("Pages:"):
            return int(line.split(":", 1)[1])
    raise SystemExit("pdfinfo printed no page count")


def main() -> int:
    sys.argv, renders = _renders(sys.argv)
    args = setup_django(__doc__)

    from actionplan.models import Initiative
    from reporting import budget_request, render
    from reporting.document import build_document

    process, _lead = demo_process_and_lead(
        lambda process: Initiative.objects.filter(process=process).exists()
    )
    bring_to_scale(process, args.scale)

    def strategy() -> tuple[dict, bytes]:
        start = time.perf_counter()
        document = build_document(process)
        built = time.perf_counter()
        html = render.strategy_html(document)
        templated = time.perf_counter()
        pdf = render.html_to_pdf(html)
        done = time.perf_counter()
        return {
            "total_s": done - start,
            "model_s": built - start,
            "template_s": templated - built,
            "weasyprint_s": done - templated,
        }, pdf

    def request() -> float:
        start = time.perf_counter()
        budget_request.budget_request_pdf(budget_request.build_budget_request(process))
        return time.perf_counter() - start

    _, pdf = strategy()  # warm-up
    request()
    strategy_runs = [strategy()[0] for _ in range(renders)]
    request_runs = [request() for _ in range(renders)]
    print(
        json.dumps(
            {
                "initiatives": Initiative.objects.filter(process=process).count(),
                "strategy": strategy_runs,
                "budget_request_s": request_runs,
                "strategy_pages": pdf_pages(pdf),
                "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
        )
    )
    return 0


def _renders(argv: list[str]) -> tuple[list[str], int]:
    """`--renders=N` taken out of argv (pagesupport's parser knows only --scale)."""
    rest = [arg for arg in argv if not arg.startswith("--renders=")]
    given = [arg for arg in argv if arg.startswith("--renders=")]
    return rest, int(given[-1].split("=", 1)[1]) if given else 5


if __name__ == "__main__":
    sys.exit(main())
