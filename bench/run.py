"""`make bench`: the load benchmarks against gunicorn + PostgreSQL on loopback.

- `workshop_notes` (issue 3): a workshop of 150 phones, each redeeming its personal link and
  adding 3 notes within 60 s (starts spread over the first ~20 s), while the facilitator's board
  polls every 2 s. Measures the p95 of a note submission and of a board refresh, errors, and
  notes sent against notes in the database (bench/locustfile.py, bench/setup_data.py).
- `vote_burst` (issue 4): 300 registered participants open their personal link and send a
  ballot within 10 s, 20 % of them three ballots at once; the p50/p95/p99 of a ballot and of
  opening the link, accepted ballots against ballot rows and distinct voters in the database
  (all must be 300), and the ratio of the ballot's p50 to that of a minimal Django view that
  inserts one row (bench/urls.py), measured in the same run (bench/locust_voting.py,
  bench/setup_voting.py).
- `vote_close` (issue 4): voters keep sending ballots while the facilitator closes the round
  through its close URL after 5 s; the ballots in the frozen result must equal the ballot rows
  at the end; votes after the close are refused with 409.
- `actionplan_pages` (issue 5): the demo data seeded into the bench database; the action plan,
  the roadmap and the programme overview as the logged-in demo lead, 50 sequential GETs per
  page at the demo's 20 initiatives and at 10× (200, created with the services); the server
  time of each from gunicorn's access log and the query counts at 1× and 10×
  (bench/setup_actionplan.py).
- `budget_pages` (issue 6): the budget basis page and its workbook (budget.xlsx) as the demo
  lead, 50 sequential GETs each at the demo's cost lines and at 10× (hand-written lines added
  with the services); p50/p95 of the server time and the query counts at 1× and 10×
  (bench/setup_budget.py).
- `pdf` (issue 7): no server; the demo data seeded into the bench database, the demo strategy
  PDF and the budget request rendered 5 times each in one process (bench/pdf_render.py, after a
  warm-up render), and the strategy PDF again at 10× the demo's 20 initiatives (added as in
  actionplan_pages): median seconds, pages, the render process's peak RSS, and the share of the
  strategy PDF's time spent outside WeasyPrint (building the document model and rendering the
  HTML template, against WeasyPrint's HTML → PDF).

Each scenario runs 3 times by default (`--runs`) on one gunicorn; bench/results.json gets one
key per scenario (other keys of that file are kept), each with the medians (or sums) of its runs.

Database: DATABASE_URL when it is a postgres:// URL on this machine (used as it is, never
dropped), else postgres://postgres@127.0.0.1:5432/rodovre_bench, which this script creates and
drops. Everything runs on 127.0.0.1: the script refuses any other database host.

Exit status: 0 when every run had no errors, every phone sent all its notes, the database holds
exactly the notes sent, and no ballot was lost or counted twice (or counted after the close);
1 otherwise; 2 when the benchmark could not run at all. Missed speed targets are recorded
(`target_met`), not failures.
"""

import argparse
import datetime
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RESULTS = ROOT / "bench" / "results.json"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/rodovre_bench"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", ""}
KEY = "workshop_notes"
TARGET_P95_MS = 200
SCENARIOS = (
    "workshop_notes",
    "vote_burst",
    "vote_close",
    "actionplan_pages",
    "budget_pages",
    "pdf",
)
NO_SERVER = {"pdf"}  # scenarios that need no gunicorn
PAGE_REQUESTS = 50  # actionplan_pages, budget_pages: sequential requests per page and scale
PAGE_SCALES = (1, 10)  # × the demo's 20 initiatives (actionplan_pages) or cost lines (budget_pages)
TARGET_PAGE_P95_MS = 150
TARGET_BUDGET_P95_MS = 200  # budget_pages: the budget basis page at 10×
TARGET_BALLOT_P95_MS = 150
PDF_RENDERS = 5  # pdf: renders of each document per run and scale
TARGET_PDF_S = 5  # pdf: the demo strategy PDF's median
TARGET_PDF_OUTSIDE_SHARE = 0.2  # pdf: the share of its time outside WeasyPrint
TARGET_PDF_10X_FACTOR = 10  # pdf: at 10× initiatives at most this × the time
TARGET_RATIO = 2
MINIMAL_TABLE = "bench_minimal_insert"  # bench/urls.py inserts into it
ACCESS_LOG = "access.log"  # gunicorn's, in the temporary directory: "<method> <path> <status> <µs>"


class BenchError(Exception):
    """The benchmark cannot run (exit status 2)."""


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


# --- Database ------------------------------------------------------------------------------------


def database_url() -> tuple[str, bool]:
    """The URL to use and whether this script owns (creates and drops) the database."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://", "pgsql://")):
        return url, False
    return DEFAULT_DATABASE_URL, True


def _dsn(url: str, dbname: str | None = None) -> str:
    parts = urlsplit(url)
    if (parts.hostname or "") not in LOCAL_HOSTS:
        raise BenchError(f"the database host {parts.hostname!r} is not on this machine (127.0.0.1)")
    path = f"/{dbname}" if dbname is not None else parts.path
    return urlunsplit(("postgresql", parts.netloc, path, parts.query, ""))


def _connect(dsn: str):
    import psycopg

    try:
        return psycopg.connect(dsn, connect_timeout=5, autocommit=True)
    except psycopg.OperationalError as exc:
        raise BenchError(
            "PostgreSQL is not reachable on 127.0.0.1:5432 "
            f"({str(exc).strip().splitlines()[0]}).\n"
            "Start it (e.g. `pg_ctlcluster --skip-systemctl-redirect 15 main start`) or set "
            "DATABASE_URL=postgres://USER@127.0.0.1:5432/DBNAME."
        ) from exc


def create_database(url: str) -> None:
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    with _connect(_dsn(url, "postgres")) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    log(f"created database {name}")


def drop_database(url: str) -> None:
    from psycopg import sql

    name = urlsplit(url).path.lstrip("/")
    with _connect(_dsn(url, "postgres")) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
    log(f"dropped database {name}")


def notes_in_db(url: str, workshop: int) -> int:
    with _connect(_dsn(url)) as conn:
        row = conn.execute(
            "SELECT count(*) FROM workshops_insight WHERE workshop_id = %s", (workshop,)
        ).fetchone()
    return int(row[0])


def postgres_version(url: str) -> str:
    with _connect(_dsn(url)) as conn:
        return str(conn.execute("SHOW server_version").fetchone()[0])


def create_minimal_table(url: str) -> None:
    """The table of bench/urls.py's minimal insert view (not a model: no migration)."""
    with _connect(_dsn(url)) as conn:
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {MINIMAL_TABLE} "
            "(id bigserial PRIMARY KEY, created_at timestamptz NOT NULL DEFAULT now())"
        )


