"""Locust scenarios of the voting benchmarks (started by bench/run.py), BENCH_SCENARIO:

- `burst` (vote_burst): each voter (one per personal link) opens its link (GET /v/<token>/, 302
  to /deltager/) at its own moment (BENCH_ARRIVALS=spread: a random point of the second in
  which locust starts it; `batch`: at once with the other voters locust starts that second),
  loads the ballot page /deltager/runder/<pk>/ (the CSRF token and the ballot key), thinks
  0.5-3.5 s and sends a ballot: a POST of `option-<theme id>` fields, 5 points spread over one
  to three themes, sent as the phone's page sends it, through htmx (HX-Request: true), and
  answered by 200 with the ballot panel saying the vote is counted (or changed).
  Every BENCH_TRIPLE_EVERY-th voter sends three different ballots at once instead (three
  greenlets, each with its own connection and the phone's cookies: the triple tap). Each voter
  also POSTs once to /bench/minimal/ (one INSERT, the baseline), just before or just after its
  ballot.
- `close` (vote_close): voters keep sending ballots through htmx (changing theirs every
  0.3-1.2 s) until one is refused with 409; one facilitator logs in and closes the round
  through its close URL (POST /p/<slug>/runder/<pk>/luk/) BENCH_CLOSE_AFTER seconds after
  the start. A voter who arrives after the close finds no ballot on the page and stops.

Response times are collected exactly through the request event; the file BENCH_OUT gets them
with the failures, counters, what every voter sent and whether a ballot of theirs was accepted
(for bench/setup_voting.py check), and the close's time and answer.
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
from locust import FastHttpUser, constant, events, task
from locust.contrib.fasthttp import FastHttpSession

SCENARIO = os.environ["BENCH_SCENARIO"]
VOTERS = [line.split() for line in Path(os.environ["BENCH_TOKENS"]).read_text().splitlines()]
ROUND = int(os.environ["BENCH_ROUND"])
OPTIONS = [int(key) for key in os.environ["BENCH_OPTIONS"].split(",")]
BUDGET = int(os.environ["BENCH_BUDGET"])
SLUG = os.environ["BENCH_SLUG"]
LEAD_EMAIL = os.environ["BENCH_LEAD_EMAIL"]
LEAD_PASSWORD = os.environ["BENCH_LEAD_PASSWORD"]
OUT = Path(os.environ["BENCH_OUT"])
DURATION = int(os.environ.get("BENCH_DURATION", "20"))
TRIPLE_EVERY = int(os.environ.get("BENCH_TRIPLE_EVERY", "5"))
CLOSE_AFTER = float(os.environ.get("BENCH_CLOSE_AFTER", "5"))
ARRIVALS = os.environ.get("BENCH_ARRIVALS", "spread")  # burst: "spread" or "batch"

BALLOT_PAGE = f"/deltager/runder/{ROUND}/"
CLOSE_URL = f"/p/{SLUG}/runder/{ROUND}/luk/"
DETAIL_PAGE = f"/p/{SLUG}/runder/{ROUND}/"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
BALLOT_KEY = re.compile(r'name="ballot_key" value="([^"]+)"')
HTMX = {"HX-Request": "true", "HX-Target": "ballot-panel", "HX-Current-URL": BALLOT_PAGE}

_voters = iter(VOTERS)
_numbers = iter(range(1, len(VOTERS) + 1))
_start = {"at": time.monotonic()}
timings: dict[str, list[float]] = defaultdict(list)
statuses: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
failures: list[dict] = []
tally = defaultdict(int)
sent: dict[str, dict] = {}
close: dict = {}


@events.test_start.add_listener
def _started(**_kwargs):
    _start["at"] = time.monotonic()


@events.request.add_listener
def _record(request_type, name, response_time, response, exception, **_kwargs):
    timings[name].append(response_time)
    if response is not None:
        statuses[name][response.status_code] += 1
    if exception is not None:
        failures.append({"name": name, "error": str(exception)[:300]})


@events.test_stop.add_listener
def _write(**_kwargs):
    OUT.write_text(
        json.dumps(
            {
                "timings": timings,
                "statuses": statuses,
                "failures": failures,
                "tally": tally,
                "sent": sent,
                "close": close,
            }
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


def _expect(response, status: int, location: str | None = None) -> bool:
    if response.status_code != status:
        response.failure(f"status {response.status_code}, expected {status}")
        return False
    if location is not None and not response.headers.get("Location", "").endswith(location):
        response.failure(f"redirect to {response.headers.get('Location')!r}, not {location}")
        return False
    response.success()
    return True


def _page_hint(response) -> str:
    """For an unexpected answer: the page's title and the ids of its alerts, if any."""
    text = response.text or ""
    title = re.search(r"<title>(.*?)</title>", text, re.S)
    alerts = re.findall(r'class="alert[^"]*"[^>]*id="([^"]+)"|id="([^"]+)"[^>]*role="alert"', text)
    ids = sorted({a or b for a, b in alerts})
    return f" (page {title.group(1).strip()[:80] if title else '-'!r}, alerts {ids})"


