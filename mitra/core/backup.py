"""Backups of the database and the uploaded files, and restoring them (docs/dev/backup.md).

A backup is a directory:

- `db.sqlite3` (SQLite's online backup API: a consistent copy while the site runs) or `db.dump`
  (`pg_dump -Fc` in an exported snapshot);
- `media/`: every file under `MEDIA_ROOT`, copied and hashed in one read;
- `manifest.json`: the sha256 and size of each of those files, the row count of every table, the
  uploaded files the records point at, and each registered check's snapshot (the audit chain's
  head), all read in the same snapshot as the dump; `manifest.json.sha256` guards the manifest.

`restore` checks the whole backup before it touches anything, refuses a target that is not
empty unless forced, restores the database in one transaction, then the files, then proves the
result: the same row counts, the same file hashes, and each registered check (the audit app
registers `audit_verify`, ADR 0018) passing.

`core` imports no app above it; apps add checks with `register_check` from their
`AppConfig.ready()` (docs/dev/architecture.md, "Dependency direction").
"""

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connections, models, transaction
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
MANIFEST_HASH = "manifest.json.sha256"
MEDIA_DIR = "media"
DB_FILES = {"sqlite": "db.sqlite3", "postgresql": "db.dump"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """The backup or restore cannot go on; the message says why and what to do."""


@dataclass(frozen=True)
class Check:
    """An integrity check an app registers. `snapshot(cursor)` reads what the backup must
    reproduce, from a DB-API cursor in the backup's snapshot (plain SQL without parameters:
    the cursor may be Django's or sqlite3's); `verify(using, snapshot)` runs on the restored
    database, returns a one-line summary and raises `BackupError` when the check fails."""

    name: str
    snapshot: Callable[[Any], dict[str, Any]]
    verify: Callable[[str, dict[str, Any] | None], str]


_CHECKS: dict[str, Check] = {}


def register_check(check: Check) -> None:
    _CHECKS[check.name] = check


@dataclass
class Result:
    path: Path
    tables: int = 0
    rows: int = 0
    files: int = 0
    bytes: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


# --- backup ---------------------------------------------------------------------------------------


def backup(destination: Path, *, using: str = "default", media_root: Path | None = None) -> Result:
    """Write a backup to `destination` (a new directory). Built beside it as
    `<destination>.partial` and renamed at the end, so a directory without `.partial` is
    always complete."""
    started = time.perf_counter()
    destination = Path(destination)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    if destination.exists():
        raise BackupError(f"{destination} already exists: give a new directory per backup.")
    if destination.resolve().is_relative_to(media_root.resolve()):
        raise BackupError(f"Write the backup outside MEDIA_ROOT ({media_root}).")
    partial = destination.with_name(destination.name + ".partial")
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir(parents=True)
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in DB_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    db_file = partial / DB_FILES[vendor]
    if vendor == "sqlite":
        inventory = _backup_sqlite(connection, db_file)
    else:
        inventory = _backup_postgresql(connection, db_file)
    files = dict(_copy_tree(media_root, partial / MEDIA_DIR))
    missing = sorted(name for name in inventory["referenced"] if name not in files)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "vendor": vendor,
        "database": {
            "file": db_file.name,
            **_digest(db_file),
            "server_version": inventory["server_version"],
            "tables": inventory["tables"],
        },
        "media": {
            "files": files,
            "missing_referenced": {"count": len(missing), "first": missing[:100]},
        },
        "checks": inventory["checks"],
    }
    text = json.dumps(manifest, indent=1, sort_keys=True)
    (partial / MANIFEST).write_text(text)
    (partial / MANIFEST_HASH).write_text(hashlib.sha256(text.encode()).hexdigest() + "\n")
    partial.rename(destination)
    result = Result(
        destination,
        tables=len(inventory["tables"]),
        rows=sum(inventory["tables"].values()),
        files=len(files),
        bytes=sum(f["size"] for f in files.values()) + manifest["database"]["size"],
        seconds=time.perf_counter() - started,
    )
    if missing:
        result.notes.append(
            f"{len(missing)} uploaded file(s) the records point at are not in MEDIA_ROOT "
            f"(listed in the manifest), e.g. {missing[0]}"
        )
    for name, snap in inventory["checks"].items():
        result.notes.append(f"{name}: {json.dumps(snap, sort_keys=True)}")
    return result


