"""The load test: gunicorn on 127.0.0.1 over the benchmark database, a crowd of simulated
users (locust, bench/load/locustfile.py), the figures printed and checked against targets.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/insidesales_bench \\
        .venv/bin/python bench/load/run.py [--mode crowd|step|soak] [--workers 5 --threads 4]

Modes:
- ``crowd`` (default): ``--users`` 200 people with 5–15 s of thought between steps for
  ``--minutes`` 5 (plus the ramp); targets: no error and p95 ≤ ``--p95`` 300 ms.
- ``step``: people with ``--think`` 1,3 s added ``--step`` 20 every 30 s up to 300, to find
  the knee: the highest request rate whose p95 stays within the target; the target is
  ≥ ``--rps`` 60 requests/s there.
- ``soak``: the crowd for ``--minutes`` 20; memory of every gunicorn worker (RSS, sampled
  every 15 s) must stay flat: growth after the first 2 minutes ≤ ``--memory-growth`` 10%.

Needs the benchmark data set (bench/seed.py), locust (``pip install -e '.[load]'``) and
Redis on 127.0.0.1:6379 (the access cache, shared by the workers as in production). Every
request goes to 127.0.0.1 only; the run stops by itself. Exits non-zero when a target is
missed. The created and edited files stay in the bench database (marked 壓測客戶 / "load
test"); re-seed with ``bench/seed.py --reset`` for a clean one.
"""

import argparse
import contextlib
import csv
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
OUT = ROOT / "var" / "load"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")


# --- the plan: who signs in and what each may open ------------------------------------------


def write_plan(path, per_role=40, per_user=40):
    import django

    django.setup()
    from django.db.models import Q

    from core import periods
    from core.demo import DEMO_PASSWORD
    from core.models import User
    from customers.models import Customer
    from reports import services as reports
    from reports.models import ReportSnapshot

    roles = {
        "salesperson": Q(username__startswith="sales"),
        "clerk": Q(username__startswith="clerk"),
        "supervisor": Q(username__startswith="sup"),
        "manager": Q(username__startswith="mgr"),
    }
    period = reports.closed_period(periods.PeriodKind.MONTH)
    done = ReportSnapshot.Status.DONE
    for scope in reports.scheduled_scopes():
        if not ReportSnapshot.objects.filter(
            scope_key=scope.key, period_start=period.start, period_kind=period.kind, status=done
        ).exists():
            print(
                f"  generating the {scope.label()} report of {period.start:%Y-%m}…", file=sys.stderr
            )
            snapshot = reports.snapshot_request(scope=scope, period=period)
            reports.snapshot_generate(snapshot_id=snapshot.pk, generation=snapshot.generation)
    plan = {"password": DEMO_PASSWORD, "users": {}, "names": [], "list_filters": []}
    for role, match in roles.items():
        people = []
        for user in User.objects.filter(match, is_active=True).order_by("username")[:per_role]:
            rows = list(
                Customer.objects.visible_to(user)
                .filter(archived=False, id_type="prc_id")
                .order_by("pk")
                .only("pk", "id_number")[: per_user * 50 : 50]
            ) or list(Customer.objects.visible_to(user).order_by("pk")[:per_user])
            team = getattr(getattr(user, "employee", None), "team_id", None)
            reports_seen = [
                s.pk
                for s in ReportSnapshot.objects.filter(status=done, period_start=period.start)
                if reports.may_view(user, s)
            ]
            people.append(
                {
                    "username": user.username,
                    "team": team,
                    "customers": [c.pk for c in rows],
                    "id_numbers": [[c.pk, c.id_number] for c in rows[:10] if c.id_number],
                    "reports": reports_seen,
                    "may_export": user.has_perm("customers.export_customer"),
                }
            )
        if people:
            plan["users"][role] = people
    plan["names"] = sorted({c.name[:1] for c in Customer.objects.order_by("pk")[:500]})[:30]
    plan["list_filters"] = [
        {},
        {"stage": "intending"},
        {"stage": "customer"},
        {"sort": "-updated"},
        {"page": "2"},
    ]
    path.write_text(json.dumps(plan, ensure_ascii=False))
    return plan


# --- the server ------------------------------------------------------------------------


def start_server(opts):
    env = dict(os.environ)
    env.setdefault("CACHE_URL", "redis://127.0.0.1:6379/13")
    env.setdefault("CACHE_KEY_PREFIX", f"load{os.getpid()}")
    env["ACCESS_CACHE_SECONDS"] = "300"
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "config.wsgi",
        "--bind", f"127.0.0.1:{opts.port}",
        "--workers", str(opts.workers),
        "--threads", str(opts.threads),
        "--timeout", "120",
        # Longer than the longest thought: a connection the server closes just as the client
        # reuses it is reset (a race of the test's own making; a proxy in front avoids it).
        "--keep-alive", "20",
        "--log-level", "warning",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    for _ in range(120):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{opts.port}/healthz", timeout=2):
                return server
        except OSError:
            time.sleep(0.5)
    stop(server)
    sys.exit("gunicorn did not answer on /healthz within a minute")


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def worker_memory(server):
    """RSS in MB of each gunicorn worker (the master's children)."""
    sizes = {}
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    for pid in children.read_text().split() if children.exists() else ():
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes[int(pid)] = int(line.split()[1]) / 1024
        except OSError:
            continue
    return sizes


