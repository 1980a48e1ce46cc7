"""`make soak`: the whole workshop journey for `--minutes` (default 10) against gunicorn and
PostgreSQL on loopback, written to bench/soak.json.

Set up like bench/run.py (whose helpers it imports: database, server environment, gunicorn with
its access log, health wait, stop, figures): a fresh database (DATABASE_URL when it is a
postgres:// URL on this machine, used as it is; else rodovre_soak, created and dropped), the
demo data (bench/setup_actionplan.py) and a process with `--phones` personal links, an open
workshop and an open points round over seven themes (bench/setup_voting.py). Then, before the
load, every gunicorn worker renders the strategy PDF and the action plan once (the warm-up: the
first PDF loads WeasyPrint and its fonts), and bench/locust_soak.py runs the journey: each
phone opens its link, adds a note and votes every `--pace` seconds; a projector polls its panel
every 2 s; the demo lead opens the action plan every minute and renders the PDF twice. No
journey starts after `--minutes`; locust then runs DRAIN_SECONDS longer so that every journey
under way finishes.

The workers' memory is the sum of VmRSS (/proc/<pid>/status) over gunicorn's worker processes,
sampled every 15 s; `rss_growth_pct` compares the sample after the first `--settle` seconds of
load (default: a fifth of the run, at most 60 s) with the last one, taken as the load ends.

bench/soak.json: `minutes`, `errors` (failed requests seen by locust plus 5xx answers in the
access log), `ballots_sent` (voters with an accepted ballot: a later ballot replaces the
earlier one), `ballots_in_db` (ballot rows of the round), `ballots_stale` (rows that differ from
their voter's last accepted ballot), `notes_sent` (notes answered 302), `notes_in_db`,
`rss_growth_pct`, the p95 of each step (client and server side), machine, date, commit, load
average. Exit status 0 when errors are 0, ballots and notes in the database equal those
accepted, no row is stale and the growth is at most 10 %; 1 otherwise; 2 when it cannot run.
"""

import argparse
import contextlib
import datetime
import json
import os
import shutil
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from run import (
    ACCESS_LOG,
    BIN,
    ROOT,
    BenchError,
    _connect,
    _dsn,
    create_database,
    drop_database,
    free_port,
    git_commit,
    machine,
    postgres_version,
    run_checked,
    run_locust,
    server_environment,
    start_gunicorn,
    stop,
    summary,
    wait_for_health,
)

OUT = ROOT / "bench" / "soak.json"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/rodovre_soak"
MAX_RSS_GROWTH_PCT = 10
SAMPLE_SECONDS = 15
DRAIN_SECONDS = 90  # locust runs this much longer, with no new journeys, so they all finish


def log(message: str) -> None:
    print(f"[soak] {message}", flush=True)


def database_url() -> tuple[str, bool]:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://", "pgsql://")):
        return url, False
    return DEFAULT_DATABASE_URL, True


# --- Memory ------------------------------------------------------------------------------------