def _csrf(response) -> str | None:
    match = CSRF.search(response.text or "")
    return match.group(1) if match else None


class VoterUser(FastHttpUser):
    """A participant's phone with a personal link."""

    wait_time = constant(DURATION)  # the flow runs once; then the phone idles until the end
    network_timeout = 30.0
    connection_timeout = 10.0

    def on_start(self):
        self.done = False
        self.number = next(_numbers, 0)
        voter = next(_voters, None)
        self.participant, self.token = voter if voter else (None, None)
        self.random = random.Random(self.number)  # noqa: S311 - load shape, not secrets
        self.client.cookiejar.set_policy(LoopbackCookiePolicy())

    def ballot(self) -> dict[int, int]:
        """BUDGET points over one to three themes."""
        themes = self.random.sample(OPTIONS, self.random.randint(1, 3))
        points = dict.fromkeys(themes, 1)
        for _ in range(BUDGET - len(themes)):
            points[self.random.choice(themes)] += 1
        return points

    def _record_sent(self, values: dict[int, int]) -> None:
        record = sent.setdefault(self.participant, {"accepted": False, "ballots": []})
        record["ballots"].append({str(k): v for k, v in values.items()})

    def tap_client(self) -> FastHttpSession:
        """Another connection of the same phone (its own HTTP client, the same cookies).

        The triple tap needs one per request: FastHttpSession switches redirects off for a
        request by changing its client's state, so concurrent requests on one session can
        follow each other's redirects."""
        session = FastHttpSession(
            base_url=self.host,
            request_event=self.environment.events.request,
            user=self,
            network_timeout=self.network_timeout,
            connection_timeout=self.connection_timeout,
        )
        session.cookiejar = session.client.cookiejar = self.client.cookiejar
        return session

    def submit(self, hidden: dict, values: dict[int, int], name: str, client=None) -> int | None:
        """POST a ballot as the page's htmx form does (with its hidden fields, `hidden`); the
        status code (200 counted or changed, 409 closed), or None."""
        data = {f"option-{key}": str(values.get(key, "")) for key in OPTIONS}
        data.update(hidden)
        self._record_sent(values)
        tally["ballots_sent"] += 1
        with (client or self.client).post(
            BALLOT_PAGE,
            data=data,
            headers=HTMX,
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            status = response.status_code
            text = response.text or ""
            if status == 200 and ('id="vote-counted"' in text or 'id="vote-changed"' in text):
                response.success()
                sent[self.participant]["accepted"] = True
                tally["ballots_accepted"] += 1
                return 200
            if status == 409 and SCENARIO == "close":
                response.success()
                tally["refused_after_close"] += 1
                return 409
            response.failure(
                f"status {status}, expected 200 and a counted vote{_page_hint(response)}"
            )
            return None

    def open_page(self) -> tuple[dict | None, bool]:
        """Load the ballot page: (the hidden fields its form sends: the CSRF token and, with a
        ballot form, the ballot key; whether it shows a ballot form)."""
        with self.client.get(
            BALLOT_PAGE, name="ballot page", allow_redirects=False, catch_response=True
        ) as response:
            if not _expect(response, 200):
                return None, False
            token = _csrf(response)
            if token is None:
                response.failure("no csrfmiddlewaretoken on the ballot page")
                return None, False
            hidden = {"csrfmiddlewaretoken": token}
            key = BALLOT_KEY.search(response.text or "")
            if key:
                hidden["ballot_key"] = key.group(1)
            return hidden, 'id="ballot-form"' in (response.text or "")

    def minimal(self) -> None:
        with self.client.post(
            "/bench/minimal/", name="minimal insert", allow_redirects=False, catch_response=True
        ) as response:
            _expect(response, 204)

    @task
    def flow(self):
        if self.done:
            return
        self.done = True
        if self.token is None:
            failures.append({"name": "setup", "error": "more voters than personal links"})
            return
        if SCENARIO == "burst" and ARRIVALS == "spread":
            # locust starts its users in batches, floor(spawn rate) at the same instant each
            # second; a room's phones open their links one by one: each voter waits its own
            # random share of that second (fixed per voter, so the same in every run).
            gevent.sleep(self.random.uniform(0, 1))
        with self.client.get(
            f"/v/{self.token}/", name="open link", allow_redirects=False, catch_response=True
        ) as response:
            if not _expect(response, 302, "/deltager/"):
                return
        tally["links_opened"] += 1
        hidden, has_form = self.open_page()
        if hidden is None:
            return
        if SCENARIO == "close":
            self.keep_voting(hidden, has_form)
        else:
            self.vote_once(hidden)

    def vote_once(self, hidden: dict) -> None:
        gevent.sleep(self.random.uniform(0.5, 3.5))
        minimal_first = self.random.random() < 0.5
        if minimal_first:
            self.minimal()
        if self.number % TRIPLE_EVERY == 0:
            tally["triple_voters"] += 1
            ballots = [self.ballot() for _ in range(3)]
            clients = [self.tap_client() for _ in ballots]
            taps = [
                gevent.spawn(self.submit, hidden, ballot, "ballot (triple)", client)
                for ballot, client in zip(ballots, clients, strict=True)
            ]
            gevent.joinall(taps)
            ok = any(tap.value == 200 for tap in taps)
        else:
            ok = self.submit(hidden, self.ballot(), "ballot") == 200
        if not minimal_first:
            self.minimal()
        if ok:
            tally["voters_done"] += 1

    def keep_voting(self, hidden: dict, has_form: bool) -> None:
        if not has_form:
            tally["arrived_after_close"] += 1
            return
        while _elapsed() < DURATION - 2:
            gevent.sleep(self.random.uniform(0.3, 1.2))
            status = self.submit(hidden, self.ballot(), "ballot")
            if status != 200:
                return


class FacilitatorUser(FastHttpUser):
    """The facilitator closes the round through its close URL after BENCH_CLOSE_AFTER s."""

    fixed_count = 1  # started only in the close scenario (bench/run.py names the classes)
    wait_time = constant(DURATION)
    network_timeout = 30.0
    connection_timeout = 10.0

    def on_start(self):
        self.token = None
        self.closed = False
        self.client.cookiejar.set_policy(LoopbackCookiePolicy())
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
            DETAIL_PAGE, name="round page", allow_redirects=False, catch_response=True
        ) as response:
            if _expect(response, 200):
                self.token = _csrf(response)

    @task
    def close_round(self):
        if self.closed or self.token is None:
            return
        self.closed = True
        gevent.sleep(max(0.0, CLOSE_AFTER - _elapsed()))
        close["requested_at_s"] = round(_elapsed(), 3)
        started = time.monotonic()
        with self.client.post(
            CLOSE_URL,
            data={"csrfmiddlewaretoken": self.token},
            name="close round",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            close["status"] = response.status_code
            close["ms"] = round((time.monotonic() - started) * 1000, 1)
            close["answered_at_s"] = round(_elapsed(), 3)
            _expect(response, 302, DETAIL_PAGE)
