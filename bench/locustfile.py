"""Locust scenario of the workshop-notes benchmark (started by bench/run.py).

- PhoneUser (one per personal link): redeems its link (GET /v/<token>/, 302), opens /deltager/
  and the workshop page, and adds BENCH_NOTES_PER_PHONE notes with a few seconds of "typing"
  between them. A note is a POST of kind, text and the CSRF token that answers 302 back to the
  page, which the phone then loads again, as a browser does. Each phone runs its flow once.
- BoardUser (exactly one): logs in as the project lead and polls the board's notes fragment every
  2 s with the version it shows (204 when nothing changed, else 200 with the next version).

Response times are collected exactly (not locust's bucketed percentiles) through the request
event and written to BENCH_OUT as JSON when the test stops. Configuration comes from the
environment that bench/run.py sets; the host is given on the command line (always 127.0.0.1).
"""

import html
import http.cookiejar
import itertools
import json
import os
import random
import re
from collections import defaultdict
from pathlib import Path

import gevent
from locust import FastHttpUser, constant, constant_pacing, events, task

TOKENS = Path(os.environ["BENCH_TOKENS"]).read_text().split()
WORKSHOP = int(os.environ["BENCH_WORKSHOP"])
SLUG = os.environ["BENCH_SLUG"]
LEAD_EMAIL = os.environ["BENCH_LEAD_EMAIL"]
LEAD_PASSWORD = os.environ["BENCH_LEAD_PASSWORD"]
OUT = Path(os.environ["BENCH_OUT"])
NOTES_PER_PHONE = int(os.environ.get("BENCH_NOTES_PER_PHONE", "3"))
DURATION = int(os.environ.get("BENCH_DURATION", "60"))
POLL_SECONDS = 2
MAX_POLLS = DURATION // POLL_SECONDS + 5

PHONE_PAGE = f"/deltager/workshops/{WORKSHOP}/"
BOARD_PAGE = f"/p/{SLUG}/workshops/{WORKSHOP}/tavle/"
KINDS = ("challenge", "opportunity", "idea", "need", "quote")
TEXTS = (
    "Vi tager billeder på egne telefoner fordi iPad'en er flad",
    "Aula-beskeder tager tid ved aflevering",
    "Gamle iPads kan ikke opdateres",
    "Vi mangler en superbruger",
    "Wi-Fi dækker ikke legepladsen",
    "Vagtplanen hænger på opslagstavlen, og ændringer får man kun at vide på arbejde",
    "En tablet pr. stue, der er opladet og klar, når der sker noget",
    "Sprogvurderingerne laves på papir og tastes ind bagefter",
    "Tid i arbejdstiden til at lære de nye ting",
    "Klare retningslinjer for skærm med børnene, så vi kan svare forældrene",
)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
POLL_URL = re.compile(r'id="board-notes"[^>]*?hx-get="([^"]+)"')

_tokens = iter(TOKENS)
_phone_numbers = itertools.count(1)
timings: dict[str, list[float]] = defaultdict(list)
failures: list[dict] = []
tally = defaultdict(int)


@events.request.add_listener
def _record(request_type, name, response_time, response, exception, **_kwargs):
    """Every request's exact response time by name; the board's split into 200 and 204."""
    timings[name].append(response_time)
    if name == "board refresh" and response is not None:
        timings[f"board refresh {response.status_code}"].append(response_time)
    if exception is not None:
        failures.append({"name": name, "error": str(exception)[:300]})


@events.test_stop.add_listener
def _write(**_kwargs):
    OUT.write_text(json.dumps({"timings": timings, "failures": failures, "tally": tally}))


class LoopbackCookiePolicy(http.cookiejar.DefaultCookiePolicy):
    """Send Secure cookies to 127.0.0.1 over plain HTTP, as browsers do for loopback (a
    "potentially trustworthy" origin). The server keeps its production cookie settings: session
    and CSRF cookies are Secure when DEBUG is off."""

    def return_ok_secure(self, cookie, request):
        return request.host.split(":")[0] == "127.0.0.1" or super().return_ok_secure(
            cookie, request
        )


def _loopback_cookies(user: FastHttpUser) -> None:
    user.client.cookiejar.set_policy(LoopbackCookiePolicy())


