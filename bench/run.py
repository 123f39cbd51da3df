"""`make bench`: build a national-scale data set in its own database and time the main pages.

    .venv/bin/python bench/run.py                       # SQLite file bench/bench.sqlite3
    .venv/bin/python bench/run.py --database-url postgres://postgres@127.0.0.1:5432/mitra_bench
    .venv/bin/python bench/run.py --rebuild             # build the data set again
    .venv/bin/python bench/run.py --only dashboard,agreement_list --repeat 50 --verbose

Results go to bench/results/latest.json (see bench/README.md for how to read them).
"""

import argparse
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
DEFAULT_URL = f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}"
TARGET_P95_MS = 150.0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("MITRA_BENCH_DATABASE_URL", DEFAULT_URL),
        help="the bench database (never the development one); default %(default)s",
    )
    parser.add_argument("--rebuild", action="store_true", help="build the data set again")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests per page")
    parser.add_argument("--only", default="", help="comma-separated page/job names")
    parser.add_argument("--no-jobs", action="store_true", help="measure pages only")
    parser.add_argument(
        "--output", default=str(BENCH_DIR / "results" / "latest.json"), help="result file"
    )
    parser.add_argument("--verbose", action="store_true", help="show each page's costliest SQL")
    return parser.parse_args(argv)


# --- the database, before Django is set up ---------------------------------------------------
def prepare_database(url: str, rebuild: bool) -> None:
    """SQLite: remove the file on --rebuild. PostgreSQL: create (or drop and create) it."""
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        path = Path("/" + parts.path.lstrip("/"))  # sqlite:////abs/path has a double slash
        if path.resolve() == (ROOT / "db.sqlite3").resolve():
            sys.exit("Refusing to benchmark in the development database db.sqlite3.")
        if rebuild:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    if not parts.scheme.startswith("postgres"):
        sys.exit(f"Unsupported database URL: {url}")
    import psycopg
    from psycopg import sql

    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and rebuild:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created PostgreSQL database {name}.")


def setup_django(url: str) -> None:
    """The test settings (fast hashing, no outside effects) pointed at the bench database."""
    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = url
    # An empty value (not a removal: .env may not override it) disables the test settings'
    # switch to TEST_DATABASE_URL, so the bench database is the one in DATABASE_URL.
    os.environ["TEST_DATABASE_URL"] = ""
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    expected = urlsplit(url).path.lstrip("/")
    if name.lstrip("/") != expected:
        sys.exit(f"Settings point at {name}, not the bench database {expected}; stopping.")


# --- after Django is set up -------------------------------------------------------------------
def ensure_data(url: str, log: Any) -> float:
    """Migrate; reuse the data set when it has the right scale, otherwise build it."""
    from django.core.management import call_command
    from django.db import connections

    from bench import dataset

    started = time.perf_counter()
    pending = pending_migrations()
    call_command("migrate", verbosity=0, interactive=False)
    if dataset.is_built():
        log("Reusing the bench data set (--rebuild builds it again).")
        if pending:
            # Data migrations rewrite rows: fresh statistics (and, on PostgreSQL, a fresh
            # visibility map for index-only scans), as autovacuum would give in production.
            log(f"Applied {pending} migration(s) to it; analysing…")
            dataset.analyse()
        # A data set built before the audit chain existed, or whose bulk-inserted events
        # were never linked: link them (nothing to do once they are).
        from mitra.audit.services import audit_chain_extend

        if linked := audit_chain_extend():
            log(f"Chained {linked:,} audit events written without a link.")
        dataset.ensure_tally_day(log)  # the compliance tallies' daily moves
        # Layers added after the data set was built come in as steps of their own.
        return dataset.ensure_licensing(log)
    if not dataset.is_empty():
        log("The bench database holds other data; starting from an empty one.")
        connections.close_all()
        prepare_database(url, rebuild=True)
        call_command("migrate", verbosity=0, interactive=False)
    log(
        f"Building {dataset.ORGANIZATIONS:,} organizations and {dataset.AGREEMENTS:,} "
        "agreements (once; later runs reuse them)…"
    )
    dataset.Builder(log=log).build()
    dataset.ensure_licensing(log)
    return time.perf_counter() - started


