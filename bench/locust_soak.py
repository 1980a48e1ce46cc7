"""Locust scenario of the soak test (started by bench/soak.py): the whole workshop journey,
repeated for SOAK_DURATION seconds.

- PhoneUser (one per personal link): every SOAK_PACE seconds (constant pacing) it opens its
  personal link (GET /v/<token>/, 302 to /deltager/), the phone's home page (where it finds the
  open workshop), the workshop page, adds a note (POST, 302 back), opens the ballot page of the
  open round and sends a ballot through htmx as the phone's page does (HX-Request, answered 200
  with the panel saying "counted" or "changed"), with a few seconds of thinking between steps.
  No journey starts after SOAK_DURATION; locust runs SOAK_DRAIN seconds longer, so that the
  journeys under way finish (none is cut off with its ballot stored but not seen here).
- ProjectorUser (one): the facilitator, logged in, polls the round's projector panel every 2 s.
- LeadUser (one): the demo lead (its session cookie from bench/setup_actionplan.py) opens the
  demo's action plan every minute and renders the strategy PDF (/p/<slug>/report.pdf) twice, at
  a third and at two thirds of the run.

Response times are collected exactly through the request event and written to SOAK_OUT as JSON
when the test stops, with the failures, counters and each voter's last accepted ballot.
"""

import http.cookiejar
import json
import os
import random
import re
import time
from collections import defaultdict
from pathlib import Path

import gevent
from locust import FastHttpUser, constant, constant_pacing, events, task

VOTERS = [line.split() for line in Path(os.environ["SOAK_TOKENS"]).read_text().splitlines()]
ROUND = int(os.environ["SOAK_ROUND"])
OPTIONS = [int(key) for key in os.environ["SOAK_OPTIONS"].split(",")]
BUDGET = int(os.environ["SOAK_BUDGET"])
SLUG = os.environ["SOAK_SLUG"]
LEAD_EMAIL = os.environ["SOAK_LEAD_EMAIL"]
LEAD_PASSWORD = os.environ["SOAK_LEAD_PASSWORD"]
DEMO_SLUG = os.environ["SOAK_DEMO_SLUG"]
DEMO_COOKIE = os.environ["SOAK_DEMO_COOKIE"]
OUT = Path(os.environ["SOAK_OUT"])
DURATION = int(os.environ["SOAK_DURATION"])
PACE = float(os.environ.get("SOAK_PACE", "60"))
POLL_SECONDS = 2

BALLOT_PAGE = f"/deltager/runder/{ROUND}/"
PANEL = f"/p/{SLUG}/runder/{ROUND}/projektor/status/"
PROJECTOR = f"/p/{SLUG}/runder/{ROUND}/projektor/"
PLAN = os.environ["SOAK_PLAN"]
PDF = f"/p/{DEMO_SLUG}/report.pdf"
HTMX = {"HX-Request": "true", "HX-Target": "ballot-panel", "HX-Current-URL": BALLOT_PAGE}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
WORKSHOP_LINK = re.compile(r'href="(/deltager/workshops/\d+/)"')
KINDS = ("challenge", "opportunity", "idea", "need", "quote")
TEXTS = (
    "Vi tager billeder på egne telefoner fordi iPad'en er flad",
    "Aula-beskeder tager tid ved aflevering",
    "Gamle iPads kan ikke opdateres",
    "Vi mangler en superbruger",
    "Wi-Fi dækker ikke legepladsen",
    "Sprogvurderingerne laves på papir og tastes ind bagefter",
)

_voters = iter(VOTERS)
_start = {"at": time.monotonic()}
timings: dict[str, list[float]] = defaultdict(list)
failures: list[dict] = []
tally = defaultdict(int)
last_ballot: dict[str, dict] = {}  # participant id -> the last ballot answered "counted"


@events.test_start.add_listener
def _started(**_kwargs):
    _start["at"] = time.monotonic()


@events.request.add_listener
def _record(request_type, name, response_time, response, exception, **_kwargs):
    timings[name].append(response_time)
    if exception is not None:
        failures.append({"name": name, "error": str(exception)[:300]})


@events.test_stop.add_listener
def _write(**_kwargs):
    OUT.write_text(
        json.dumps(
            {"timings": timings, "failures": failures, "tally": tally, "last_ballot": last_ballot}
        )
    )


def _elapsed() -> float:
    return time.monotonic() - _start["at"]


class LoopbackCookiePolicy(http.cookiejar.DefaultCookiePolicy):
    """Send Secure cookies to 127.0.0.1 over plain HTTP, as browsers do for loopback (the
    same policy as bench/locustfile.py)."""

    def return_ok_secure(self, cookie, request):
        return request.host.split(":")[0] == "127.0.0.1" or super().return_ok_secure(
            cookie, request
        )


def _expect(response, status: int | tuple[int, ...], location: str | None = None) -> bool:
    statuses = status if isinstance(status, tuple) else (status,)
    if response.status_code not in statuses:
        response.failure(f"status {response.status_code}, expected {status}")
        return False
    if location is not None and not response.headers.get("Location", "").endswith(location):
        response.failure(f"redirect to {response.headers.get('Location')!r}, not {location}")
        return False
    response.success()
    return True


def _csrf(response) -> str | None:
    match = CSRF.search(response.text or "")
    if match is None:
        response.failure("no csrfmiddlewaretoken on the page")
        return None
    return match.group(1)


def _login(user: FastHttpUser) -> bool:
    with user.client.get(
        "/accounts/login/", name="login page", allow_redirects=False, catch_response=True
    ) as page:
        if not _expect(page, 200):
            return False
        token = _csrf(page)
    data = {"username": LEAD_EMAIL, "password": LEAD_PASSWORD, "csrfmiddlewaretoken": token}
    with user.client.post(
        "/accounts/login/", data=data, name="login", allow_redirects=False, catch_response=True
    ) as response:
        return _expect(response, 302)


