"""`make api-fuzz`: schemathesis against the live app, as an officer and anonymously (issue 13 §4).

    .venv/bin/python scripts/api_fuzz.py                      # what `make test` runs
    .venv/bin/python scripts/api_fuzz.py --cases 100 --phases examples,coverage,fuzzing,stateful
    .venv/bin/python scripts/api_fuzz.py --seed 7 --keep      # another seed; keep the database

Builds a throwaway SQLite database in a temporary folder (migrate, `load_reference`,
`load_demo`), serves it with gunicorn on a free 127.0.0.1 port (the test settings: immediate
tasks, in-memory email, uploads in the same folder), signs in the demo officer `kemendagri`
through `POST /api/v1/auth/token/`, then runs `schemathesis run` against the live
`/api/v1/schema/` twice with a fixed seed: with the officer's token (reads and writes: the
database is thrown away) and without credentials. Checks: no 5xx (`not_a_server_error`),
responses match their documented schema, status code and content type.

Prints the counts and exits 1 on any failure, on a schemathesis error, or when a pass ran
fewer than --min-cases cases. `--json PATH` writes the counts (bench/api_fuzz.py reads them).
"""

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
SEED = 20261206
CHECKS = [
    "not_a_server_error",
    "response_schema_conformance",
    "status_code_conformance",
    "content_type_conformance",
]
# Failure types in schemathesis' JSON report (schemathesis.failure_codes): a 5xx, and a body
# that is not what the schema documents.
SERVER_ERROR_CHECKS = {"ServerError", "ContentTypeServerError"}
SCHEMA_CHECKS = {"JsonSchemaError", "MalformedJson", "ContentDeserializationError"}
OFFICER = "kemendagri"  # the demo officer of Kemendagri's Pusat Fasker (mitra.demo.users)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=SEED, help="default %(default)s")
    parser.add_argument(
        "--cases", type=int, default=15, help="most cases per operation and phase (%(default)s)"
    )
    parser.add_argument(
        "--phases", default="examples,fuzzing,stateful", help="schemathesis phases (%(default)s)"
    )
    parser.add_argument("--workers", type=int, default=2, help="schemathesis workers")
    parser.add_argument("--server-workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument(
        "--min-cases", type=int, default=1000, help="fewer cases in a pass fail the run"
    )
    parser.add_argument("--json", default="", help="write the counts to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument(
        "--only", default="officer,anonymous", help="which passes (officer,anonymous)"
    )
    return parser.parse_args(argv)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def django_env(folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.test",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        MITRA_MEDIA_ROOT=str(folder / "media"),
        # Empty, not removed: a .env file may not override it (config/settings/test.py).
        TEST_DATABASE_URL="",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    command = [sys.executable, "manage.py", *args]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        print(done.stdout[-3000:], done.stderr[-3000:], sep="\n", file=sys.stderr)
        raise SystemExit(f"api-fuzz: `manage.py {args[0]}` failed.")
    return done.stdout


def build_database(env: dict[str, str]) -> None:
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "load_reference")
    manage(env, "load_demo")