def pending_migrations() -> int:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def machine() -> dict[str, Any]:
    import django
    from django.db import connection

    info: dict[str, Any] = {
        "hostname": platform.node(),
        "platform": platform.platform(),
        "processor": platform.machine(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "django": django.get_version(),
    }
    if connection.vendor == "sqlite":
        info["database_version"] = connection.Database.sqlite_version
    else:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            info["database_version"] = cursor.fetchone()[0]
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
        load = os.getloadavg()
        info["load_average"] = [round(x, 2) for x in load]
    except OSError:
        pass
    return info


def print_table(pages: dict[str, dict[str, Any]], jobs: dict[str, dict[str, Any]]) -> None:
    print()
    print(
        f"{'page':<22} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
        f"{'cpu p50':>8}  target"
    )
    print("-" * 75)
    for name, r in pages.items():
        if r.get("missing"):
            dash = "—"
            print(f"{name:<22} {dash:>7} {dash:>8} {dash:>8} {dash:>8} {dash:>8}  missing")
            continue
        verdict = "ok" if r["p95_ms"] < TARGET_P95_MS else f"OVER {TARGET_P95_MS:.0f}"
        print(
            f"{name:<22} {r['queries']:>7} {r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} "
            f"{r['max_ms']:>8.1f} {r['cpu_p50_ms']:>8.1f}  {verdict}"
        )
        for q in r.get("slowest_queries", []):
            print(f"    {q['ms']:>7.2f} ms  {q['sql'][:140]}")
    if jobs:
        print()
        print(f"{'job':<30} {'queries':>7} {'seconds':>8}  result")
        print("-" * 75)
        for name, r in jobs.items():
            print(f"{name:<30} {r['queries']:>7} {r['seconds']:>8.3f}  {r['result']}")
    print()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    prepare_database(args.database_url, args.rebuild)
    setup_django(args.database_url)

    from django.db import connection

    from bench import api_fuzz, dataset, iati_bench, measure  # noqa: F401  (iati_bench registers its jobs)

    def log(message: str) -> None:
        print(message, flush=True)

    build_seconds = ensure_data(args.database_url, log)
    ctx = measure.build_context()
    only = {n.strip() for n in args.only.split(",") if n.strip()}
    unknown = only - set(measure.PAGES) - set(measure.JOBS) - {api_fuzz.NAME}
    if unknown:
        sys.exit(f"Unknown names: {', '.join(sorted(unknown))}")

    pages: dict[str, dict[str, Any]] = {}
    for name, p in measure.PAGES.items():
        if only and name not in only:
            continue
        log(f"Measuring {name} ({p.url(ctx)}, {p.user or 'anonymous'})…")
        result = measure.measure_page(
            p, ctx, repeat=args.repeat, warmup=args.warmup, profile=args.verbose
        )
        pages[name] = result.as_dict(verbose=args.verbose)
    jobs: dict[str, dict[str, Any]] = {}
    if not args.no_jobs:
        for name, j in measure.JOBS.items():
            if only and name not in only:
                continue
            log(f"Running job {name}…")
            jobs[name] = measure.measure_job(j, ctx)

    report = {
        "pages": pages,
        "jobs": jobs,
        "api_fuzz": api_fuzz.run(log=log, only=only, skip=args.no_jobs),
        "scale": dataset.current_scale().as_dict(),
        "database": connection.vendor,
        "machine": machine(),
        "settings": {
            "repeat": args.repeat,
            "warmup": args.warmup,
            "target_p95_ms": TARGET_P95_MS,
            "dataset_version": dataset.VERSION,
            "build_seconds": round(build_seconds, 1),
        },
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, default=str) + "\n")
    scale = report["scale"]
    print(
        f"\n{report['database']}: {scale['organizations']:,} organizations, "
        f"{scale['agreements']:,} agreements, {scale['bodies']:,} bodies, "
        f"{scale['provinces']} provinces, {scale['regencies']} regencies/cities"
    )
    print_table(pages, jobs)
    over = [n for n, r in pages.items() if not r.get("missing") and r["p95_ms"] >= TARGET_P95_MS]
    print(f"Written to {output} in {time.perf_counter() - started:.0f} s.")
    if over:
        print(f"Over the {TARGET_P95_MS:.0f} ms p95 target: {', '.join(over)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
