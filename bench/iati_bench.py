"""IATI measurements of issue 17 §5, registered as jobs of `bench/measure.py`.

On the shipped IATI files (../shared/data/iati, ~100 MB; `IATI_BENCH_FILES=N` takes the first N
files only), side by side in one run:

* `iati_import_mb_s`: Mitra's import (parse, rows, raw XML and hashes) up to the commit, in
  the default scope "indonesia" (ADR 0024: the activities that concern Indonesia are stored,
  the others counted);
* `iati_import_all_mb_s`: the same import in scope "all" (every activity stored);
* `iati_baseline_iterparse_mb_s`: a bare `lxml.etree.iterparse` pass (clear as you go);
* `iati_baseline_iatikit_mb_s`: iatikit reading the same files (each activity's identifier);
* `iati_peak_mb` / `iati_iatikit_peak_mb`: the peak memory each adds to a fresh interpreter of
  its own (resident high-water mark: libxml2's memory is invisible to tracemalloc); the import's
  in the default scope (scope "all": `peak_mb` of `iati_import_all_mb_s`);
* `iati_crosscheck_s`: the cross-check at national scale (the bench's organizations and
  agreements; the shipped Indonesian activities replicated to 50,000 with fresh identifiers).

The import commits (as the real one does), so these jobs remove what they added themselves.
iatikit is a dev-only dependency: without it the iatikit metrics are None.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __name__ == "__main__":  # the child of `_peak`: Django before the bench's modules
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    django.setup()

from django.db import connection, transaction  # noqa: E402

from bench.measure import Context, job  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "iati"
CROSSCHECK_ACTIVITIES = int(os.environ.get("IATI_BENCH_ACTIVITIES", "50000"))
# Rounds of iterparse / import / iatikit taken in turn (each keeps its fastest; see _measure).
ROUNDS = int(os.environ.get("IATI_BENCH_ROUNDS", "3"))
_RESULTS: dict[str, Any] = {}


def files() -> list[Path]:
    found = sorted(
        p for p in DATA.rglob("*.xml") if "codelists" not in p.parts and "reference" not in p.parts
    )
    limit = int(os.environ.get("IATI_BENCH_FILES", "0"))
    return found[:limit] if limit else found


def _megabytes(paths: list[Path]) -> float:
    return sum(p.stat().st_size for p in paths) / (1024 * 1024)


def _uncaptured(run: Callable[[], Any]) -> Any:
    """Run without the measuring harness's query capture (it would keep every bulk INSERT's
    SQL in memory and spoil the peak)."""
    forced = connection.force_debug_cursor
    connection.force_debug_cursor = False
    try:
        return run()
    finally:
        connection.force_debug_cursor = forced


def _clean() -> None:
    from mitra.iati.models import Activity, ActivityMatch, Finding, ImportRun, OrganizationMatch

    Finding.objects.all().delete()
    ActivityMatch.objects.all().delete()
    OrganizationMatch.objects.all().delete()
    Activity.objects.all().delete()
    ImportRun.objects.all().delete()


def _iterparse(paths: list[Path]) -> int:
    from lxml import etree

    count = 0
    for path in paths:
        for _event, el in etree.iterparse(
            str(path), events=("end",), tag="iati-activity", resolve_entities=False, no_network=True
        ):
            count += 1
            el.clear()
            while el.getprevious() is not None:
                del el.getparent()[0]
    return count


def _iatikit(paths: list[Path]) -> int | None:
    try:
        from iatikit.data.dataset import Dataset
    except ImportError:  # dev-only dependency missing: no baseline
        return None
    count = 0
    for path in paths:
        for activity in Dataset(str(path)).activities:
            _ = activity.iati_identifier
            count += 1
    return count


def _import(paths: list[Path], scope: str | None = None) -> Any:
    """The import in `scope` (None: the configured one, by default "indonesia")."""
    from django.conf import settings
    from django.test import override_settings

    from mitra.iati.services import iati_import_paths

    if scope is None:
        return iati_import_paths(paths=paths, actor=None)
    with override_settings(MITRA={**settings.MITRA, "IATI_IMPORT_SCOPE": scope}):
        return iati_import_paths(paths=paths, actor=None)


def _timed(run: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    value = run()
    return time.perf_counter() - started, value


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise KeyError(field)


def _peak(what: str, paths: list[Path]) -> float:
    """Peak memory (MB) the run adds to a fresh interpreter of its own: the resident set's
    high-water mark minus the resident set once the modules are loaded (libxml2's C memory,
    iatikit's whole trees, counts as well as Python's; memory freed earlier in this process
    cannot hide anything)."""
    import json
    import subprocess

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    out = subprocess.run(  # noqa: S603  (this interpreter, this module, the shipped files)
        [sys.executable, "-m", "bench.iati_bench", what, *map(str, paths)],
        check=True, capture_output=True, text=True, env=env,
        cwd=Path(__file__).resolve().parents[1],
    )  # fmt: skip
    return float(json.loads(out.stdout.strip().splitlines()[-1])["peak_mb"])


def _child(what: str, paths: list[Path]) -> None:
    """`python -m bench.iati_bench import|import-all|iatikit FILES…` (run by `_peak`)."""
    import json

    if what.startswith("import"):
        from mitra.iati import services  # noqa: F401  (loaded before the baseline)
        from mitra.iati.models import Activity

        # Like iatikit's module import, what is there before any file is read goes before the
        # baseline: the database connection (and the ORM's first query). SQLite's page cache
        # fills during the import and counts, as everything the import itself allocates.
        connection.ensure_connection()
        Activity.objects.exists()
        scope = "all" if what == "import-all" else None
        run: Callable[[], Any] = lambda: _import(paths, scope)  # noqa: E731
    else:
        from iatikit.data.dataset import Dataset  # noqa: F401

        run = lambda: _iatikit(paths)  # noqa: E731
    Path("/proc/self/clear_refs").write_text("5")
    before = _status_kb("VmRSS")
    run()
    peak = (_status_kb("VmHWM") - before) / 1024
    if what.startswith("import"):
        _clean()
    print(json.dumps({"peak_mb": round(peak, 1)}))


def _measure() -> dict[str, Any]:
    if _RESULTS:
        return _RESULTS
    paths = files()
    mb = _megabytes(paths)

    def go() -> None:
        _clean()
        # iterparse, the default import and iatikit take turns, ROUNDS times, and each keeps its
        # fastest round: on a shared machine the load changes within seconds, so measured one
        # after the other (and once) their ratio said more about the load than about them.
        best: dict[str, tuple[float, float, Any]] = {}
        runs: dict[str, Callable[[], Any]] = {
            "iterparse": lambda: _iterparse(paths),
            "import": lambda: _import(paths),
            "iatikit": lambda: _iatikit(paths),
        }
        for _round in range(ROUNDS):
            for key, run in runs.items():
                cpu = time.process_time()
                seconds, value = _timed(run)
                cpu = time.process_time() - cpu
                if key not in best or seconds < best[key][0]:
                    best[key] = (seconds, cpu, value)
                if key == "import":
                    _clean()
        seconds, cpu, activities = best["iterparse"]
        _RESULTS["iterparse"] = {
            "mb_s": round(mb / seconds, 2),
            "activities_s": round(activities / seconds),
            "cpu_s": round(cpu, 2),
        }
        cpu = time.process_time()
        all_seconds, all_run = _timed(lambda: _import(paths, "all"))
        best["import_all"] = (all_seconds, time.process_time() - cpu, all_run)
        _clean()
        for key in ("import", "import_all"):
            seconds, cpu, run = best[key]
            _RESULTS[key] = {
                "mb_s": round(mb / seconds, 2),
                "activities_s": round(run.activities_seen / seconds),
                "activities": run.activities_seen,
                "stored": run.created_count,
                "not_indonesia": run.out_of_scope_count,
                "skipped": run.skipped_count,
                "scope": run.scope,
                "mb": round(mb, 1),
                # CPU seconds of this process (a busy machine stretches the wall-clock figures;
                # compare cpu_s with the iterparse baseline's).
                "cpu_s": round(cpu, 2),
                "vs_iterparse": round(mb / seconds / _RESULTS["iterparse"]["mb_s"], 3),
            }
        _RESULTS["import"]["peak_mb"] = _peak("import", paths)
        _RESULTS["import_all"]["peak_mb"] = _peak("import-all", paths)
        seconds, cpu, counted = best["iatikit"]
        if counted is None:
            _RESULTS["iatikit"] = {"mb_s": None, "peak_mb": None}
        else:
            _RESULTS["iatikit"] = {
                "mb_s": round(mb / seconds, 2),
                "activities_s": round(counted / seconds),
                "cpu_s": round(cpu, 2),
                "peak_mb": _peak("iatikit", paths),
            }
        if _RESULTS["iatikit"]["mb_s"]:
            _RESULTS["import"]["vs_iatikit"] = round(
                _RESULTS["import"]["mb_s"] / _RESULTS["iatikit"]["mb_s"], 3
            )

    _uncaptured(go)
    return _RESULTS


_IMPORT_FIGURES = (
    "mb_s",
    "activities_s",
    "mb",
    "activities",
    "stored",
    "not_indonesia",
    "scope",
    "cpu_s",
    "vs_iterparse",
)


@job("iati_import_mb_s", rollback=False)
def _iati_import_mb_s(ctx: Context) -> Any:
    """IATI import throughput (MB/s, with activities/s) up to the commit, default scope
    "indonesia" (target ≥ 0.5× the bare iterparse pass and ≥ iatikit)."""
    r = _measure()["import"]
    return {name: r[name] for name in (*_IMPORT_FIGURES, "vs_iatikit") if name in r}


@job("iati_import_all_mb_s", rollback=False)
def _iati_import_all_mb_s(ctx: Context) -> Any:
    """The same import in scope "all" (every activity stored), with its peak memory (MB)."""
    r = _measure()["import_all"]
    return {name: r[name] for name in (*_IMPORT_FIGURES, "peak_mb")}


@job("iati_baseline_iterparse_mb_s", rollback=False)
def _iati_iterparse(ctx: Context) -> Any:
    """A bare lxml iterparse pass over the same bytes (MB/s, activities/s)."""
    return _measure()["iterparse"]


@job("iati_baseline_iatikit_mb_s", rollback=False)
def _iati_iatikit(ctx: Context) -> Any:
    """iatikit reading the same files (MB/s); None without iatikit."""
    return _measure()["iatikit"]["mb_s"]


@job("iati_peak_mb", rollback=False)
def _iati_peak(ctx: Context) -> Any:
    """Peak memory (MB, resident high-water mark) of the import (target < 1/10 of iatikit's)."""
    return _measure()["import"]["peak_mb"]


@job("iati_iatikit_peak_mb", rollback=False)
def _iati_iatikit_peak(ctx: Context) -> Any:
    """Peak memory (MB, resident high-water mark) of iatikit reading the same files."""
    return _measure()["iatikit"]["peak_mb"]


def _scale_up(target: int) -> int:
    """The imported Indonesian activities (and their rows) copied with fresh identifiers up to
    `target`; their publishers matched to bench organizations (confirmed), so the cross-check
    has partners, agreements and money to compare. Returns the Indonesian activity count.

    Copied in the database, INSERT … SELECT per table, doubling the Indonesian activities each
    round (the copy made in round n has its source's identifier + "-Bn"; the last round copies
    only as many as the target needs), not through Python objects: 1.5 million child rows took
    minutes through the ORM."""
    from mitra.iati.matching import iati_key
    from mitra.iati.models import Activity, ActivityOrganization, MatchStatus, OrganizationMatch
    from mitra.iati.services import CHILDREN
    from mitra.organizations.models import ForeignOrganization

    indonesian = Activity.objects.filter(in_indonesia=True).order_by("pk")
    total = indonesian.count()
    if not total:
        return 0
    quote = connection.ops.quote_name
    table = quote(Activity._meta.db_table)
    copied = [
        f.column
        for f in Activity._meta.concrete_fields
        if f.column not in ("id", "identifier", "raw_xml")
    ]
    columns = ", ".join(quote(c) for c in copied)
    round_ = 0
    with transaction.atomic(), connection.cursor() as cursor:
        while total < target:
            round_ += 1
            take = min(total, target - total)
            last = indonesian.values_list("pk", flat=True)[take - 1]
            suffix = f"-B{round_}"
            # Table and column names from the models' metadata, quoted; values are parameters.
            cursor.execute(
                f"INSERT INTO {table} ({quote('identifier')}, {quote('raw_xml')}, {columns}) "  # noqa: S608
                f"SELECT {quote('identifier')} || %s, '', {columns} FROM {table} "
                f"WHERE {quote('in_indonesia')} AND {quote('id')} <= %s",
                [suffix, last],
            )
            for _name, model in CHILDREN:
                child = quote(model._meta.db_table)
                fields = [
                    f.column
                    for f in model._meta.concrete_fields
                    if f.column not in ("id", "activity_id")
                ]
                names = ", ".join(quote(c) for c in fields)
                picked = ", ".join(f"t.{quote(c)}" for c in fields)
                cursor.execute(
                    f"INSERT INTO {child} ({names}, {quote('activity_id')}) "  # noqa: S608
                    f"SELECT {picked}, c.{quote('id')} FROM {table} o "
                    f"JOIN {child} t ON t.{quote('activity_id')} = o.{quote('id')} "
                    f"JOIN {table} c ON c.{quote('identifier')} = o.{quote('identifier')} || %s "
                    f"WHERE o.{quote('in_indonesia')} AND o.{quote('id')} <= %s",
                    [suffix, last],
                )
            total += take
    # publishers -> bench organizations (confirmed), so every activity has a partner
    orgs = list(ForeignOrganization.objects.order_by("pk").values_list("pk", flat=True)[:2000])
    keys = sorted(
        {
            iati_key(r, n)
            for r, n in ActivityOrganization.objects.filter(activity__in_indonesia=True)
            .values_list("ref", "name_key")
            .distinct()
        }
    )
    OrganizationMatch.objects.bulk_create(
        [
            OrganizationMatch(
                iati_key=k,
                organization_id=orgs[i % len(orgs)],
                method="identifier",
                status=MatchStatus.CONFIRMED,
            )
            for i, k in enumerate(keys)
        ],
        ignore_conflicts=True,
    )
    return Activity.objects.filter(in_indonesia=True).count()


@job("iati_crosscheck_s")
def _iati_crosscheck_s(ctx: Context) -> Any:
    """Seconds for the cross-check of all organizations at national scale (the Indonesian
    activities replicated to 50,000; target < 30 s). Rolled back."""
    from mitra.iati.crosscheck import crosscheck_run

    def go() -> dict[str, Any]:
        _clean()
        _import(files())
        activities = _scale_up(CROSSCHECK_ACTIVITIES)
        seconds, found = _timed(crosscheck_run)
        return {
            "seconds": round(seconds, 2),
            "activities": activities,
            "findings": sum(found.values()),
        }

    return _uncaptured(go)


if __name__ == "__main__":
    _child(sys.argv[1], [Path(p) for p in sys.argv[2:]])
