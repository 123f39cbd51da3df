#!/usr/bin/env python
"""`make loadtest`: Mitra's throughput under Debian's `wrk` (issue 13 §6).

Builds or reuses the PostgreSQL bench database (bench/run.py), starts gunicorn with the
production settings on 127.0.0.1 (Redis as the cache when it answers) and one
`manage.py task_worker`, signs in the Kemendagri officer and takes an API token, then drives
each page with wrk (16 connections, LOADTEST_SECONDS each, default 20) and writes
bench/results/load.json:

    {"pages": {NAME: {"rps": N, "p50_ms": X, "p99_ms": Y, "errors": N}}, ...}

Pages: public_directory (anonymous), dashboard (Kemendagri's home), api_agreement_list, and
public_directory_hostile_imports (the directory while hostile XLSX files are uploaded to the
import screen in a loop). LOADTEST_SOAK=600 adds a soak: the directory, the API list and the
homes of several officials (SOAK_USERS) in turn, first LOADTEST_SOAK_WARMUP seconds (default
360: longer than the page cache's 300 s, so every cached page has been rendered again by some
worker) that are not measured, then LOADTEST_SOAK seconds sampling the workers' RSS every 10 s
(`soak.rss_mb`, per worker `soak.workers_rss_mb`), with the growth over that window, its
least-squares slope and `soak.flat` (growth under SOAK_FLAT_PERCENT of the first sample). A
worker's RSS climbs while it serves each kind of page for the first time (templates compiled,
imports, the allocator's high-water mark of the largest render) and then stays put: the
warm-up keeps that climb out of the measured window. Errors are non-2xx/3xx answers plus
socket errors (connect, read, write, timeout).

Environment: LOADTEST_SECONDS, LOADTEST_WARMUP (3 s of untimed load first), LOADTEST_SOAK,
LOADTEST_SOAK_WARMUP,
LOADTEST_WORKERS (gunicorn's, default 2 x cores + 1), LOADTEST_CONNECTIONS (16),
LOADTEST_PORT (8765), LOADTEST_DATABASE_URL (the bench database), LOADTEST_REDIS_URL
(redis://127.0.0.1:6379/3; "" for the database cache), LOADTEST_SKIP_BUILD=1 (use the bench
database as it is), LOADTEST_OUTPUT.
"""

from __future__ import annotations

import http.client
import io
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
HOST = "127.0.0.1"
PORT = int(os.environ.get("LOADTEST_PORT", "8765"))
SECONDS = int(os.environ.get("LOADTEST_SECONDS", "20"))
SOAK = int(os.environ.get("LOADTEST_SOAK", "0"))
SOAK_WARMUP = int(os.environ.get("LOADTEST_SOAK_WARMUP", "360"))
SOAK_FLAT_PERCENT = 2.0
# Officials whose homes the soak opens besides Kemendagri's (demo users, mitra/demo/users.py):
# a home is cached per user, so several users keep renders happening on every worker.
SOAK_USERS = ("kemlu", "ktln", "jateng", "kemenkes", "polpum")
WARMUP = int(os.environ.get("LOADTEST_WARMUP", "3"))  # seconds of untimed load per page
CONNECTIONS = int(os.environ.get("LOADTEST_CONNECTIONS", "16"))
CORES = os.cpu_count() or 1
WORKERS = int(os.environ.get("LOADTEST_WORKERS", str(2 * CORES + 1)))
DATABASE_URL = os.environ.get(
    "LOADTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/mitra_bench"
)
REDIS_URL = os.environ.get("LOADTEST_REDIS_URL", "redis://127.0.0.1:6379/3")
OUTPUT = Path(os.environ.get("LOADTEST_OUTPUT", ROOT / "bench" / "results" / "load.json"))
USERNAME, PASSWORD = "kemendagri", "mitra-demo-2024"  # the demo officer (mitra/demo/users.py)

REPORT_LUA = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, '
    .. '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end