class PhoneUser(FastHttpUser):
    """A participant's phone with a personal link, going through the journey every PACE s."""

    wait_time = constant_pacing(PACE)
    network_timeout = 60.0
    connection_timeout = 10.0

    def on_start(self):
        voter = next(_voters, None)
        self.participant, self.token = voter if voter else (None, None)
        self.random = random.Random(self.participant)  # noqa: S311 - load shape, not secrets
        self.workshop_page = None
        self.client.cookiejar.set_policy(LoopbackCookiePolicy())

    def think(self, low: float, high: float) -> None:
        gevent.sleep(self.random.uniform(low, high))

    @task
    def journey(self):
        if self.token is None:
            if not tally["more_phones_than_links"]:
                failures.append({"name": "setup", "error": "more phones than personal links"})
            tally["more_phones_than_links"] += 1
            return
        if _elapsed() > DURATION:
            return
        tally["journeys_started"] += 1
        with self.client.get(
            f"/v/{self.token}/", name="open link", allow_redirects=False, catch_response=True
        ) as response:
            if not _expect(response, 302, "/deltager/"):
                return
        with self.client.get(
            "/deltager/", name="phone home", allow_redirects=False, catch_response=True
        ) as response:
            if not _expect(response, 200):
                return
            match = WORKSHOP_LINK.search(response.text or "")
            if match is None:
                response.failure("no open workshop on the phone's home page")
                return
            self.workshop_page = match.group(1)
        if not self.add_note():
            return
        self.think(1, 4)
        if self.vote():
            tally["journeys_done"] += 1

    def add_note(self) -> bool:
        with self.client.get(
            self.workshop_page, name="workshop page", allow_redirects=False, catch_response=True
        ) as response:
            if not _expect(response, 200):
                return False
            token = _csrf(response)
        if token is None:
            return False
        self.think(2, 6)
        data = {
            "kind": self.random.choice(KINDS),
            "text": f"{self.random.choice(TEXTS)} (deltager {self.participant})",
            "csrfmiddlewaretoken": token,
        }
        tally["note_posts"] += 1
        with self.client.post(
            self.workshop_page, data=data, name="note", allow_redirects=False, catch_response=True
        ) as response:
            if not _expect(response, 302, self.workshop_page):
                return False
        tally["notes_sent"] += 1
        return True

    def ballot(self) -> dict[int, int]:
        themes = self.random.sample(OPTIONS, self.random.randint(1, 3))
        points = dict.fromkeys(themes, 1)
        for _ in range(BUDGET - len(themes)):
            points[self.random.choice(themes)] += 1
        return points

    def vote(self) -> bool:
        with self.client.get(
            BALLOT_PAGE, name="ballot page", allow_redirects=False, catch_response=True
        ) as response:
            if not _expect(response, 200):
                return False
            token = _csrf(response)
        if token is None:
            return False
        self.think(1, 4)
        values = self.ballot()
        data = {f"option-{key}": str(values.get(key, "")) for key in OPTIONS}
        data["csrfmiddlewaretoken"] = token
        tally["ballot_posts"] += 1
        with self.client.post(
            BALLOT_PAGE,
            data=data,
            headers=HTMX,
            name="ballot",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            text = response.text or ""
            if response.status_code != 200 or not (
                'id="vote-counted"' in text or 'id="vote-changed"' in text
            ):
                response.failure(f"status {response.status_code}, expected 200 and a counted vote")
                return False
            response.success()
        tally["ballot_posts_accepted"] += 1
        last_ballot[self.participant] = {str(k): v for k, v in values.items()}
        return True


class ProjectorUser(FastHttpUser):
    """The round's projector, polling its panel every 2 s."""

    fixed_count = 1
    wait_time = constant_pacing(POLL_SECONDS)
    network_timeout = 30.0
    connection_timeout = 10.0

    def on_start(self):
        self.ready = False
        self.client.cookiejar.set_policy(LoopbackCookiePolicy())
        if not _login(self):
            return
        with self.client.get(
            PROJECTOR, name="projector page", allow_redirects=False, catch_response=True
        ) as response:
            self.ready = _expect(response, 200)

    @task
    def poll(self):
        if not self.ready or _elapsed() > DURATION:
            return
        tally["panel_polls"] += 1
        with self.client.get(
            PANEL, name="projector panel", allow_redirects=False, catch_response=True
        ) as response:
            _expect(response, 200)


class LeadUser(FastHttpUser):
    """The demo's project lead: the action plan every minute, the strategy PDF twice."""

    fixed_count = 1
    wait_time = constant(1)
    network_timeout = 300.0
    connection_timeout = 10.0

    def on_start(self):
        self.next_plan = 0.0
        self.pdf_at = [DURATION / 3, 2 * DURATION / 3]

    def get(self, path: str, name: str, content_type: str):
        with self.client.get(
            path,
            name=name,
            headers={"Cookie": DEMO_COOKIE},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if _expect(response, 200):
                if not response.headers.get("Content-Type", "").startswith(content_type):
                    response.failure(f"{response.headers.get('Content-Type')}, not {content_type}")
                    return False
                return True
            return False

    @task
    def work(self):
        if _elapsed() > DURATION:
            return
        if self.pdf_at and _elapsed() >= self.pdf_at[0]:
            self.pdf_at.pop(0)
            tally["pdf_requests"] += 1
            if self.get(PDF, "strategy pdf", "application/pdf"):
                tally["pdf_rendered"] += 1
        elif _elapsed() >= self.next_plan:
            self.next_plan = _elapsed() + 60
            tally["plan_requests"] += 1
            self.get(PLAN, "action plan", "text/html")