# --- the crowd -------------------------------------------------------------------------


def run_locust(opts, plan_path, prefix):
    env = dict(os.environ)
    env["LOAD_PLAN"] = str(plan_path)
    env["LOAD_SERIAL_START"] = str(int(time.time()) % 10_000_000 * 10)
    env["LOAD_THINK"] = opts.think
    command = [
        str(ROOT / ".venv" / "bin" / "locust"),
        "-f", str(Path(__file__).with_name("locustfile.py")),
        "--headless",
        "--host", f"http://127.0.0.1:{opts.port}",
        "--csv", str(prefix),
        "--csv-full-history",
        "--only-summary",
        "--stop-timeout", "10",
    ]  # fmt: skip
    if opts.mode == "step":
        env["LOAD_STEP"] = opts.step
        seconds = int(opts.step.split(",")[1]) * (
            int(opts.step.split(",")[2]) // int(opts.step.split(",")[0])
        )
    else:
        seconds = int(opts.minutes * 60)
        command += [
            "--users",
            str(opts.users),
            "--spawn-rate",
            str(opts.spawn_rate),
            "--run-time",
            f"{seconds}s",
        ]
    return subprocess.Popen(command, cwd=ROOT, env=env), seconds


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _num(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=("crowd", "step", "soak"), default="crowd")
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--spawn-rate", type=float, default=5)
    parser.add_argument("--minutes", type=float, default=None)
    parser.add_argument("--think", default=None, help="seconds between steps, min,max")
    parser.add_argument("--step", default="20,30,300", help="users,seconds,max (step mode)")
    parser.add_argument("--workers", type=int, default=5)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--p95", type=float, default=300, help="target p95 in ms")
    parser.add_argument("--rps", type=float, default=60, help="target requests/s (step mode)")
    parser.add_argument("--memory-growth", type=float, default=10, help="soak: max growth %")
    opts = parser.parse_args()
    opts.minutes = opts.minutes or {"crowd": 5, "step": 0, "soak": 20}[opts.mode]
    opts.think = opts.think or ("1,3" if opts.mode == "step" else "5,15")

    OUT.mkdir(parents=True, exist_ok=True)
    plan_path = OUT / "plan.json"
    print("writing the plan…", file=sys.stderr)
    write_plan(plan_path)
    server = start_server(opts)
    prefix = OUT / opts.mode
    samples = []
    try:
        crowd, seconds = run_locust(opts, plan_path, prefix)
        started = time.monotonic()
        while crowd.poll() is None:
            samples.append((time.monotonic() - started, worker_memory(server)))
            with contextlib.suppress(subprocess.TimeoutExpired):
                crowd.wait(15)
        samples.append((time.monotonic() - started, worker_memory(server)))
    finally:
        stop(server)

    stats = read_rows(f"{prefix}_stats.csv")
    total = next(r for r in stats if r["Name"] == "Aggregated")
    requests, failures = int(_num(total["Request Count"])), int(_num(total["Failure Count"]))
    p95, rps = _num(total["95%"]), _num(total["Requests/s"])
    print(
        f"\n## Load test ({opts.mode}, gunicorn {opts.workers} workers × {opts.threads} threads)\n"
    )
    print("| step | requests | failures | median ms | p95 ms | max ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in sorted(stats, key=lambda r: r["Name"] == "Aggregated"):
        print(
            f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | "
            f"{row['50%']} | {row['95%']} | {_num(row['Max Response Time']):.0f} |"
        )
    missed = []
    print(f"\n{requests} requests, {failures} failures, {rps:.1f} requests/s, p95 {p95:.0f} ms")
    if failures:
        missed.append(f"{failures} failed requests (see {prefix}_failures.csv)")
    if opts.mode == "step":
        history = [r for r in read_rows(f"{prefix}_stats_history.csv") if r["Name"] == "Aggregated"]
        within = [
            (_num(r["Requests/s"]), _num(r["User Count"]), _num(r["95%"]))
            for r in history
            if 0 < _num(r["95%"]) <= opts.p95
        ]
        best = max(within, default=(0, 0, 0))
        print(f"knee: {best[0]:.1f} requests/s with {best[1]:.0f} users at p95 {best[2]:.0f} ms")
        if best[0] < opts.rps:
            missed.append(f"p95 ≤ {opts.p95:.0f} ms held only up to {best[0]:.1f} requests/s")
    elif p95 > opts.p95:
        missed.append(f"p95 {p95:.0f} ms over {opts.p95:.0f} ms")
    late = [s for s in samples if s[0] >= 120] if opts.mode == "soak" else samples
    if late and late[0][1]:
        first, last = late[0][1], late[-1][1]
        print("\nworker memory (MB, RSS): " + ", ".join(
            f"{first[pid]:.0f} → {last.get(pid, 0):.0f}" for pid in sorted(first)
        ))  # fmt: skip
        if opts.mode == "soak":
            for pid in first:
                if pid in last and last[pid] > first[pid] * (1 + opts.memory_growth / 100):
                    missed.append(f"worker {pid} grew {first[pid]:.0f} → {last[pid]:.0f} MB")
    if missed:
        print("\nMISSED: " + "; ".join(missed))
        sys.exit(1)
    print("\nall targets met")


if __name__ == "__main__":
    main()