"""

ROTATE_LUA = """
local reqs = {}
local i = 0
init = function(args)
  for n = 1, #args, 2 do
    local headers = {}
    if args[n + 1] ~= "-" then
      local name, value = args[n + 1]:match("^([^:]+):%s*(.*)$")
      headers[name] = value
    end
    reqs[#reqs + 1] = wrk.format("GET", args[n], headers)
  end
end
request = function()
  i = i % #reqs + 1
  return reqs[i]
end
"""


def log(message: str) -> None:
    print(f"[loadtest {time.strftime('%H:%M:%S')}] {message}", flush=True)


# --- setting up ----------------------------------------------------------------------------


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    log("installing Debian's wrk (apt-get install wrk)")
    install = ["apt-get", "install", "-y", "-qq", "wrk"]
    if subprocess.run(install, capture_output=True).returncode != 0:
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(install, check=True, capture_output=True)
    found = shutil.which("wrk")
    if not found:
        sys.exit("wrk is missing and could not be installed: apt-get install wrk")
    return found


def ensure_bench_database() -> None:
    """bench/run.py builds the data set once (a few minutes) and afterwards only migrates it."""
    if os.environ.get("LOADTEST_SKIP_BUILD") == "1":
        return
    log("building or reusing the bench database (bench/run.py)")
    with tempfile.TemporaryDirectory() as tmp:
        command = [
            PY, "bench/run.py", "--database-url", DATABASE_URL, "--only", "public_directory",
            "--repeat", "1", "--warmup", "1", "--no-jobs", "--output", f"{tmp}/bench.json",
        ]  # fmt: skip
        subprocess.run(command, cwd=ROOT, check=True)


def redis_answers(url: str) -> bool:
    if not url:
        return False
    match = re.match(r"redis://([^:/]+):?(\d*)", url)
    if not match:
        return False
    try:
        with socket.create_connection((match[1], int(match[2] or 6379)), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def server_env(redis_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secrets.token_hex(32),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_SSL_REDIRECT="0",  # plain HTTP on 127.0.0.1
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=redis_url,
        # The task worker is not running: a notice's email stays queued.
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend",
    )
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True)


def start_gunicorn(env: dict[str, str], logfile: Path) -> subprocess.Popen:
    log(f"starting gunicorn: {WORKERS} workers on {HOST}:{PORT}")
    out = logfile.open("w")
    process = subprocess.Popen(
        [GUNICORN, "config.wsgi", "--workers", str(WORKERS), "--bind", f"{HOST}:{PORT}",
         "--timeout", "60", "--error-logfile", "-"],
        cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"gunicorn stopped; see {logfile}")
        try:
            if request("GET", "/healthz")[0] == 200:
                return process
        except OSError:
            pass
        time.sleep(0.5)
    process.terminate()
    sys.exit(f"gunicorn did not answer within 60 s; see {logfile}")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- HTTP without a cookie jar (the production cookies are Secure; this is plain HTTP) ---------


def request(
    method: str,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    timeout: float = 60,
) -> tuple[int, dict[str, list[str]], bytes]:
    connection = http.client.HTTPConnection(HOST, PORT, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers={"Host": HOST, **(headers or {})})
        response = connection.getresponse()
        received: dict[str, list[str]] = {}
        for name, value in response.getheaders():
            received.setdefault(name.lower(), []).append(value)
        return response.status, received, response.read()
    finally:
        connection.close()


def cookies(headers: dict[str, list[str]]) -> dict[str, str]:
    found = {}
    for line in headers.get("set-cookie", []):
        name, _, rest = line.partition("=")
        found[name.strip()] = rest.split(";", 1)[0]
    return found


def csrf_from(body: bytes) -> str:
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if not match:
        sys.exit("no CSRF token in the page")
    return match[1].decode()


def sign_in(username: str = USERNAME) -> dict[str, str]:
    """The user's cookies (session and CSRF), through the real sign-in form."""
    status, headers, body = request("GET", "/en/accounts/login/")
    jar = cookies(headers)
    form = (
        f"csrfmiddlewaretoken={csrf_from(body)}&username={username}&password={PASSWORD}"
    ).encode()
    status, headers, _ = request(
        "POST",
        "/en/accounts/login/",
        headers={
            "Cookie": "; ".join(f"{k}={v}" for k, v in jar.items()),
            "Content-Type": "application/x-www-form-urlencoded",
        },
        body=form,
    )
    jar.update(cookies(headers))
    if status != 302 or "sessionid" not in jar:
        sys.exit(f"sign-in of {username} failed: HTTP {status}")
    return jar


def api_token() -> str:
    body = json.dumps({"username": USERNAME, "password": PASSWORD, "name": "loadtest"}).encode()
    status, _, answer = request(
        "POST", "/api/v1/auth/token/", headers={"Content-Type": "application/json"}, body=body
    )
    if status not in (200, 201):
        sys.exit(f"no API token: HTTP {status} {answer[:200]!r}")
    return json.loads(answer)["token"]


# --- wrk -----------------------------------------------------------------------------------


def wrk_version(wrk: str) -> str:
    first = subprocess.run([wrk, "-v"], capture_output=True, text=True).stdout.split("\n")[0]
    return first.split(" [")[0]


def run_wrk(wrk: str, path: str, seconds: int, header: str = "", script: str = REPORT_LUA,
            args: list[str] | None = None) -> dict[str, Any]:  # fmt: skip
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as lua:
        lua.write(script)
    command = [
        wrk, "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "10s", "--latency",
        "-s", lua.name,
    ]  # fmt: skip
    if header:
        command += ["-H", header]
    command.append(f"http://{HOST}:{PORT}{path}")
    if args:
        command += ["--", *args]
    try:
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(lua.name)
    line = next(ln for ln in output.splitlines() if ln.startswith("WRKJSON "))
    raw = json.loads(line.removeprefix("WRKJSON "))
    errors = sum(raw[k] for k in ("connect", "read", "write", "status", "timeout"))
    return {
        "rps": round(raw["requests"] / (raw["duration_us"] / 1e6), 1),
        "p50_ms": round(raw["p50_us"] / 1000, 1),
        "p99_ms": round(raw["p99_us"] / 1000, 1),
        "errors": errors,
        "requests": raw["requests"],
        "error_kinds": {k: raw[k] for k in ("connect", "read", "write", "status", "timeout")},
    }


def check_page(path: str, header: str = "") -> None:
    headers = dict([header.split(": ", 1)]) if header else {}
    status, _, body = request("GET", path, headers=headers)
    if status != 200:
        sys.exit(f"{path} answered {status}: {body[:300]!r}")


# --- hostile imports -------------------------------------------------------------------------


def hostile_files() -> list[tuple[str, bytes]]:
    """XLSX files an attacker or a careless user might send: a zip bomb (a sheet of ~100 MB of
    XML compressed to a few hundred KB), a large sheet of nonsense rows, and bytes that are
    not a workbook at all."""
    from openpyxl import Workbook

    big = Workbook()
    sheet = big.active
    sheet.append(["agreement", "title", "province", "start", "end", "status"])
    for n in range(20_000):
        sheet.append([f"NOPE-{n}", "x" * 200, "Atlantis", "31/02/2025", "yesterday", "??"])
    big_bytes = io.BytesIO()
    big.save(big_bytes)

    small = Workbook()
    small.active.append(["agreement"])
    buffer = io.BytesIO()
    small.save(buffer)
    bomb = io.BytesIO()
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                row = (
                    b'<row r="1"><c r="A1" t="inlineStr"><is><t>'
                    + b"A" * 1000
                    + b"</t></is></c></row>"
                )
                data = (
                    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
                    b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                    + row * 100_000
                    + b"</sheetData></worksheet>"
                )
            out.writestr(item, data)
    return [
        ("bomb.xlsx", bomb.getvalue()),
        ("nonsense.xlsx", big_bytes.getvalue()),
        ("not-a-workbook.xlsx", os.urandom(200_000)),
    ]


def multipart(fields: dict[str, str], filename: str, content: bytes) -> tuple[str, bytes]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        disposition = f'Content-Disposition: form-data; name="{name}"'
        parts.append(f"--{boundary}\r\n{disposition}\r\n\r\n{value}\r\n".encode())
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        "\r\n\r\n".encode()
    )
    parts.append(content + b"\r\n" + f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", b"".join(parts)


class HostileUploader(threading.Thread):
    def __init__(self, jar: dict[str, str], files: list[tuple[str, bytes]]):
        super().__init__(daemon=True)
        self.jar = jar
        self.files = files
        self.stop_event = threading.Event()
        self.sending = threading.Event()
        self.statuses: dict[str, int] = {}
        self.uploads = 0
        self.seconds: list[float] = []

    def run(self) -> None:
        files = self.files
        cookie = "; ".join(f"{k}={v}" for k, v in self.jar.items())
        n = 0
        while not self.stop_event.is_set():
            _, _, page = request("GET", "/en/intake/import/", headers={"Cookie": cookie})
            name, content = files[n % len(files)]
            n += 1
            kind = "activities" if n % 2 else "reports"
            content_type, body = multipart(
                {"csrfmiddlewaretoken": csrf_from(page), "kind": kind}, name, content
            )
            started = time.monotonic()
            self.sending.set()
            try:
                status, _, _ = request(
                    "POST",
                    "/en/intake/import/",
                    headers={"Cookie": cookie, "Content-Type": content_type},
                    body=body,
                    timeout=120,
                )
                key = str(status)
            except OSError as error:
                key = type(error).__name__
            self.seconds.append(round(time.monotonic() - started, 2))
            self.statuses[key] = self.statuses.get(key, 0) + 1
            self.uploads += 1


JOBS_CODE = """
import json, time
from django.db.models import Count
from mitra.jobs.models import Job
jobs = Job.objects.filter(created_at__gte=SINCE)
deadline = time.monotonic() + WAIT
while jobs.filter(status__in=["queued", "running"]).exists() and time.monotonic() < deadline:
    time.sleep(2)
rows = jobs.values("status", "error").annotate(n=Count("id")).order_by("-n")
print("JOBS " + json.dumps([
    {"status": r["status"], "error": r["error"][:100], "jobs": r["n"]} for r in rows
]))
"""


def import_jobs(env: dict[str, str], since: str, wait: int = 180) -> list[dict[str, Any]]:
    """How the task worker ended the jobs of the hostile uploads (waits for it to finish)."""
    code = JOBS_CODE.replace("SINCE", repr(since)).replace("WAIT", str(wait))
    output = subprocess.run(
        [PY, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, capture_output=True,
        text=True, check=True,
    ).stdout  # fmt: skip
    line = next(ln for ln in output.splitlines() if ln.startswith("JOBS "))
    return json.loads(line.removeprefix("JOBS "))


# --- memory --------------------------------------------------------------------------------


def worker_rss_mb(master_pid: int) -> dict[int, float]:
    """The resident size of each of the master's workers, by process id."""
    sizes: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid != master_pid:
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes[int(entry.name)] = round(int(line.split()[1]) / 1024, 1)
        except (OSError, ValueError, IndexError):
            continue
    return dict(sorted(sizes.items()))


def slope_per_minute(samples: list[float], interval_s: int) -> float:
    """The least-squares slope of `samples` (taken every `interval_s`), in units per minute."""
    n = len(samples)
    if n < 2:
        return 0.0
    xs = [i * interval_s / 60 for i in range(n)]
    mean_x, mean_y = sum(xs) / n, sum(samples) / n
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, samples, strict=True))
    return covariance / sum((x - mean_x) ** 2 for x in xs)