def request(url: str, data: dict[str, Any] | None = None) -> tuple[int, bytes]:
    body = json.dumps(data).encode() if data is not None else None
    headers = {"Content-Type": "application/json"} if body is not None else {}
    req = urllib.request.Request(url, data=body, headers=headers)  # noqa: S310 (our own server)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:  # noqa: S310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_until_up(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            print(log.read_text()[-3000:], file=sys.stderr)
            raise SystemExit("api-fuzz: the server stopped while starting.")
        try:
            if request(f"{base}/api/v1/schema/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit("api-fuzz: the server did not answer within 60 s.")


def officer_token(base: str, env: dict[str, str]) -> str:
    """A token for the demo officer, obtained the way an integrator does."""
    password = manage(
        env, "shell", "-c", "from mitra.demo.users import DEMO_PASSWORD as p; print(p)"
    )
    status, body = request(
        f"{base}/api/v1/auth/token/",
        # The last line: `shell` first says how many objects it imported.
        {"username": OFFICER, "password": password.strip().splitlines()[-1], "name": "api-fuzz"},
    )
    if status != 200:
        raise SystemExit(f"api-fuzz: no token for {OFFICER}: {status} {body[:300]!r}")
    return str(json.loads(body)["token"])


def run_pass(
    name: str, args: argparse.Namespace, base: str, folder: Path, token: str | None
) -> dict[str, Any]:
    report = folder / f"{name}.json"
    command = [
        str(VENV_BIN / "schemathesis"),
        "run",
        f"{base}/api/v1/schema/",
        "--seed",
        str(args.seed),
        "--max-examples",
        str(args.cases),
        "--workers",
        str(args.workers),
        "--phases",
        args.phases,
        "--checks",
        ",".join(CHECKS),
        "--generation-database",
        "none",
        "--request-timeout",
        "60",
        "--report",
        "json",
        "--report-json-path",
        str(report),
        "--no-color",
    ]
    if token:
        command += ["--header", f"Authorization: Token {token}"]
    started = time.monotonic()
    output = folder / f"{name}.txt"
    with output.open("w") as out:
        done = subprocess.run(
            command, cwd=folder, stdout=out, stderr=subprocess.STDOUT, check=False
        )
    seconds = time.monotonic() - started
    if not report.exists():
        print(output.read_text()[-5000:], file=sys.stderr)
        raise SystemExit(f"api-fuzz: schemathesis wrote no report for the {name} pass.")
    document = json.loads(report.read_text())
    failures = document.get("failures") or []
    counts = {
        "cases": int(document["test_cases"]["generated"]),
        "server_errors": sum(f["count"] for f in failures if f["type"] in SERVER_ERROR_CHECKS),
        "schema_violations": sum(f["count"] for f in failures if f["type"] in SCHEMA_CHECKS),
        "other_failures": sum(
            f["count"] for f in failures if f["type"] not in SERVER_ERROR_CHECKS | SCHEMA_CHECKS
        ),
        "errors": sum(e["count"] for e in document.get("errors") or []),
        "operations": (document.get("operations") or {}).get("tested", 0),
        "seconds": round(seconds, 1),
        "exit_code": done.returncode,
    }
    counts["ok"] = (
        done.returncode == 0
        and not counts["server_errors"]
        and not counts["schema_violations"]
        and not counts["other_failures"]
        and not counts["errors"]
        and counts["cases"] >= args.min_cases
    )
    if not counts["ok"]:
        text = output.read_text()
        start = text.find("FAILURES")
        print(text[start - 100 if start > 0 else -8000 :][:20000], file=sys.stderr)
    return counts


def server_tracebacks(log: Path) -> str:
    lines = log.read_text(errors="replace").splitlines()
    return "\n".join(line for line in lines if "Error" in line or "Traceback" in line)[-4000:]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    passes = [p.strip() for p in args.only.split(",") if p.strip()]
    folder = Path(tempfile.mkdtemp(prefix="mitra-api-fuzz-"))
    env = django_env(folder)
    started = time.monotonic()
    print(f"api-fuzz: building the demo database in {folder}…", flush=True)
    build_database(env)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = folder / "server.log"
    with log.open("wb") as server_out:
        server = subprocess.Popen(  # noqa: S603 (fixed command)
            [
                str(VENV_BIN / "gunicorn"),
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.server_workers),
                "--timeout",
                "120",
                # No cap on the request line and header sizes: a long query string reaches the
                # app (whose answer is under test), not gunicorn's own HTML 414. A deployment's
                # proxy sets its own caps; those answers are not the API's.
                "--limit-request-line",
                "0",
                "--limit-request-field_size",
                "0",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=server_out,
            stderr=subprocess.STDOUT,
        )
    results: dict[str, Any] = {}
    try:
        wait_until_up(base, server, log)
        token = officer_token(base, env)
        for name in passes:
            print(f"api-fuzz: {name} pass (seed {args.seed})…", flush=True)
            results[name] = run_pass(name, args, base, folder, token if name == "officer" else None)
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    summary = {
        "seed": args.seed,
        "phases": args.phases,
        "max_examples": args.cases,
        "cases": sum(r["cases"] for r in results.values()),
        "server_errors": sum(r["server_errors"] for r in results.values()),
        "schema_violations": sum(r["schema_violations"] for r in results.values()),
        "other_failures": sum(r["other_failures"] for r in results.values()),
        "passes": results,
        "seconds": round(time.monotonic() - started, 1),
    }
    for name, r in results.items():
        print(
            f"api-fuzz {name:<9}: {r['cases']:>6} cases on {r['operations']} operations, "
            f"{r['server_errors']} server errors, {r['schema_violations']} schema violations, "
            f"{r['other_failures']} other failures, {r['errors']} errors ({r['seconds']} s)"
        )
        if r["cases"] < args.min_cases:
            print(f"api-fuzz {name:<9}: fewer cases than --min-cases {args.min_cases}")
    ok = all(r["ok"] for r in results.values()) and len(results) == len(passes)
    if not ok:
        print("api-fuzz: server log (errors):\n" + server_tracebacks(log), file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=2) + "\n")
    if args.keep or not ok:
        print(f"api-fuzz: reports and the database are in {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"api-fuzz: {'passed' if ok else 'FAILED'} in {summary['seconds']} s.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
