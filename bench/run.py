"""`make bench`: the workshop-notes benchmark of issue 3 against gunicorn + PostgreSQL on loopback.

A workshop of 150 phones, each redeeming its personal link and adding 3 notes within 60 s
(starts spread over the first ~20 s), while the facilitator's board polls every 2 s. Measures
the p95 of a note submission and of a board refresh, errors, and notes sent against notes in
the database; repeats the run (3 times by default) and writes the medians to
bench/results.json under "workshop_notes" (other keys of that file are kept).

Database: DATABASE_URL when it is a postgres:// URL on this machine (used as it is, never
dropped), else postgres://postgres@127.0.0.1:5432/rodovre_bench, which this script creates and
drops. Everything runs on 127.0.0.1: the script refuses any other database host.

Exit status: 0 when every run had no errors, every phone sent all its notes and the database
holds exactly the notes sent; 1 otherwise; 2 when the benchmark could not run at all.
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


# --- One run -------------------------------------------------------------------------------------


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
        "BENCH_TOKENS": str(tokens),
        "BENCH_WORKSHOP": str(setup["workshop"]),
        "BENCH_SLUG": setup["slug"],
        "BENCH_LEAD_EMAIL": setup["lead_email"],
        "BENCH_LEAD_PASSWORD": setup["lead_password"],
        "BENCH_OUT": str(raw),
        "BENCH_NOTES_PER_PHONE": str(args.notes),
        "BENCH_DURATION": str(args.duration),
    }
    command = [
        str(BIN / "locust"),
        "-f",
        str(ROOT / "bench" / "locustfile.py"),
        "--headless",
        "--host",
        base,
        "--users",
        str(users),
        "--spawn-rate",
        f"{users / args.ramp:.2f}",
        "--run-time",
        f"{args.duration}s",
        "--stop-timeout",
        "10",
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    load_before = os.getloadavg()[0]
    log(
        f"run {number}: {args.phones} phones × {args.notes} notes, board polling every 2 s "
        f"(load average {load_before:.2f})"
    )
    locust_log = workdir / f"locust-{number}.log"
    with locust_log.open("w") as handle:
        try:
            subprocess.run(  # noqa: S603 - our locust, fixed arguments
                command,
                cwd=ROOT,
                env=env,
                stdout=handle,
                stderr=subprocess.STDOUT,
                timeout=args.duration + 90,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise BenchError(f"locust did not finish within {args.duration + 90} s") from exc
    if not raw.exists():
        raise BenchError(f"locust wrote no results:\n{locust_log.read_text()[-4000:]}")
    data = json.loads(raw.read_text())
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


def write_results(entry: dict) -> None:
    results = {}
    if RESULTS.exists():
        try:
            results = json.loads(RESULTS.read_text())
        except json.JSONDecodeError:
            results = {}
    results[KEY] = entry
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    log(f"wrote {RESULTS.relative_to(ROOT)}")


def benchmark(args) -> int:
    url, owned = database_url()
    commit = git_commit()
    _dsn(url)  # refuses a database host other than this machine
    if owned:
        create_database(url)
    workdir = Path(tempfile.mkdtemp(prefix="rodovre-bench-"))
    server = None
    server_log = None
    try:
        server_env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "rodovre_strategy.settings",
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
        manage = [str(BIN / "python"), "manage.py"]
        log("migrate")
        run_checked([*manage, "migrate", "--noinput"], server_env, timeout=300, what="migrate")
        log("collectstatic")
        run_checked(
            [*manage, "collectstatic", "--noinput"], server_env, timeout=300, what="collectstatic"
        )
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log(f"gunicorn -w {args.workers} on {base}")
        server_log = (workdir / "gunicorn.log").open("w")
        server = subprocess.Popen(  # noqa: S603 - our gunicorn, fixed arguments
            [
                str(BIN / "gunicorn"),
                "rodovre_strategy.wsgi",
                "-w",
                str(args.workers),
                "--bind",
                f"127.0.0.1:{port}",
            ],
            cwd=ROOT,
            env=server_env,
            stdout=server_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for_health(base, server)
        runs = []
        for number in range(1, args.runs + 1):
            runs.append(one_run(number, args, base, server_env, url, workdir))
            if server.poll() is not None:
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
        if not args.keep_temp:
            shutil.rmtree(workdir, ignore_errors=True)

    expected = args.phones * args.notes
    entry = {
        "machine": {**machine(), "postgresql": pg_version},
        "date": datetime.date.today().isoformat(),
        "commit": commit,
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
    write_results(entry)
    problems = []
    for number, run in enumerate(runs, start=1):
        if run["errors"]:
            problems.append(f"run {number}: {run['errors']} errors")
        if run["notes_in_db"] != run["notes_sent"]:
            problems.append(
                f"run {number}: {run['notes_in_db']} notes in the database, "
                f"{run['notes_sent']} sent"
            )
        if run["notes_sent"] != expected:
            problems.append(f"run {number}: {run['notes_sent']} notes sent of {expected}")
    log(
        f"median p95 over {len(runs)} runs: note {entry['note_p95_ms']} ms, board "
        f"{entry['board_p95_ms']} ms (target ≤ {TARGET_P95_MS} ms)"
    )
    for problem in problems:
        log(f"FAILED: {problem}")
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description="Workshop-notes benchmark (issue 3).")
    parser.add_argument("--runs", type=int, default=int(os.environ.get("BENCH_RUNS", "3")))
    parser.add_argument("--phones", type=int, default=150)
    parser.add_argument("--notes", type=int, default=3, help="notes per phone")
    parser.add_argument("--duration", type=int, default=60, help="seconds per run")
    parser.add_argument("--ramp", type=int, default=20, help="seconds over which phones start")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--keep-temp", action="store_true", help="keep logs and token files")
    args = parser.parse_args()
    if not 1 <= args.runs <= 10:
        parser.error("--runs must be between 1 and 10")
    if not 1 <= args.phones <= 1000 or not 1 <= args.notes <= 20:
        parser.error("--phones must be 1-1000 and --notes 1-20")
    if not 10 <= args.duration <= 300 or not 1 <= args.ramp < args.duration:
        parser.error("--duration must be 10-300 s and --ramp shorter than it")
    try:
        return benchmark(args)
    except BenchError as exc:
        log(f"cannot run the benchmark: {exc}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