def soak(wrk: str, master_pid: int, pages: list[tuple[str, str]]) -> dict[str, Any]:
    """SOAK_WARMUP s of the pages in turn (not measured), then SOAK s sampling the workers' RSS
    every 10 s. `flat`: the total grew by less than SOAK_FLAT_PERCENT over the measured window."""
    args = [arg for path, header in pages for arg in (path, header or "-")]
    script = REPORT_LUA + ROTATE_LUA
    log(f"soak warm-up: {SOAK_WARMUP} s over {len(pages)} pages in turn (not measured)")
    run_wrk(wrk, "/", SOAK_WARMUP, script=script, args=args)
    log(f"soak: {SOAK} s over {len(pages)} pages in turn, workers' RSS every 10 s")
    interval = 10
    samples: list[float] = []
    per_worker: list[dict[int, float]] = []
    box: dict[str, Any] = {}
    runner = threading.Thread(
        target=lambda: box.update(run_wrk(wrk, "/", SOAK, script=script, args=args))
    )
    runner.start()
    while runner.is_alive():
        sizes = worker_rss_mb(master_pid)
        per_worker.append(sizes)
        samples.append(round(sum(sizes.values()), 1))
        runner.join(timeout=interval)
    growth = round(samples[-1] - samples[0], 1)
    first, last = per_worker[0], per_worker[-1]
    measured = {
        "seconds": SOAK,
        "warmup_s": SOAK_WARMUP,
        "pages": [path for path, _ in pages],
        "interval_s": interval,
        "rss_mb": samples,
        "workers_rss_mb": [list(sizes.values()) for sizes in per_worker],
        "growth_mb": growth,
        "growth_percent": round(100 * growth / samples[0], 2),
        "slope_mb_per_min": round(slope_per_minute(samples, interval), 3),
        "workers_growth_mb": {
            str(pid): round(last[pid] - first[pid], 1) for pid in first if pid in last
        },
        "workers_replaced": sorted(set(first) ^ set(last)),
        **box,
    }
    measured["flat"] = (
        measured["growth_percent"] < SOAK_FLAT_PERCENT and not measured["workers_replaced"]
    )
    log(
        f"soak: {box}; total RSS {samples[0]} -> {samples[-1]} MB ({growth:+} MB, "
        f"{measured['slope_mb_per_min']:+} MB/min), flat: {measured['flat']}"
    )
    return measured