def _backup_sqlite(connection: Any, target: Path) -> dict[str, Any]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)  # the online backup API: a consistent copy
        cursor = copy.cursor()
        inventory = _inventory(cursor, _sqlite_tables(cursor), lambda n: f'"{n}"')
        inventory["server_version"] = sqlite3.sqlite_version
    finally:
        copy.close()
    return inventory


def _backup_postgresql(connection: Any, target: Path) -> dict[str, Any]:
    if connection.in_atomic_block:
        raise BackupError("Run the backup outside a transaction (it opens its own snapshot).")
    pg_dump = _tool("pg_dump")
    server_major = connection.pg_version // 10000
    tool_major = _tool_major(pg_dump)
    if tool_major < server_major:
        raise BackupError(
            f"pg_dump is version {tool_major} but the server is PostgreSQL {server_major}: "
            f"install postgresql-client-{server_major} and put its bin directory first in PATH."
        )
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # One snapshot for the dump, the row counts and the checks.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        tables = connection.introspection.table_names(cursor)
        inventory = _inventory(cursor, tables, connection.ops.quote_name)
        _run(
            [pg_dump, "--format=custom", "--no-owner", "--no-privileges"]
            + [f"--snapshot={snapshot}", f"--file={target}"],
            env=_pg_env(connection.settings_dict),
        )
    inventory["server_version"] = str(connection.pg_version)
    return inventory


def _inventory(cursor: Any, tables: list[str], qn: Callable[[str], str]) -> dict[str, Any]:
    """Row counts, the uploaded files the records name, and the checks' snapshots."""
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {qn(table)}")  # noqa: S608 - introspected name
        counts[table] = cursor.fetchone()[0]
    referenced: set[str] = set()
    for table, column in _file_columns():
        if table in counts:
            sql = f"SELECT {qn(column)} FROM {qn(table)} WHERE {qn(column)} <> ''"  # noqa: S608
            cursor.execute(sql)
            referenced.update(row[0] for row in cursor.fetchall() if row[0])
    checks = {name: check.snapshot(cursor) for name, check in sorted(_CHECKS.items())}
    return {"tables": counts, "referenced": referenced, "checks": checks}


def _file_columns() -> Iterator[tuple[str, str]]:
    for model in apps.get_models():
        for f in model._meta.concrete_fields:
            if isinstance(f, models.FileField) and f.column:
                yield model._meta.db_table, f.column