def _expect(response, status: int, location: str | None = None) -> bool:
    """Mark the response failed unless it has `status` (and, for a redirect, `location`)."""
    if response.status_code != status:
        response.failure(f"status {response.status_code}, expected {status}")
        return False
    if location is not None and not response.headers.get("Location", "").endswith(location):
        response.failure(f"redirect to {response.headers.get('Location')!r}, not {location}")
        return False
    response.success()
    return True


def _csrf(response) -> str | None:
    match = CSRF.search(response.text or "")
    return match.group(1) if match else None


class PhoneUser(FastHttpUser):
    """A participant's phone: link, home, workshop page, then the notes."""

    wait_time = constant(DURATION)  # the flow runs once; then the phone idles until the end
    network_timeout = 30.0
    connection_timeout = 10.0

    def on_start(self):
        self.done = False
        self.number = next(_phone_numbers)
        self.random = random.Random(self.number)  # noqa: S311 - think times, not secrets
        self.token = next(_tokens, None)
        _loopback_cookies(self)

    @task
    def flow(self):
        if self.done:
            return
        self.done = True
        if self.token is None:
            failures.append({"name": "setup", "error": "more phones than personal links"})
            return
        with self.client.get(
            f"/v/{self.token}/", name="redeem link", allow_redirects=False, catch_response=True
        ) as response:
            if not _expect(response, 302, "/deltager/"):
                return
        with self.client.get(
            "/deltager/", name="phone home", allow_redirects=False, catch_response=True
        ) as response:
            if not _expect(response, 200):
                return
        token = self._open_page()
        if token is None:
            return
        gevent.sleep(self.random.uniform(2, 6))
        for n in range(NOTES_PER_PHONE):
            data = {
                "kind": self.random.choice(KINDS),
                "text": f"{self.random.choice(TEXTS)} (telefon {self.number}, note {n + 1})",
                "csrfmiddlewaretoken": token,
            }
            tally["notes_sent"] += 1
            with self.client.post(
                PHONE_PAGE, data=data, name="note", allow_redirects=False, catch_response=True
            ) as response:
                if not _expect(response, 302, PHONE_PAGE):
                    return
            tally["notes_ok"] += 1
            token = self._open_page()
            if token is None:
                return
            if n + 1 < NOTES_PER_PHONE:
                gevent.sleep(self.random.uniform(4, 10))
        tally["phones_done"] += 1

    def _open_page(self) -> str | None:
        with self.client.get(
            PHONE_PAGE, name="workshop page", allow_redirects=False, catch_response=True
        ) as response:
            if not _expect(response, 200):
                return None
            token = _csrf(response)
            if token is None:
                response.failure("no csrfmiddlewaretoken on the workshop page")
            return token


class BoardUser(FastHttpUser):
    """The facilitator's board on the projector, polling every 2 s."""

    fixed_count = 1
    wait_time = constant_pacing(POLL_SECONDS)
    network_timeout = 30.0
    connection_timeout = 10.0

    def on_start(self):
        self.poll_url = None
        self.polls = 0
        _loopback_cookies(self)
        with self.client.get(
            "/accounts/login/", name="login page", allow_redirects=False, catch_response=True
        ) as page:
            if not _expect(page, 200):
                return
            token = _csrf(page)
        data = {"username": LEAD_EMAIL, "password": LEAD_PASSWORD, "csrfmiddlewaretoken": token}
        with self.client.post(
            "/accounts/login/", data=data, name="login", allow_redirects=False, catch_response=True
        ) as response:
            if not _expect(response, 302):
                return
        with self.client.get(
            BOARD_PAGE, name="board page", allow_redirects=False, catch_response=True
        ) as response:
            if _expect(response, 200):
                self.poll_url = self._next_poll_url(response)

    def _next_poll_url(self, response) -> str | None:
        match = POLL_URL.search(response.text or "")
        if match is None:
            response.failure("no polling URL on the board")
            return None
        return html.unescape(match.group(1))

    @task
    def poll(self):
        if self.poll_url is None or self.polls >= MAX_POLLS:
            return
        self.polls += 1
        tally["board_polls"] += 1
        with self.client.get(
            self.poll_url, name="board refresh", allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code == 204:
                response.success()
            elif _expect(response, 200):
                self.poll_url = self._next_poll_url(response) or self.poll_url