# --- the run -------------------------------------------------------------------------------


def main() -> None:
    wrk = ensure_wrk()
    ensure_bench_database()
    redis_url = REDIS_URL if redis_answers(REDIS_URL) else ""
    env = server_env(redis_url)
    log(f"cache: {'Redis ' + redis_url if redis_url else 'the database (mitra_cache)'}")
    manage(env, "createcachetable")
    # bench/run.py builds the data with the test settings (MD5 password hashes, which the
    # production settings do not read): give the officer a password hashed as production does.
    manage(
        env, "shell", "-c",
        "from django.contrib.auth import get_user_model\n"
        f"for u in get_user_model().objects.filter(username__in={[USERNAME, *SOAK_USERS]!r}):\n"
        f"    if not u.check_password({PASSWORD!r}):\n"
        f"        u.set_password({PASSWORD!r}); u.save(update_fields=['password'])",
    )  # fmt: skip
    manage(env, "collectstatic", "--no-input", "-v", "0")
    logfile = Path(tempfile.gettempdir()) / "mitra-loadtest-gunicorn.log"
    server = start_gunicorn(env, logfile)
    # The task worker beside it, as in production: the uploaded imports run there.
    worker_log = (Path(tempfile.gettempdir()) / "mitra-loadtest-worker.log").open("w")
    worker = subprocess.Popen(
        [PY, "manage.py", "task_worker", "--no-startup-delay", "--no-reload"],
        cwd=ROOT, env=env, stdout=worker_log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    result: dict[str, Any] = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "settings": {
            "tool": wrk_version(wrk),
            "connections": CONNECTIONS,
            "seconds_per_page": SECONDS,
            "gunicorn_workers": WORKERS,
            "cores": CORES,
            "database": "postgresql (bench data set, bench/dataset.py)",
            "cache": "redis" if redis_url else "database",
            "settings_module": "config.settings.production",
        },
        "pages": {},
    }
    try:
        jar = sign_in()
        session = f"Cookie: sessionid={jar['sessionid']}"
        token = f"Authorization: Token {api_token()}"
        pages = {
            "public_directory": ("/en/directory/", ""),
            "dashboard": ("/en/dashboard/", session),
            "api_agreement_list": ("/api/v1/agreements/", token),
        }
        for name, (path, header) in pages.items():
            check_page(path, header)
            run_wrk(wrk, path, WARMUP, header)  # every worker warm, the page cache filled
            log(f"{name}: wrk {CONNECTIONS} connections, {SECONDS} s on {path}")
            result["pages"][name] = run_wrk(wrk, path, SECONDS, header)
            log(f"{name}: {result['pages'][name]}")

        log("public_directory_hostile_imports: hostile uploads while wrk measures the directory")
        since = datetime.now(UTC).isoformat()
        uploader = HostileUploader(jar, hostile_files())
        uploader.start()
        uploader.sending.wait(timeout=60)
        time.sleep(1)  # the first upload is in flight
        result["pages"]["public_directory_hostile_imports"] = run_wrk(
            wrk, "/en/directory/", SECONDS
        )
        uploader.stop_event.set()
        uploader.join(timeout=180)
        result["hostile_imports"] = {
            "uploads": uploader.uploads,
            "statuses": uploader.statuses,
            "upload_seconds": uploader.seconds,
            "jobs": import_jobs(env, since),
        }
        log(f"during hostile imports: {result['pages']['public_directory_hostile_imports']}")
        log(f"hostile uploads: {result['hostile_imports']}")

        if SOAK:
            homes = [("/en/dashboard/", f"Cookie: sessionid={sign_in(u)['sessionid']}")
                     for u in SOAK_USERS]  # fmt: skip
            result["soak"] = soak(wrk, server.pid, [*pages.values(), *homes])
    finally:
        stop(server)
        stop(worker)
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(json.dumps(result, indent=2) + "\n")
    log(f"wrote {OUTPUT.relative_to(ROOT) if OUTPUT.is_relative_to(ROOT) else OUTPUT}")


if __name__ == "__main__":
    main()