def _copy_tree(source: Path, target: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Copy every regular file under `source`, hashing what is written."""
    target.mkdir(parents=True, exist_ok=True)
    if not source.exists():
        return
    for path in sorted(p for p in source.rglob("*") if p.is_file() and not p.is_symlink()):
        name = path.relative_to(source).as_posix()
        out = target / name
        out.parent.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        with path.open("rb") as src, out.open("wb") as dst:
            while chunk := src.read(CHUNK):
                digest.update(chunk)
                dst.write(chunk)
                size += len(chunk)
        shutil.copystat(path, out)
        yield name, {"sha256": digest.hexdigest(), "size": size}


# --- restore --------------------------------------------------------------------------------------


def restore(
    source: Path, *, using: str = "default", media_root: Path | None = None, force: bool = False
) -> Result:
    """Restore the backup in `source` into database `using` and `media_root`.

    Order: check the backup whole (nothing changed if it is incomplete or corrupt), check the
    target is empty (or `force`), restore the database in one transaction, put the files in
    place (with `force`, an existing MEDIA_ROOT is moved aside, not deleted), then prove it."""
    started = time.perf_counter()
    source = Path(source)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    connection = connections[using]
    manifest = read_manifest(source)
    if manifest["vendor"] != connection.vendor:
        raise BackupError(
            f"This is a {manifest['vendor']} backup; the target database is {connection.vendor}."
        )
    check_backup(source, manifest)

    existing = _table_names(connection)
    if existing and not force:
        raise BackupError(
            f"The target database is not empty ({len(existing)} tables). Restore into a new, "
            "empty database, or pass --force to replace everything in it."
        )
    media_files = [p for p in media_root.rglob("*") if p.is_file()] if media_root.exists() else []
    if media_files and not force:
        raise BackupError(
            f"MEDIA_ROOT ({media_root}) already holds {len(media_files)} files. Point it at an "
            "empty directory, or pass --force (the current directory is moved aside)."
        )

    db_file = source / manifest["database"]["file"]
    if connection.vendor == "sqlite":
        _restore_sqlite(connection, db_file)
    else:
        _restore_postgresql(connection, db_file, replace=bool(existing))

    result = Result(source)
    if media_root.exists() and any(media_root.iterdir()):
        aside = media_root.with_name(f"{media_root.name}.replaced-{int(time.time())}")
        media_root.rename(aside)
        result.notes.append(f"The previous MEDIA_ROOT was moved to {aside}.")
    restored = dict(_copy_tree(source / MEDIA_DIR, media_root))

    # Prove it: nothing lost, nothing changed.
    counts = _count_rows(connection)
    expected = manifest["database"]["tables"]
    wrong = {t: (n, counts.get(t)) for t, n in expected.items() if counts.get(t) != n}
    if wrong:
        raise BackupError(f"Restored row counts differ from the backup's (expected, got): {wrong}")
    if restored != manifest["media"]["files"]:
        raise BackupError("The restored files differ from the backup's manifest.")
    for name, check in sorted(_CHECKS.items()):
        try:
            result.notes.append(check.verify(using, manifest["checks"].get(name)))
        except BackupError as error:
            raise BackupError(
                f"The backup was restored, but the {name} check failed: {error}"
            ) from error
    result.tables, result.rows = len(expected), sum(expected.values())
    result.files, result.bytes = len(restored), sum(f["size"] for f in restored.values())
    result.seconds = time.perf_counter() - started
    return result


def read_manifest(source: Path) -> dict[str, Any]:
    path = source / MANIFEST
    if not source.is_dir():
        raise BackupError(f"{source} is not a backup directory.")
    if not path.exists():
        partial = " (an unfinished backup)" if source.name.endswith(".partial") else ""
        raise BackupError(f"{source} has no {MANIFEST}: not a complete backup{partial}.")
    text = path.read_text()
    hash_file = source / MANIFEST_HASH
    if not hash_file.exists() or hash_file.read_text().strip() != _sha(text.encode()):
        raise BackupError(f"{MANIFEST} does not match {MANIFEST_HASH}: the backup is damaged.")
    manifest = json.loads(text)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    return manifest


def check_backup(source: Path, manifest: dict[str, Any]) -> None:
    """Every file the manifest lists is there with its hash, and nothing else is."""
    problems = []
    database = manifest["database"]
    db_file = source / database["file"]
    if not db_file.exists():
        problems.append(f"{database['file']} is missing")
    elif _digest(db_file) != {"sha256": database["sha256"], "size": database["size"]}:
        problems.append(f"{database['file']} does not match its hash (damaged or truncated)")
    listed = manifest["media"]["files"]
    media = source / MEDIA_DIR
    present = {p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file()}
    for name in sorted(set(listed) - present):
        problems.append(f"media/{name} is missing")
    for name in sorted(set(present) - set(listed)):
        problems.append(f"media/{name} is not in the manifest")
    for name in sorted(set(listed) & present):
        if _digest(media / name) != listed[name]:
            problems.append(f"media/{name} does not match its hash")
    if problems:
        more = f"; and {len(problems) - 5} more" if len(problems) > 5 else ""
        shown = "; ".join(problems[:5]) + more
        raise BackupError(f"The backup is incomplete or damaged, nothing was restored: {shown}.")
    if manifest["vendor"] == "postgresql":
        _run([_tool("pg_restore"), "--list", str(db_file)], env=dict(os.environ))


def _restore_sqlite(connection: Any, db_file: Path) -> None:
    name = str(connection.settings_dict["NAME"])
    if connection.is_in_memory_db():
        raise BackupError("Restore needs a database file, not an in-memory database.")
    connection.close()
    with sqlite3.connect(f"file:{db_file}?mode=ro", uri=True) as src:
        dst = sqlite3.connect(name)
        try:
            src.backup(dst)  # one step: the target's pages are replaced in one transaction
        finally:
            dst.close()


def _restore_postgresql(connection: Any, dump: Path, *, replace: bool) -> None:
    """`pg_restore` writes the SQL, `psql` runs it in one transaction (with `replace`, after
    dropping the public schema): all or nothing."""
    env = _pg_env(connection.settings_dict)
    connection.close()
    psql = [_tool("psql"), "--no-psqlrc", "--quiet", "--single-transaction"]
    psql += ["--set=ON_ERROR_STOP=1"]
    if replace:
        psql += ["--command=DROP SCHEMA public CASCADE; CREATE SCHEMA public;"]
    psql += ["--file=-"]
    script = [_tool("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(dump)]
    with tempfile.TemporaryFile() as restore_err, tempfile.TemporaryFile() as psql_err:
        writer = subprocess.Popen(script, stdout=subprocess.PIPE, stderr=restore_err, env=env)  # noqa: S603
        runner = subprocess.run(  # noqa: S603 - fixed programs, our own arguments
            psql,
            stdin=writer.stdout,
            stdout=subprocess.DEVNULL,
            stderr=psql_err,
            env=env,
            check=False,
        )
        assert writer.stdout is not None
        writer.stdout.close()
        writer.wait()
        if writer.returncode or runner.returncode:
            restore_err.seek(0)
            psql_err.seek(0)
            detail = (restore_err.read() + psql_err.read()).decode(errors="replace").strip()
            raise BackupError(f"The database restore failed and was rolled back: {detail}")


# --- helpers --------------------------------------------------------------------------------------


def _table_names(connection: Any) -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            return _sqlite_tables(cursor)
        return list(connection.introspection.table_names(cursor))


def _count_rows(connection: Any) -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = _table_names(connection)
        counts = {}
        for table in tables:
            sql = f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}"  # noqa: S608
            cursor.execute(sql)
            counts[table] = cursor.fetchone()[0]
    return counts


def _sqlite_tables(cursor: Any) -> list[str]:
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return sorted(row[0] for row in cursor.fetchall())


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _digest(path: Path) -> dict[str, Any]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return {"sha256": digest.hexdigest(), "size": size}


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return path


def _tool_major(path: str) -> int:
    out = _run([path, "--version"], env=dict(os.environ))
    match = re.search(r"(\d+)(?:\.\d+)?", out)
    if match is None:
        raise BackupError(f"Cannot read the version of {path}: {out!r}")
    return int(match.group(1))


def _run(command: list[str], *, env: dict[str, str]) -> str:
    done = subprocess.run(command, capture_output=True, env=env, check=False)  # noqa: S603
    if done.returncode:
        detail = done.stderr.decode(errors="replace").strip()
        raise BackupError(f"{Path(command[0]).name} failed: {detail}")
    return done.stdout.decode(errors="replace")


def _pg_env(settings_dict: dict[str, Any]) -> dict[str, str]:
    """libpq's environment for the Django database: no password on a command line."""
    env = dict(os.environ)
    pairs = {
        "PGDATABASE": settings_dict.get("NAME"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGSSLMODE": (settings_dict.get("OPTIONS") or {}).get("sslmode"),
    }
    env.update({k: str(v) for k, v in pairs.items() if v})
    return env
