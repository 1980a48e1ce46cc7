"""Renderers of the reporting documents: HTML (the preview and WeasyPrint's input) and PDF.

WeasyPrint is imported inside the functions that render (it is slow to import); its URL fetcher
serves static files from disk and refuses everything else, so a PDF never makes an HTTP request,
not even to this server.
"""

from __future__ import annotations

import datetime
import functools
import gc
import hashlib
import importlib.metadata
import mimetypes
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

from reporting import charts
from reporting.document import Document, canonical_json

# The base URL of the HTML handed to WeasyPrint: relative and /static/ URLs resolve under it.
BASE_URL = "https://report.invalid/"


@dataclass(frozen=True)
class Stamp:
    """What an approved version prints in its footer (a draft has none: "UDKAST" and the
    date)."""

    number: int
    approved_at: datetime.datetime
    approved_by: str
    content_sha256: str


def static_path(url: str) -> Path | None:
    """The file on disk behind a static URL under BASE_URL, or None."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}/" != BASE_URL:
        return None
    path = unquote(parts.path)
    if not path.startswith(settings.STATIC_URL):
        return None
    relative = path[len(settings.STATIC_URL) :]
    if ".." in Path(relative).parts:
        return None
    found = finders.find(relative)
    if found is None and settings.STATIC_ROOT:
        candidate = Path(settings.STATIC_ROOT) / relative
        found = str(candidate) if candidate.is_file() else None
    return Path(found) if found else None


def _fetcher():
    from weasyprint import URLFetcher
    from weasyprint.urls import URLFetcherResponse

    class StaticFileFetcher(URLFetcher):
        """Serves /static/ files from disk; refuses every other URL."""

        def fetch(self, url, headers=None):
            path = static_path(url)
            if path is None:
                raise ValueError(f"Not a static file: {url}")
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                url, body=path.read_bytes(), headers={"Content-Type": mime_type}
            )

    return StaticFileFetcher()


_SVG_START = re.compile(r"(<svg\b[^>]*>)")


def with_svg_styles(html: str) -> str:
    """Each inline SVG with the charts' stylesheet inside it: WeasyPrint's SVG renderer ignores
    the page's stylesheet. Only for the HTML handed to WeasyPrint (never served to a browser,
    whose CSP forbids inline styles)."""
    if "<svg" not in html:
        return html
    css = (Path(__file__).parent / "static" / "reporting" / "svg-charts.css").read_text()
    return _SVG_START.sub(lambda match: f"{match.group(1)}<style>{css}</style>", html)


# Elements whose neighbouring whitespace never prints: blocks, tables, lists, document
# structure and SVG. Whitespace between two inline elements (`</strong> <span>`) is a space.
_LAYOUT_TAG_NAMES = (
    "html head body meta title link style section article nav header footer main aside div p h1 h2"
    " h3 h4 h5 h6 ul ol li dl dt dd table caption colgroup col thead tbody tfoot tr th td figure"
    " figcaption br hr svg g defs rect line polygon polyline path circle text desc marker"
)
_LAYOUT_TAGS = frozenset(_LAYOUT_TAG_NAMES.split())
# A tag, the whitespace after it, and the name of the tag that follows.
_GAP = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>(\s+)(?=</?([a-zA-Z][a-zA-Z0-9]*))")


def _close_gap(match: re.Match) -> str:
    before, after = match.group(2).lower(), match.group(4).lower()
    if before in _LAYOUT_TAGS or after in _LAYOUT_TAGS:
        return match.group(0)[: -len(match.group(3))]
    return match.group(0)


def compact_html(html: str) -> str:
    """The HTML without the whitespace between two tags when either is a layout element (the
    template's indentation): it prints nothing but costs WeasyPrint a box each, about a tenth
    of a strategy PDF's time (docs/performance.md). Whitespace next to text, and between two
    inline elements, stays."""
    return _GAP.sub(_close_gap, html)


_gc_lock = threading.Lock()
_gc_pause = {"depth": 0, "was_enabled": False}


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while the block runs, as it was before afterwards.

    WeasyPrint allocates millions of small objects; with the collector on, its collections
    (each walking every object of the process, Django's included) took about a sixth of a
    strategy PDF's time (docs/performance.md). A render leaves little cyclic garbage behind
    (the peak memory was the same with and without), and reference counting still frees
    everything else at once. Nested and concurrent blocks (threads) keep it off until the last
    one ends; a collector that was off before stays off."""
    with _gc_lock:
        if _gc_pause["depth"] == 0:
            _gc_pause["was_enabled"] = gc.isenabled()
            gc.disable()
        _gc_pause["depth"] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pause["depth"] -= 1
            if _gc_pause["depth"] == 0 and _gc_pause["was_enabled"]:
                gc.enable()


def html_to_pdf(html: str) -> bytes:
    """A tagged PDF (PDF/UA-1) of the HTML, with its static files read from disk."""
    from weasyprint import HTML

    with cyclic_gc_paused():
        return HTML(
            string=with_svg_styles(compact_html(html)), base_url=BASE_URL, url_fetcher=_fetcher()
        ).write_pdf(pdf_variant="pdf/ua-1")


def document_context(document: Document, *, stamp: Stamp | None = None) -> dict:
    return {
        "document": document,
        "stamp": stamp,
        "roadmap": charts.roadmap(document),
        "vote_charts": [(vote, charts.score_bars(vote)) for vote in document.votes],
    }


def strategy_html(document: Document, *, stamp: Stamp | None = None) -> str:
    """The standalone print HTML of the strategy document (in Danish)."""
    with translation.override("da"):
        return render_to_string("reporting/strategy.html", document_context(document, stamp=stamp))


def strategy_pdf(document: Document, *, stamp: Stamp | None = None) -> bytes:
    return html_to_pdf(strategy_html(document, stamp=stamp))


# --- The draft's PDF, kept while it does not change -----------------------------------------------

DRAFT_PDF_CACHE_SECONDS = 24 * 60 * 60
# What the rendered PDF depends on besides the document: this app's code, templates, CSS and
# fonts, the template tags of core, the Danish translations, and the renderer's packages.
_FINGERPRINT_ROOTS = ("reporting", "core/templatetags")
_FINGERPRINT_SUFFIXES = {".py", ".html", ".css", ".svg", ".ttf", ".mo"}
_FINGERPRINT_PACKAGES = ("django", "weasyprint", "pydyf", "fonttools")


def fingerprint_files(base: Path) -> list[Path]:
    """The files under `base` (the project) whose content goes into render_fingerprint(), in a
    fixed order."""
    files = [
        path
        for root in _FINGERPRINT_ROOTS
        for path in (base / root).rglob("*")
        if path.suffix in _FINGERPRINT_SUFFIXES and path.is_file()
    ]
    files += (base / "locale").glob("*/LC_MESSAGES/django.mo")
    return sorted(set(files))


def _package_version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "-"


def fingerprint(base: Path, files: list[Path], versions: list[str]) -> str:
    """SHA-256 of the versions and of each file's path (under `base`) and content."""
    digest = hashlib.sha256()
    for version in versions:
        digest.update(version.encode() + b"\0")
    for path in files:
        name = path.relative_to(base).as_posix()
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@functools.cache
def render_fingerprint() -> str:
    """A hash of everything besides the document that a rendered PDF depends on (read once per
    process: a deploy that changes any of it restarts the workers)."""
    base = Path(settings.BASE_DIR)
    return fingerprint(
        base,
        fingerprint_files(base),
        [f"{name} {_package_version(name)}" for name in _FINGERPRINT_PACKAGES],
    )


def draft_pdf(document: Document, *, process_id: int) -> bytes:
    """The draft's PDF, rendered again only when it would come out different.

    A render takes seconds of a worker's time; the lead, the steering group and the facilitator
    often open the same draft several times in a row. The cache (CACHES["default"]) keeps one
    PDF per process, under the hash of the document's canonical JSON (which includes the date
    that the "UDKAST" stamp prints) and of render_fingerprint(); any change of content, date or
    code makes another hash, and the next download renders and replaces it."""
    key = f"reporting:draft-pdf:{process_id}"
    digest = hashlib.sha256(
        (render_fingerprint() + "\0" + canonical_json(document)).encode()
    ).hexdigest()
    cached = cache.get(key)
    if cached is not None and cached[0] == digest:
        return cached[1]
    pdf = strategy_pdf(document)
    cache.set(key, (digest, pdf), DRAFT_PDF_CACHE_SECONDS)
    return pdf