def drop_minimal_table(url: str) -> None:
    with _connect(_dsn(url)) as conn:
        conn.execute(f"DROP TABLE IF EXISTS {MINIMAL_TABLE}")


# --- Processes -----------------------------------------------------------------------------------


def run_checked(args: list[str], env: dict, timeout: int, what: str) -> str:
    """Run a command of ours to completion (bounded by `timeout`) and return its stdout."""
    try:
        done = subprocess.run(  # noqa: S603 - fixed argument lists, no shell
            args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise BenchError(f"{what} did not finish within {timeout} s") from exc
    if done.returncode != 0:
        raise BenchError(f"{what} failed:\n{done.stdout[-2000:]}{done.stderr[-4000:]}")
    return done.stdout


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_health(base: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    for _attempt in range(int(timeout / 0.25) + 1):
        if server.poll() is not None:
            raise BenchError(f"gunicorn exited with status {server.returncode} while starting")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            break
        time.sleep(0.25)
    raise BenchError(f"gunicorn did not answer {base}/healthz within {timeout:.0f} s")


def server_environment(url: str, workdir: Path) -> dict:
    """The environment of gunicorn and of the setup scripts: production settings on loopback."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "rodovre_strategy.settings",
        # The project's URLs plus the minimal insert view of vote_burst (bench/urls.py).
        "ROOT_URLCONF": "bench.urls",
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        # Plain HTTP on loopback: no redirect to HTTPS, no HSTS. The session and CSRF
        # cookies stay Secure as in production; locust's FastHttpUser sends them anyway.
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
        "STATIC_ROOT": str(workdir / "static"),
        "LOG_LEVEL": "WARNING",
        "EMAIL_URL": "consolemail://",
    }


def start_gunicorn(workdir: Path, port: int, env: dict, workers: int, timeout: int | None = None):
    """gunicorn with `workers` workers on 127.0.0.1:`port`, in its own process group, its access
    log (workdir/ACCESS_LOG: method, path, status, µs in the worker) and its output
    (workdir/gunicorn.log); `timeout`: gunicorn's worker timeout in s (else its default, 30).
    Returns the process and the open output file."""
    server_log = (workdir / "gunicorn.log").open("w")
    server = subprocess.Popen(  # noqa: S603 - our gunicorn, fixed arguments
        [
            str(BIN / "gunicorn"),
            "rodovre_strategy.wsgi",
            "-w",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            # The time each request spent in a worker (not waiting for one), in µs.
            "--access-logfile",
            str(workdir / ACCESS_LOG),
            "--access-logformat",
            "%(m)s %(U)s %(s)s %(D)s",
            *(["--timeout", str(timeout)] if timeout else []),
        ],
        cwd=ROOT,
        env=env,
        stdout=server_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    return server, server_log


def stop(process: subprocess.Popen | None, name: str) -> None:
    """Stop a process this script started (its own process group), politely first."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)
    except ProcessLookupError:
        pass
    log(f"stopped {name}")


# --- Figures -------------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0-100) by linear interpolation between closest ranks."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summary(values: list[float]) -> dict:
    def rounded(value):
        return None if value is None else round(value, 1)

    return {
        "count": len(values),
        "p50_ms": rounded(percentile(values, 50)),
        "p95_ms": rounded(percentile(values, 95)),
        "p99_ms": rounded(percentile(values, 99)),
        "max_ms": rounded(max(values) if values else None),
    }


def machine() -> dict:
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": memory_gb,
        "os": platform.platform(),
        "python": platform.python_version(),
    }


# --- Load -----------------------------------------------------------------------------------------


def run_locust(
    locustfile: str,
    env: dict,
    *,
    users: int,
    spawn_rate: float,
    run_time: int,
    out: Path,
    log_file: Path,
    classes: tuple[str, ...] = (),
) -> dict:
    """Run a headless locust of ours to its end and return the JSON its locustfile wrote."""
    command = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "bench" / locustfile),
        "--headless",
        "--host",
        env["BENCH_HOST"],
        "--users",
        str(users),
        "--spawn-rate",
        f"{spawn_rate:.2f}",
        "--run-time",
        f"{run_time}s",
        "--stop-timeout",
        "10",
        "--only-summary",
        "--loglevel",
        "WARNING",
        *classes,
    ]
    with log_file.open("w") as handle:
        try:
            subprocess.run(  # noqa: S603 - our locust, fixed arguments
                command,
                cwd=ROOT,
                env=env,
                stdout=handle,
                stderr=subprocess.STDOUT,
                timeout=run_time + 90,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise BenchError(f"locust did not finish within {run_time + 90} s") from exc
    if not out.exists():
        raise BenchError(f"locust wrote no results:\n{log_file.read_text()[-4000:]}")
    return json.loads(out.read_text())


# --- workshop_notes: one run ---------------------------------------------------------------------


def one_run(number: int, args, base: str, server_env: dict, url: str, workdir: Path) -> dict:
    tokens = workdir / f"tokens-{number}.txt"
    raw = workdir / f"locust-{number}.json"
    out = run_checked(
        [
            str(BIN / "python"),
            "bench/setup_data.py",
            f"--run={number}",
            f"--phones={args.phones}",
            f"--tokens={tokens}",
        ],
        server_env,
        timeout=120,
        what="bench setup",
    )
    setup = json.loads(out.strip().splitlines()[-1])
    users = args.phones + 1  # the board is one more user (fixed_count = 1)
    env = {
        **os.environ,
        "BENCH_HOST": base,
        "BENCH_TOKENS": str(tokens),
        "BENCH_WORKSHOP": str(setup["workshop"]),
        "BENCH_SLUG": setup["slug"],
        "BENCH_LEAD_EMAIL": setup["lead_email"],
        "BENCH_LEAD_PASSWORD": setup["lead_password"],
        "BENCH_OUT": str(raw),
        "BENCH_NOTES_PER_PHONE": str(args.notes),
        "BENCH_DURATION": str(args.duration),
    }
    load_before = os.getloadavg()[0]
    log(
        f"run {number}: {args.phones} phones × {args.notes} notes, board polling every 2 s "
        f"(load average {load_before:.2f})"
    )
    data = run_locust(
        "locustfile.py",
        env,
        users=users,
        spawn_rate=users / args.ramp,
        run_time=args.duration,
        out=raw,
        log_file=workdir / f"locust-{number}.log",
    )
    timings, tally = data["timings"], data["tally"]
    in_db = notes_in_db(url, setup["workshop"])
    result = {
        "note_p95_ms": summary(timings.get("note", []))["p95_ms"],
        "board_p95_ms": summary(timings.get("board refresh", []))["p95_ms"],
        "board_200_p95_ms": summary(timings.get("board refresh 200", []))["p95_ms"],
        "errors": len(data["failures"]),
        "notes_sent": tally.get("notes_sent", 0),
        "notes_in_db": in_db,
        "phones_done": tally.get("phones_done", 0),
        "board_polls": tally.get("board_polls", 0),
        "load_average_before": round(load_before, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
        "requests": {name: summary(values) for name, values in sorted(timings.items())},
        "first_errors": data["failures"][:10],
    }
    log(
        f"run {number}: note p95 {result['note_p95_ms']} ms, board p95 {result['board_p95_ms']} "
        f"ms, errors {result['errors']}, notes sent {result['notes_sent']}, in the database "
        f"{in_db}, phones done {result['phones_done']}/{args.phones}"
    )
    return result


# --- vote_burst and vote_close: one run ----------------------------------------------------------


def _voting_setup(name: str, number: int, args, server_env: dict, workdir: Path) -> tuple:
    tokens = workdir / f"{name}-tokens-{number}.txt"
    out = run_checked(
        [
            str(BIN / "python"),
            "bench/setup_voting.py",
            "setup",
            f"--name={name}",
            f"--run={number}",
            f"--voters={args.voters}",
            f"--tokens={tokens}",
        ],
        server_env,
        timeout=180,
        what="voting setup",
    )
    return tokens, json.loads(out.strip().splitlines()[-1])


def _voting_env(base: str, tokens: Path, setup: dict, raw: Path, scenario: str, args) -> dict:
    return {
        **os.environ,
        "BENCH_HOST": base,
        "BENCH_SCENARIO": scenario,
        "BENCH_TOKENS": str(tokens),
        "BENCH_ROUND": str(setup["round"]),
        "BENCH_OPTIONS": ",".join(str(key) for key in setup["options"]),
        "BENCH_BUDGET": str(setup["budget"]),
        "BENCH_SLUG": setup["slug"],
        "BENCH_LEAD_EMAIL": setup["lead_email"],
        "BENCH_LEAD_PASSWORD": setup["lead_password"],
        "BENCH_OUT": str(raw),
        "BENCH_DURATION": str(args.vote_duration),
        "BENCH_TRIPLE_EVERY": str(args.triple_every),
        "BENCH_CLOSE_AFTER": str(args.close_after),
        "BENCH_ARRIVALS": args.arrivals,
    }


def _voting_check(round_id: int, raw: Path, server_env: dict) -> dict:
    out = run_checked(
        [
            str(BIN / "python"),
            "bench/setup_voting.py",
            "check",
            f"--round={round_id}",
            f"--sent={raw}",
        ],
        server_env,
        timeout=120,
        what="voting check",
    )
    return json.loads(out.strip().splitlines()[-1])


def _access_offset(workdir: Path) -> int:
    log_file = workdir / ACCESS_LOG
    return log_file.stat().st_size if log_file.exists() else 0


def _request_kind(method: str, path: str, ballot_path: str) -> str | None:
    if method == "GET" and path.startswith("/v/"):
        return "open link"
    if path == ballot_path:
        return "ballot page" if method == "GET" else "ballot"
    if method == "POST" and path == "/bench/minimal/":
        return "minimal insert"
    if method == "POST" and path.endswith("/luk/"):
        return "close round"
    return None


def server_times(workdir: Path, offset: int, round_id: int) -> dict[str, dict]:
    """The time in a gunicorn worker per kind of request (from the access log, after `offset`):
    what the server spent on a request, without the wait for a free worker."""
    ballot_path = f"/deltager/runder/{round_id}/"
    times: dict[str, list[float]] = {}
    time.sleep(0.5)  # the last requests' lines
    with (workdir / ACCESS_LOG).open("rb") as handle:
        handle.seek(offset)
        lines = handle.read().decode(errors="replace").splitlines()
    for line in lines:
        parts = line.split()
        if len(parts) != 4 or not parts[3].isdigit():
            continue
        kind = _request_kind(parts[0], parts[1], ballot_path)
        if kind is not None:
            times.setdefault(kind, []).append(int(parts[3]) / 1000)
    return {kind: summary(values) for kind, values in sorted(times.items())}


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return round(numerator / denominator, 2)


def vote_burst_run(number: int, args, base: str, server_env: dict, url: str, workdir: Path):
    name = "vote_burst"
    tokens, setup = _voting_setup(name, number, args, server_env, workdir)
    raw = workdir / f"{name}-locust-{number}.json"
    offset = _access_offset(workdir)
    load_before = os.getloadavg()[0]
    log(
        f"{name} run {number}: {args.voters} voters within {args.spawn + 3.5:g} s ({args.arrivals} "
        f"arrivals), every {args.triple_every}th sends three ballots at once (load average "
        f"{load_before:.2f})"
    )
    data = run_locust(
        "locust_voting.py",
        _voting_env(base, tokens, setup, raw, "burst", args),
        users=args.voters,
        spawn_rate=args.voters / args.spawn,
        run_time=args.vote_duration,
        out=raw,
        log_file=workdir / f"{name}-locust-{number}.log",
        classes=("VoterUser",),
    )
    check = _voting_check(setup["round"], raw, server_env)
    server = server_times(workdir, offset, setup["round"])
    timings = data["timings"]
    ballots = timings.get("ballot", []) + timings.get("ballot (triple)", [])
    ballot = summary(ballots)
    # Apart, for the reader: one phone's ballot, and a triple tap's three (the second and third
    # wait for the first's commit on the one-ballot constraint). The ratio is of all ballots.
    single = summary(timings.get("ballot", []))
    triple = summary(timings.get("ballot (triple)", []))
    minimal = summary(timings.get("minimal insert", []))
    opened = summary(timings.get("open link", []))
    accepted = sum(1 for record in data["sent"].values() if record["accepted"])
    result = {
        "ballot_p50_ms": ballot["p50_ms"],
        "ballot_p95_ms": ballot["p95_ms"],
        "ballot_p99_ms": ballot["p99_ms"],
        "ballot_single_p50_ms": single["p50_ms"],
        "ballot_triple_p50_ms": triple["p50_ms"],
        "open_link_p50_ms": opened["p50_ms"],
        "open_link_p95_ms": opened["p95_ms"],
        "open_link_p99_ms": opened["p99_ms"],
        "minimal_insert_p50_ms": minimal["p50_ms"],
        "ratio_p50_vs_minimal_insert": _ratio(ballot["p50_ms"], minimal["p50_ms"]),
        "errors": len(data["failures"]),
        "voters": args.voters,
        "accepted": accepted,
        "ballots_in_db": check["ballots_in_db"],
        "distinct_voters": check["distinct_voters"],
        "lost": check["lost_count"],
        "wrong_values": check["wrong_values"],
        "ballots_sent": data["tally"].get("ballots_sent", 0),
        "triple_voters": data["tally"].get("triple_voters", 0),
        "triple_answers": data["statuses"].get("ballot (triple)", {}),
        "server_ballot_p50_ms": server.get("ballot", {}).get("p50_ms"),
        "server_minimal_insert_p50_ms": server.get("minimal insert", {}).get("p50_ms"),
        "server_ratio_p50": _ratio(
            server.get("ballot", {}).get("p50_ms"), server.get("minimal insert", {}).get("p50_ms")
        ),
        "server": server,
        "load_average_before": round(load_before, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
        "requests": {name: summary(values) for name, values in sorted(timings.items())},
        "first_errors": data["failures"][:10],
    }
    log(
        f"{name} run {number}: ballot p50/p95/p99 {result['ballot_p50_ms']}/"
        f"{result['ballot_p95_ms']}/{result['ballot_p99_ms']} ms (p50 single "
        f"{result['ballot_single_p50_ms']}, triple {result['ballot_triple_p50_ms']}), "
        "minimal insert p50 "
        f"{result['minimal_insert_p50_ms']} ms (ratio {result['ratio_p50_vs_minimal_insert']}), "
        f"open link p50/p95/p99 {result['open_link_p50_ms']}/{result['open_link_p95_ms']}/"
        f"{result['open_link_p99_ms']} ms, errors {result['errors']}, accepted "
        f"{accepted}, rows {check['ballots_in_db']}, distinct voters {check['distinct_voters']}; "
        f"in the worker: ballot p50 {result['server_ballot_p50_ms']} ms, minimal insert p50 "
        f"{result['server_minimal_insert_p50_ms']} ms"
    )
    return result


def vote_close_run(number: int, args, base: str, server_env: dict, url: str, workdir: Path):
    name = "vote_close"
    tokens, setup = _voting_setup(name, number, args, server_env, workdir)
    raw = workdir / f"{name}-locust-{number}.json"
    offset = _access_offset(workdir)
    load_before = os.getloadavg()[0]
    log(
        f"{name} run {number}: {args.voters} voters keep voting, the round closes after "
        f"{args.close_after} s (load average {load_before:.2f})"
    )
    data = run_locust(
        "locust_voting.py",
        _voting_env(base, tokens, setup, raw, "close", args),
        users=args.voters + 1,  # and the facilitator (fixed_count = 1)
        spawn_rate=(args.voters + 1) / (2 * args.spawn),
        run_time=args.vote_duration,
        out=raw,
        log_file=workdir / f"{name}-locust-{number}.log",
        classes=("VoterUser", "FacilitatorUser"),
    )
    check = _voting_check(setup["round"], raw, server_env)
    server = server_times(workdir, offset, setup["round"])
    tally = data["tally"]
    result = {
        "ballots_at_close": check["ballots_at_close"],
        "ballots_at_end": check["ballots_in_db"],
        "refused_after_close": tally.get("refused_after_close", 0),
        "rows_changed_after_close": check["rows_changed_after_close"],
        "frozen_matches_db": check["frozen_matches_db"],
        "status_at_end": check["status"],
        "close": data["close"],
        "errors": len(data["failures"]),
        "ballots_sent": tally.get("ballots_sent", 0),
        "ballots_accepted": tally.get("ballots_accepted", 0),
        "voters_with_a_ballot": sum(1 for r in data["sent"].values() if r["accepted"]),
        "arrived_after_close": tally.get("arrived_after_close", 0),
        "lost": check["lost_count"],
        "wrong_values": check["wrong_values"],
        "distinct_voters": check["distinct_voters"],
        "load_average_before": round(load_before, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
        "requests": {name: summary(values) for name, values in sorted(data["timings"].items())},
        "server": server,
        "first_errors": data["failures"][:10],
    }
    log(
        f"{name} run {number}: closed at {data['close'].get('answered_at_s')} s "
        f"(status {data['close'].get('status')}, {data['close'].get('ms')} ms); ballots at "
        f"close {result['ballots_at_close']}, at the end {result['ballots_at_end']}, refused "
        f"after the close {result['refused_after_close']}, errors {result['errors']}"
    )
    return result


# --- actionplan_pages: one run -------------------------------------------------------------------


def page_server_times(workdir: Path, offset: int, paths: dict[str, str]) -> dict[str, list[float]]:
    """The worker time (ms) of each GET of the given pages with status 200, after `offset`."""
    kinds = {path: name for name, path in paths.items()}
    times: dict[str, list[float]] = {name: [] for name in paths}
    time.sleep(0.5)  # the last requests' lines
    with (workdir / ACCESS_LOG).open("rb") as handle:
        handle.seek(offset)
        lines = handle.read().decode(errors="replace").splitlines()
    for line in lines:
        parts = line.split()
        if (
            len(parts) == 4
            and parts[0] == "GET"
            and parts[1] in kinds
            and parts[2] == "200"
            and parts[3].isdigit()
        ):
            times[kinds[parts[1]]].append(int(parts[3]) / 1000)
    return times


def _pages_run(
    name: str, setup_script: str, count_key: str, number: int, base: str, server_env: dict, workdir
) -> dict:
    """PAGE_REQUESTS sequential GETs of each page that `setup_script` names, as the demo lead, at
    each of PAGE_SCALES (one warm-up first): the server time from gunicorn's access log, the
    client time, and the query counts from the setup script."""
    result: dict = {"errors": 0}
    for scale in PAGE_SCALES:
        out = run_checked(
            [str(BIN / "python"), setup_script, f"--scale={scale}"],
            server_env,
            timeout=300,
            what=f"{name} setup",
        )
        setup = json.loads(out.strip().splitlines()[-1])
        headers = {"Cookie": setup["cookie"], "Host": "127.0.0.1"}
        client_ms: dict[str, list[float]] = {page: [] for page in setup["pages"]}
        offset = _access_offset(workdir)
        for page, path in setup["pages"].items():
            for attempt in range(PAGE_REQUESTS + 1):
                request = urllib.request.Request(f"{base}{path}", headers=headers)  # noqa: S310
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                        response.read()
                        ok = response.status == 200 and response.url.endswith(path)
                except (urllib.error.URLError, ConnectionError, TimeoutError):
                    ok = False
                if not ok:
                    result["errors"] += 1
                if attempt:  # the first is a warm-up
                    client_ms[page].append((time.perf_counter() - started) * 1000)
        # Without each page's warm-up request.
        server = {
            page: values[1:]
            for page, values in page_server_times(workdir, offset, setup["pages"]).items()
        }
        result[f"{scale}x"] = {
            count_key: setup[count_key],
            "queries": setup["queries"],
            "server": {page: summary(values) for page, values in server.items()},
            "client": {page: summary(values) for page, values in client_ms.items()},
        }
        log(
            f"{name} run {number}, {setup[count_key]} {count_key.replace('_', ' ')}: server p95 "
            + ", ".join(f"{page} {summary(v)['p95_ms']} ms" for page, v in server.items())
            + f"; queries {setup['queries']}"
        )
    return result


def actionplan_pages_run(number: int, args, base: str, server_env: dict, url: str, workdir: Path):
    """The plan, the roadmap and the programme overview at 1× and 10× the demo's initiatives
    (bench/setup_actionplan.py)."""
    return _pages_run(
        "actionplan_pages",
        "bench/setup_actionplan.py",
        "initiatives",
        number,
        base,
        server_env,
        workdir,
    )


def budget_pages_run(number: int, args, base: str, server_env: dict, url: str, workdir: Path):
    """The budget basis page and its workbook at 1× and 10× the demo's cost lines
    (bench/setup_budget.py)."""
    return _pages_run(
        "budget_pages", "bench/setup_budget.py", "cost_lines", number, base, server_env, workdir
    )


def pdf_run(number: int, args, base: str | None, server_env: dict, url: str, workdir: Path):
    """The strategy PDF and the budget request at 1× and 10× the demo's initiatives, rendered in
    a process of their own (bench/pdf_render.py; no gunicorn)."""
    result: dict = {}
    for scale in PAGE_SCALES:
        log(f"pdf run {number}: {PDF_RENDERS} renders at {scale}× initiatives")
        out = run_checked(
            [
                str(BIN / "python"),
                "bench/pdf_render.py",
                f"--scale={scale}",
                f"--renders={PDF_RENDERS}",
            ],
            {**server_env, "PYTHONPATH": str(ROOT / "bench")},
            timeout=1800,
            what="bench/pdf_render.py",
        )
        result[f"{scale}x"] = json.loads(out.strip().splitlines()[-1])
    return result


RUNNERS = {
    "workshop_notes": one_run,
    "vote_burst": vote_burst_run,
    "vote_close": vote_close_run,
    "actionplan_pages": actionplan_pages_run,
    "budget_pages": budget_pages_run,
    "pdf": pdf_run,
}


# --- Results -------------------------------------------------------------------------------------


def median(runs: list[dict], key: str) -> float | None:
    values = [run[key] for run in runs if run[key] is not None]
    return round(statistics.median(values), 1) if values else None


def git_commit() -> str | None:
    """The commit the benchmark ran on (with "+dirty" when the working tree has changes)."""
    try:
        commit = run_checked(["git", "rev-parse", "--short", "HEAD"], dict(os.environ), 10, "git")
        dirty = run_checked(
            ["git", "status", "--porcelain", "--untracked-files=no"], dict(os.environ), 10, "git"
        )
    except (BenchError, OSError):
        return None
    return commit.strip() + ("+dirty" if dirty.strip() else "")


def write_results(key: str, entry: dict) -> None:
    results = {}
    if RESULTS.exists():
        try:
            results = json.loads(RESULTS.read_text())
        except json.JSONDecodeError:
            results = {}
    results[key] = entry
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    log(f"wrote {key} to {RESULTS.relative_to(ROOT)}")


def notes_entry(runs: list[dict], args, common: dict) -> tuple[dict, list[str]]:
    expected = args.phones * args.notes
    entry = {
        **common,
        "runs": len(runs),
        "note_p95_ms": median(runs, "note_p95_ms"),
        "board_p95_ms": median(runs, "board_p95_ms"),
        "board_200_p95_ms": median(runs, "board_200_p95_ms"),
        "errors": sum(run["errors"] for run in runs),
        "notes_sent": sum(run["notes_sent"] for run in runs),
        "notes_in_db": sum(run["notes_in_db"] for run in runs),
        "target_p95_ms": TARGET_P95_MS,
        "target_met": all(
            value is not None and value <= TARGET_P95_MS
            for value in (median(runs, "note_p95_ms"), median(runs, "board_p95_ms"))
        ),
        "scenario": {
            "phones": args.phones,
            "notes_per_phone": args.notes,
            "duration_s": args.duration,
            "ramp_s": args.ramp,
            "board_poll_s": 2,
            "gunicorn_workers": args.workers,
            "conn_max_age": int(os.environ.get("CONN_MAX_AGE", "60")),
            "load_generator": "locust (FastHttpUser) on the same machine",
        },
        "per_run": runs,
    }
    problems = []
    for number, run in enumerate(runs, start=1):
        if run["errors"]:
            problems.append(f"workshop_notes run {number}: {run['errors']} errors")
        if run["notes_in_db"] != run["notes_sent"]:
            problems.append(
                f"workshop_notes run {number}: {run['notes_in_db']} notes in the database, "
                f"{run['notes_sent']} sent"
            )
        if run["notes_sent"] != expected:
            problems.append(
                f"workshop_notes run {number}: {run['notes_sent']} notes sent of {expected}"
            )
    log(
        f"workshop_notes: median p95 over {len(runs)} runs: note {entry['note_p95_ms']} ms, "
        f"board {entry['board_p95_ms']} ms (target ≤ {TARGET_P95_MS} ms)"
    )
    return entry, problems


def _voting_scenario(args, **extra) -> dict:
    return {
        "voters": args.voters,
        "spawn_s": args.spawn,
        "gunicorn_workers": args.workers,
        "conn_max_age": int(os.environ.get("CONN_MAX_AGE", "60")),
        "round": "points, budget 5 exactly, 7 themes, registered (personal links), not secret",
        "load_generator": "locust (FastHttpUser) on the same machine",
        **extra,
    }


def _median_ratio(runs: list[dict], key: str) -> float | None:
    values = [run[key] for run in runs if run[key] is not None]
    return round(statistics.median(values), 2) if values else None


def vote_burst_entry(runs: list[dict], args, common: dict) -> tuple[dict, list[str]]:
    keys = (
        "ballot_p50_ms",
        "ballot_p95_ms",
        "ballot_p99_ms",
        "open_link_p50_ms",
        "open_link_p95_ms",
        "open_link_p99_ms",
        "errors",
        "voters",
        "accepted",
        "ballots_in_db",
        "distinct_voters",
        "ratio_p50_vs_minimal_insert",
    )
    medians = {key: median(runs, key) for key in keys}
    for key in ("errors", "voters", "accepted", "ballots_in_db", "distinct_voters"):
        if medians[key] is not None:
            medians[key] = int(medians[key])
    medians["ratio_p50_vs_minimal_insert"] = _median_ratio(runs, "ratio_p50_vs_minimal_insert")
    problems = []
    for number, run in enumerate(runs, start=1):
        counts = (run["accepted"], run["ballots_in_db"], run["distinct_voters"])
        if counts != (args.voters,) * 3:
            problems.append(
                f"vote_burst run {number}: accepted {counts[0]}, ballot rows {counts[1]}, "
                f"distinct voters {counts[2]}; all must be {args.voters}"
            )
        if run["lost"] or run["wrong_values"]:
            problems.append(
                f"vote_burst run {number}: {run['lost']} accepted ballots lost, "
                f"{run['wrong_values']} rows with values their voter never sent"
            )
        if run["errors"]:
            problems.append(f"vote_burst run {number}: {run['errors']} errors")
    sound = not problems
    entry = {
        **common,
        "runs": len(runs),
        **medians,
        "minimal_insert_p50_ms": median(runs, "minimal_insert_p50_ms"),
        "ballot_single_p50_ms": median(runs, "ballot_single_p50_ms"),
        "ballot_triple_p50_ms": median(runs, "ballot_triple_p50_ms"),
        "server_ballot_p50_ms": median(runs, "server_ballot_p50_ms"),
        "server_minimal_insert_p50_ms": median(runs, "server_minimal_insert_p50_ms"),
        "server_ratio_p50": _median_ratio(runs, "server_ratio_p50"),
        "errors_total": sum(run["errors"] for run in runs),
        "target_ballot_p95_ms": TARGET_BALLOT_P95_MS,
        "target_ratio": TARGET_RATIO,
        "target_met": sound
        and medians["ballot_p95_ms"] is not None
        and medians["ballot_p95_ms"] <= TARGET_BALLOT_P95_MS
        and medians["ratio_p50_vs_minimal_insert"] is not None
        and medians["ratio_p50_vs_minimal_insert"] <= TARGET_RATIO,
        "scenario": _voting_scenario(
            args,
            arrivals=args.arrivals,
            triple_share=round(1 / args.triple_every, 2),
            think_s=[0.5, 3.5],
            minimal_view="POST /bench/minimal/ (bench/urls.py): one INSERT, no session",
        ),
        "per_run": runs,
    }
    log(
        f"vote_burst: medians over {len(runs)} runs: ballot p50/p95/p99 "
        f"{entry['ballot_p50_ms']}/{entry['ballot_p95_ms']}/{entry['ballot_p99_ms']} ms "
        f"(target p95 ≤ {TARGET_BALLOT_P95_MS}), ratio {entry['ratio_p50_vs_minimal_insert']} "
        f"(target ≤ {TARGET_RATIO}), open link p50/p95/p99 {entry['open_link_p50_ms']}/"
        f"{entry['open_link_p95_ms']}/{entry['open_link_p99_ms']} ms"
    )
    return entry, problems


def vote_close_entry(runs: list[dict], args, common: dict) -> tuple[dict, list[str]]:
    problems = []
    for number, run in enumerate(runs, start=1):
        if run["ballots_at_close"] != run["ballots_at_end"]:
            problems.append(
                f"vote_close run {number}: {run['ballots_at_close']} ballots at the close, "
                f"{run['ballots_at_end']} at the end"
            )
        if run["rows_changed_after_close"] or run["frozen_matches_db"] is not True:
            problems.append(
                f"vote_close run {number}: {run['rows_changed_after_close']} ballots changed "
                f"after the close; frozen result matches the rows: {run['frozen_matches_db']}"
            )
        if run["lost"] or run["wrong_values"] or run["errors"]:
            problems.append(
                f"vote_close run {number}: {run['lost']} lost, {run['wrong_values']} wrong "
                f"values, {run['errors']} errors"
            )
        if run["close"].get("status") != 302:
            problems.append(f"vote_close run {number}: the close answered {run['close']}")
    entry = {
        **common,
        "runs": len(runs),
        "ballots_at_close": sum(run["ballots_at_close"] or 0 for run in runs),
        "ballots_at_end": sum(run["ballots_at_end"] for run in runs),
        "refused_after_close": sum(run["refused_after_close"] for run in runs),
        "rows_changed_after_close": sum(run["rows_changed_after_close"] or 0 for run in runs),
        "errors": sum(run["errors"] for run in runs),
        "close_ms_median": median([r["close"] for r in runs if "ms" in r["close"]], "ms"),
        "sums_over_runs": True,
        "scenario": _voting_scenario(
            args, close_after_s=args.close_after, resubmit_every_s=[0.3, 1.2]
        ),
        "per_run": runs,
    }
    log(
        f"vote_close: over {len(runs)} runs: ballots at the close {entry['ballots_at_close']}, "
        f"at the end {entry['ballots_at_end']}, refused after the close "
        f"{entry['refused_after_close']}"
    )
    return entry, problems


def _pages_entry_base(name: str, runs: list[dict], args, common: dict, count_key: str):
    """What actionplan_pages and budget_pages report alike: the problems (failed requests), and
    the entry's runs, query counts, sizes, errors and scenario description."""
    top = f"{PAGE_SCALES[-1]}x"
    problems = [
        f"{name} run {number}: {run['errors']} failed requests"
        for number, run in enumerate(runs, start=1)
        if run["errors"]
    ]
    entry = {
        **common,
        "runs": len(runs),
        "queries_1x": runs[-1]["1x"]["queries"],
        "queries_10x": runs[-1][top]["queries"],
        count_key: {scale: runs[-1][scale][count_key] for scale in ("1x", top)},
        "errors": sum(run["errors"] for run in runs),
        "scenario": {
            "requests_per_page": PAGE_REQUESTS,
            "sequential": True,
            "as": "the demo project lead (session cookie)",
            "scales": [f"{scale}x" for scale in PAGE_SCALES],
            "gunicorn_workers": args.workers,
            "server_time": "gunicorn access log %(D)s, medians over runs of each run's figure",
            "queries": "CaptureQueriesContext around one test-client GET after a warm-up",
        },
        "per_run": runs,
    }
    entry["queries_equal"] = entry["queries_1x"] == entry["queries_10x"]
    return entry, problems


def _server_median(runs: list[dict], scale: str, page: str, key: str) -> float | None:
    values = [run[scale]["server"][page][key] for run in runs]
    values = [value for value in values if value is not None]
    return round(statistics.median(values), 1) if values else None


def actionplan_pages_entry(runs: list[dict], args, common: dict) -> tuple[dict, list[str]]:
    top = f"{PAGE_SCALES[-1]}x"
    pages = ("plan", "roadmap", "programme")
    entry, problems = _pages_entry_base("actionplan_pages", runs, args, common, "initiatives")
    for page in pages:
        entry[f"{page}_p95_ms"] = _server_median(runs, top, page, "p95_ms")
    entry["p95_ms_1x"] = {page: _server_median(runs, "1x", page, "p95_ms") for page in pages}
    entry["target_p95_ms"] = TARGET_PAGE_P95_MS
    entry["target_met"] = (
        not problems
        and entry["queries_equal"]
        and all(
            entry[f"{page}_p95_ms"] is not None and entry[f"{page}_p95_ms"] <= TARGET_PAGE_P95_MS
            for page in pages
        )
    )
    log(
        f"actionplan_pages: p95 at {entry['initiatives'][top]} initiatives: plan "
        f"{entry['plan_p95_ms']} ms, roadmap {entry['roadmap_p95_ms']} ms, programme "
        f"{entry['programme_p95_ms']} ms (target ≤ {TARGET_PAGE_P95_MS}); queries 1× "
        f"{entry['queries_1x']}, 10× {entry['queries_10x']}"
    )
    return entry, problems


def budget_pages_entry(runs: list[dict], args, common: dict) -> tuple[dict, list[str]]:
    top = f"{PAGE_SCALES[-1]}x"
    entry, problems = _pages_entry_base("budget_pages", runs, args, common, "cost_lines")
    for page in ("budget", "xlsx"):
        for key in ("p50_ms", "p95_ms"):
            entry[f"{page}_{key}"] = _server_median(runs, top, page, key)
    entry["at_1x"] = {
        page: {key: _server_median(runs, "1x", page, key) for key in ("p50_ms", "p95_ms")}
        for page in ("budget", "xlsx")
    }
    entry["target_budget_p95_ms"] = TARGET_BUDGET_P95_MS
    entry["target_met"] = (
        not problems
        and entry["queries_equal"]
        and entry["budget_p95_ms"] is not None
        and entry["budget_p95_ms"] <= TARGET_BUDGET_P95_MS
    )
    log(
        f"budget_pages: at {entry['cost_lines'][top]} cost lines p50/p95 budget "
        f"{entry['budget_p50_ms']}/{entry['budget_p95_ms']} ms (target p95 ≤ "
        f"{TARGET_BUDGET_P95_MS}), workbook {entry['xlsx_p50_ms']}/{entry['xlsx_p95_ms']} ms; "
        f"queries 1× {entry['queries_1x']}, 10× {entry['queries_10x']}"
    )
    return entry, problems


def pdf_entry(runs: list[dict], args, common: dict) -> tuple[dict, list[str]]:
    def med(values: list[float], digits: int = 2) -> float | None:
        return round(statistics.median(values), digits) if values else None

    def strategy(scale: str, key: str) -> list[float]:
        return [render[key] for run in runs for render in run[scale]["strategy"]]

    top = f"{PAGE_SCALES[-1]}x"
    totals = strategy("1x", "total_s")
    outside = [
        (render["model_s"] + render["template_s"]) / render["total_s"]
        for run in runs
        for render in run["1x"]["strategy"]
    ]
    entry = {
        **common,
        "runs": len(runs),
        "renders_per_run": PDF_RENDERS,
        "initiatives": {scale: runs[0][scale]["initiatives"] for scale in runs[0]},
        "strategy_median_s": med(totals),
        "budget_request_median_s": med(
            [seconds for run in runs for seconds in run["1x"]["budget_request_s"]]
        ),
        "strategy_pages": runs[-1]["1x"]["strategy_pages"],
        "peak_rss_mb": max(run[scale]["peak_rss_mb"] for run in runs for scale in run),
        "outside_weasyprint_share": med(outside, 3),
        "strategy_10x_median_s": med(strategy(top, "total_s")),
        "strategy_10x_pages": runs[-1][top]["strategy_pages"],
        "parts_median_s": {
            scale: {key: med(strategy(scale, key), 3) for key in ("model_s", "template_s")}
            | {"weasyprint_s": med(strategy(scale, "weasyprint_s"))}
            for scale in ("1x", top)
        },
        # Renders are CPU-bound: the load average (1, 5, 15 min) at the end says how busy the
        # machine was.
        "load_average": [round(value, 2) for value in os.getloadavg()],
        "targets": {
            "strategy_s": TARGET_PDF_S,
            "outside_weasyprint_share": TARGET_PDF_OUTSIDE_SHARE,
            "factor_10x": TARGET_PDF_10X_FACTOR,
        },
    }
    entry["target_met"] = {
        "strategy": entry["strategy_median_s"] <= TARGET_PDF_S,
        "outside_weasyprint_share": entry["outside_weasyprint_share"] <= TARGET_PDF_OUTSIDE_SHARE,
        "10x": entry["strategy_10x_median_s"] <= TARGET_PDF_10X_FACTOR * entry["strategy_median_s"],
    }
    log(
        f"pdf: strategy {entry['strategy_median_s']} s ({entry['strategy_pages']} pages; target ≤ "
        f"{TARGET_PDF_S}), outside WeasyPrint {entry['outside_weasyprint_share']:.1%} (≤ "
        f"{TARGET_PDF_OUTSIDE_SHARE:.0%}), at {entry['initiatives'][top]} initiatives "
        f"{entry['strategy_10x_median_s']} s; budget request {entry['budget_request_median_s']} s; "
        f"peak RSS {entry['peak_rss_mb']} MB"
    )
    return entry, []


ENTRIES = {
    "actionplan_pages": actionplan_pages_entry,
    "budget_pages": budget_pages_entry,
    "workshop_notes": notes_entry,
    "vote_burst": vote_burst_entry,
    "vote_close": vote_close_entry,
    "pdf": pdf_entry,
}


def benchmark(args) -> int:
    url, owned = database_url()
    commit = git_commit()
    _dsn(url)  # refuses a database host other than this machine
    if owned:
        create_database(url)
    workdir = Path(tempfile.mkdtemp(prefix="rodovre-bench-"))
    server = None
    server_log = None
    table = False
    outcomes: dict[str, list[dict]] = {}
    try:
        server_env = server_environment(url, workdir)
        manage = [str(BIN / "python"), "manage.py"]
        log("migrate")
        run_checked([*manage, "migrate", "--noinput"], server_env, timeout=300, what="migrate")
        log("collectstatic")
        run_checked(
            [*manage, "collectstatic", "--noinput"], server_env, timeout=300, what="collectstatic"
        )
        base = None
        if set(args.scenarios) - NO_SERVER:
            create_minimal_table(url)
            table = True
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            log(f"gunicorn -w {args.workers} on {base}")
            server, server_log = start_gunicorn(workdir, port, server_env, args.workers)
            wait_for_health(base, server)
        for scenario in args.scenarios:
            runs = outcomes.setdefault(scenario, [])
            for number in range(1, args.runs + 1):
                runs.append(RUNNERS[scenario](number, args, base, server_env, url, workdir))
                if server is not None and server.poll() is not None:
                    raise BenchError("gunicorn exited during the run")
        pg_version = postgres_version(url)
    except BenchError:
        stop(server, "gunicorn")
        if server_log is not None:
            server_log.flush()
        tail = workdir / "gunicorn.log"
        if tail.exists() and tail.stat().st_size:
            print(tail.read_text()[-3000:], file=sys.stderr)
        raise
    finally:
        stop(server, "gunicorn")
        if server_log is not None:
            server_log.close()
        if owned:
            drop_database(url)
        elif table:
            drop_minimal_table(url)
        if not args.keep_temp:
            shutil.rmtree(workdir, ignore_errors=True)

    common = {
        "machine": {**machine(), "postgresql": pg_version},
        "date": datetime.date.today().isoformat(),
        "commit": commit,
    }
    problems = []
    for scenario, runs in outcomes.items():
        entry, found = ENTRIES[scenario](runs, args, common)
        write_results(scenario, entry)
        problems.extend(found)
    for problem in problems:
        log(f"FAILED: {problem}")
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description="Load benchmarks (issues 3, 4 and 5).")
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "3")))
    parser.add_argument(
        "--scenarios",
        default=",".join(SCENARIOS),
        help=f"comma-separated, of {', '.join(SCENARIOS)} (default: all)",
    )
    parser.add_argument("--phones", type=int, default=150, help="workshop_notes: phones")
    parser.add_argument("--notes", type=int, default=3, help="workshop_notes: notes per phone")
    parser.add_argument("--duration", type=int, default=60, help="workshop_notes: s per run")
    parser.add_argument("--ramp", type=int, default=20, help="workshop_notes: s to start phones")
    parser.add_argument("--voters", type=int, default=300, help="vote_*: voters")
    parser.add_argument(
        "--spawn",
        type=int,
        default=6,
        help="vote_burst: s to start voters, who then think 0.5-3.5 s (vote_close: twice)",
    )
    parser.add_argument(
        "--triple-every", type=int, default=5, help="vote_burst: every n-th voter taps 3 times"
    )
    parser.add_argument(
        "--close-after", type=float, default=5, help="vote_close: s until the round closes"
    )
    parser.add_argument(
        "--arrivals",
        choices=("spread", "batch"),
        default="spread",
        help="vote_burst: each voter opens its link at its own moment (spread), or with the "
        "others locust starts in the same second, at once (batch)",
    )
    parser.add_argument("--vote-duration", type=int, default=20, help="vote_*: s per run")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--keep-temp", action="store_true", help="keep logs and token files")
    args = parser.parse_args()
    args.scenarios = [name.strip() for name in args.scenarios.split(",") if name.strip()]
    if not args.scenarios or set(args.scenarios) - set(SCENARIOS):
        parser.error(f"--scenarios must name some of {', '.join(SCENARIOS)}")
    if not 1 <= args.runs <= 10:
        parser.error("--runs must be between 1 and 10")
    if not 1 <= args.phones <= 1000 or not 1 <= args.notes <= 20:
        parser.error("--phones must be 1-1000 and --notes 1-20")
    if not 10 <= args.duration <= 300 or not 1 <= args.ramp < args.duration:
        parser.error("--duration must be 10-300 s and --ramp shorter than it")
    if not 1 <= args.voters <= 2000 or not 2 <= args.triple_every <= 100:
        parser.error("--voters must be 1-2000 and --triple-every 2-100")
    if args.spawn < 1 or not 3 * args.spawn < args.vote_duration <= 120:
        parser.error("--vote-duration must be at most 120 s and more than 3 × --spawn")
    if not 0 < args.close_after < args.vote_duration:
        parser.error("--close-after must be shorter than --vote-duration")
    try:
        return benchmark(args)
    except BenchError as exc:
        log(f"cannot run the benchmark: {exc}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