def worker_pids(master: int) -> list[int]:
    """gunicorn's workers: the master's child processes."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces, so split after its ")".
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == master:
            pids.append(int(entry.name))
    return sorted(pids)


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


class MemorySampler(threading.Thread):
    """Samples the workers' summed VmRSS every SAMPLE_SECONDS until stopped."""

    def __init__(self, master: int):
        super().__init__(daemon=True)
        self.master = master
        self.samples: list[dict] = []
        self.started_at = time.monotonic()
        self.done = threading.Event()

    def sample(self) -> dict:
        pids = worker_pids(self.master)
        total = 0
        for pid in pids:
            with contextlib.suppress(OSError):
                total += rss_kb(pid)
        entry = {
            "t_s": round(time.monotonic() - self.started_at, 1),
            "rss_mb": round(total / 1024, 1),
            "workers": pids,
        }
        self.samples.append(entry)
        return entry

    def run(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            self.sample()

    def stop(self) -> dict:
        self.done.set()
        self.join(timeout=5)
        return self.sample()


# --- Steps -------------------------------------------------------------------------------------


def warm_up(base: str, cookie: str, paths: list[str], workers: int) -> None:
    """Each path `workers` times at once, so that every worker (one request at a time each)
    most likely serves one: the first PDF of a worker loads WeasyPrint and its fonts."""

    def get(path: str) -> int:
        request = urllib.request.Request(base + path, headers={"Cookie": cookie})  # noqa: S310
        with urllib.request.urlopen(request, timeout=300) as response:  # noqa: S310
            response.read()
            return response.status

    for path in paths:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            statuses = list(pool.map(get, [path] * workers))
        if statuses != [200] * workers:
            raise BenchError(f"warm-up: {path} answered {statuses}")


def server_kind(method: str, path: str, setup: dict) -> str | None:
    ballot = f"/deltager/runder/{setup['round']}/"
    if path.startswith("/v/"):
        return "open link"
    if path == "/deltager/":
        return "phone home"
    if path.startswith("/deltager/workshops/"):
        return "note" if method == "POST" else "workshop page"
    if path == ballot:
        return "ballot" if method == "POST" else "ballot page"
    if path.endswith("/projektor/status/"):
        return "projector panel"
    if path == setup["plan"]:
        return "action plan"
    if path.endswith("/report.pdf"):
        return "strategy pdf"
    return None


def access_log(workdir: Path, offset: int, setup: dict) -> tuple[dict, int, list[str]]:
    """Server time per step (ms in the worker), the number of 5xx answers and the first of them,
    from gunicorn's access log after `offset`."""
    times: dict[str, list[float]] = {}
    errors = []
    time.sleep(0.5)
    with (workdir / ACCESS_LOG).open("rb") as handle:
        handle.seek(offset)
        lines = handle.read().decode(errors="replace").splitlines()
    for line in lines:
        parts = line.split()
        if len(parts) != 4 or not parts[3].isdigit():
            continue
        if parts[2].startswith("5"):
            errors.append(line)
        kind = server_kind(parts[0], parts[1], setup)
        if kind is not None:
            times.setdefault(kind, []).append(int(parts[3]) / 1000)
    return {k: summary(v) for k, v in sorted(times.items())}, len(errors), errors[:10]


def database_counts(url: str, setup: dict) -> dict:
    with _connect(_dsn(url)) as conn:
        notes = conn.execute(
            "SELECT count(*) FROM workshops_insight i JOIN strategy_strategyprocess p "
            "ON p.id = i.process_id WHERE p.slug = %s AND i.workshop_id IS NOT NULL",
            (setup["slug"],),
        ).fetchone()[0]
        ballots = conn.execute(
            "SELECT participant_id, values FROM workshops_ballot WHERE round_id = %s",
            (setup["round"],),
        ).fetchall()
    return {"notes": int(notes), "ballots": {str(pid): values for pid, values in ballots}}


def _normal(values: dict) -> str:
    return json.dumps(
        {str(k): v for k, v in values.items() if v not in (0, None, False)}, sort_keys=True
    )


# --- The run -----------------------------------------------------------------------------------


def soak(args) -> int:
    url, owned = database_url()
    commit = git_commit()
    _dsn(url)  # refuses a database host other than this machine
    if owned:
        create_database(url)
    workdir = Path(tempfile.mkdtemp(prefix="rodovre-soak-"))
    server = server_log = None
    duration = int(args.minutes * 60)
    try:
        env = server_environment(url, workdir)
        manage = [str(BIN / "python"), "manage.py"]
        log("migrate, collectstatic")
        run_checked([*manage, "migrate", "--noinput"], env, timeout=300, what="migrate")
        run_checked([*manage, "collectstatic", "--noinput"], env, 300, "collectstatic")
        log("demo data and the soak process")
        demo = json.loads(
            run_checked(
                [str(BIN / "python"), "bench/setup_actionplan.py", "--scale=1"],
                env,
                timeout=600,
                what="demo setup",
            )
            .strip()
            .splitlines()[-1]
        )
        tokens = workdir / "tokens.txt"
        voting = json.loads(
            run_checked(
                [
                    str(BIN / "python"),
                    "bench/setup_voting.py",
                    "setup",
                    "--name=soak",
                    "--run=1",
                    f"--voters={args.phones}",
                    f"--tokens={tokens}",
                ],
                env,
                timeout=300,
                what="voting setup",
            )
            .strip()
            .splitlines()[-1]
        )
        setup = {**voting, "plan": demo["pages"]["plan"], "pdf": f"/p/{demo['slug']}/report.pdf"}
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        log(f"gunicorn -w {args.workers} --timeout {args.timeout} on {base}")
        server, server_log = start_gunicorn(workdir, port, env, args.workers, timeout=args.timeout)
        wait_for_health(base, server)
        log("warm-up: every worker renders the PDF and the action plan")
        warm_up(base, demo["cookie"], [setup["pdf"], setup["plan"]], args.workers)
        offset = (workdir / ACCESS_LOG).stat().st_size
        raw = workdir / "locust.json"
        locust_env = {
            **os.environ,
            "BENCH_HOST": base,
            "SOAK_TOKENS": str(tokens),
            "SOAK_ROUND": str(voting["round"]),
            "SOAK_OPTIONS": ",".join(str(key) for key in voting["options"]),
            "SOAK_BUDGET": str(voting["budget"]),
            "SOAK_SLUG": voting["slug"],
            "SOAK_LEAD_EMAIL": voting["lead_email"],
            "SOAK_LEAD_PASSWORD": voting["lead_password"],
            "SOAK_DEMO_SLUG": demo["slug"],
            "SOAK_DEMO_COOKIE": demo["cookie"],
            "SOAK_PLAN": setup["plan"],
            "SOAK_OUT": str(raw),
            "SOAK_DURATION": str(duration),
            "SOAK_PACE": str(args.pace),
        }
        load_before = os.getloadavg()
        sampler = MemorySampler(server.pid)
        first = sampler.sample()
        sampler.start()
        log(
            f"{duration} s: {args.phones} phones every {args.pace:g} s, projector every 2 s, "
            f"lead (load average {load_before[0]:.2f}; workers {first['rss_mb']} MB)"
        )
        data = run_locust(
            "locust_soak.py",
            locust_env,
            users=args.phones + 2,
            spawn_rate=(args.phones + 2) / args.ramp,
            run_time=duration + DRAIN_SECONDS,
            out=raw,
            log_file=workdir / "locust.log",
        )
        last = sampler.stop()
        load_after = os.getloadavg()
        if server.poll() is not None:
            raise BenchError("gunicorn exited during the soak")
        server_steps, server_errors, first_5xx = access_log(workdir, offset, setup)
        counts = database_counts(url, setup)
        pg_version = postgres_version(url)
    except BenchError:
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

    start = next((s for s in sampler.samples if s["t_s"] >= args.settle), sampler.samples[0])
    growth = round((last["rss_mb"] - start["rss_mb"]) / start["rss_mb"] * 100, 1)
    tally, last_ballot = data["tally"], data["last_ballot"]
    stale = sum(
        1
        for pid, values in counts["ballots"].items()
        if pid not in last_ballot or _normal(values) != _normal(last_ballot[pid])
    )
    timings = data["timings"]
    result = {
        "minutes": args.minutes,
        "errors": len(data["failures"]) + server_errors,
        "ballots_sent": len(last_ballot),
        "ballots_in_db": len(counts["ballots"]),
        "ballots_stale": stale,
        "journeys_unfinished": tally.get("journeys_started", 0) - tally.get("journeys_done", 0),
        "ballot_posts_accepted": tally.get("ballot_posts_accepted", 0),
        "notes_sent": tally.get("notes_sent", 0),
        "notes_in_db": counts["notes"],
        "rss_growth_pct": growth,
        "rss_mb": {
            "start": start["rss_mb"],
            "start_at_s": start["t_s"],
            "end": last["rss_mb"],
            "before_load": first["rss_mb"],
            "workers_start": start["workers"],
            "workers_end": last["workers"],
            "samples": [[s["t_s"], s["rss_mb"]] for s in sampler.samples],
        },
        "p95_ms": {name: summary(values)["p95_ms"] for name, values in sorted(timings.items())},
        "requests": {name: summary(values) for name, values in sorted(timings.items())},
        "server_time": server_steps,
        "tally": dict(sorted(tally.items())),
        "first_errors": data["failures"][:10] + [{"name": "5xx", "error": e} for e in first_5xx],
        "phones": args.phones,
        "pace_s": args.pace,
        "gunicorn_workers": args.workers,
        "gunicorn_timeout_s": args.timeout,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "machine": {**machine(), "postgresql": pg_version},
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": commit,
    }
    OUT.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    log(f"wrote {OUT.relative_to(ROOT)}")
    problems = []
    if result["errors"]:
        problems.append(f"{result['errors']} errors: {result['first_errors'][:3]}")
    if result["ballots_in_db"] != result["ballots_sent"] or stale:
        problems.append(
            f"ballots: {result['ballots_sent']} voters accepted, {result['ballots_in_db']} rows, "
            f"{stale} stale"
        )
    if result["journeys_unfinished"]:
        problems.append(f"{result['journeys_unfinished']} journeys did not finish")
    if result["notes_in_db"] != result["notes_sent"]:
        problems.append(f"notes: {result['notes_sent']} accepted, {result['notes_in_db']} rows")
    if growth > MAX_RSS_GROWTH_PCT:
        problems.append(f"workers' RSS grew {growth} % ({start['rss_mb']} → {last['rss_mb']} MB)")
    log(
        f"errors {result['errors']}, ballots {result['ballots_sent']}/{result['ballots_in_db']}, "
        f"notes {result['notes_sent']}/{result['notes_in_db']}, RSS {start['rss_mb']} → "
        f"{last['rss_mb']} MB ({growth:+} %)"
    )
    for problem in problems:
        log(f"FAILED: {problem}")
    return 1 if problems else 0


def main() -> int:
    parser = argparse.ArgumentParser(description="Soak test: the workshop journey for minutes.")
    parser.add_argument("--minutes", type=float, default=10, help="length of the load (10)")
    parser.add_argument("--phones", type=int, default=300, help="phones with personal links")
    parser.add_argument("--pace", type=float, default=120, help="s between a phone's journeys")
    parser.add_argument("--ramp", type=float, default=30, help="s to start the phones")
    parser.add_argument(
        "--settle",
        type=float,
        default=None,
        help="s of load before the start sample of memory (default: a fifth, at most 60)",
    )
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument(
        "--timeout",
        type=int,
        default=120,
        help="gunicorn's worker timeout in s (the PDF under load can take longer than 30 s)",
    )
    parser.add_argument("--keep-temp", action="store_true", help="keep logs and token files")
    args = parser.parse_args()
    if not 1 <= args.minutes <= 120:
        parser.error("--minutes must be between 1 and 120")
    if not 1 <= args.phones <= 2000 or not 10 <= args.pace <= 600:
        parser.error("--phones must be 1-2000 and --pace 10-600 s")
    if args.settle is None:
        args.settle = min(60.0, args.minutes * 60 / 5)
    try:
        return soak(args)
    except BenchError as exc:
        log(f"cannot run the soak test: {exc}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
