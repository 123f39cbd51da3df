"""`manage.py backup` and `restore`: a round trip loses no row and no file and the audit chain
verifies after it; a damaged or partial backup, or a target that is not empty, is refused with
nothing changed. Runs on SQLite and on PostgreSQL (whichever the pass uses): the restore runs
in a subprocess against a second database (a file, or `<test database>_restore`)."""

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from mitra.agreements.tests.factories import AgreementDocumentFactory
from mitra.audit.models import AuditEvent
from mitra.audit.services import audit_event_record
from mitra.core.backup import MANIFEST, BackupError, _count_rows, backup, restore

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump sees committed rows only


@pytest.fixture
def media(tmp_path: Path, settings: Any) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def scene(media: Path) -> dict[str, Any]:
    """Records with uploaded files, audit events, and a file no record names."""
    documents = [AgreementDocumentFactory() for _ in range(3)]
    for document in documents:
        audit_event_record(
            event="agreement.document_uploaded",
            target=document.agreement,
            actor=None,
            data={"sha256": document.sha256},
        )
    (media / "loose" / "nested").mkdir(parents=True)
    (media / "loose" / "nested" / "blob.bin").write_bytes(bytes(range(256)) * 64)
    return {"documents": documents}


def hashes(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


class Target:
    """A second, empty database of the same kind for the restore, reached by a subprocess."""

    def __init__(self, tmp_path: Path) -> None:
        self.vendor = connection.vendor
        if self.vendor == "sqlite":
            self.path = tmp_path / "restored.sqlite3"
            self.url = f"sqlite:///{self.path}"
        else:
            params = connection.settings_dict
            self.name = f"{params['NAME']}_restore"
            auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
            self.server = f"postgres://{auth}@{params['HOST']}:{params['PORT'] or 5432}"
            self.url = f"{self.server}/{self.name}"
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}"', f'CREATE DATABASE "{self.name}"')

    def _admin(self, *statements: str) -> None:
        with psycopg.connect(f"{self.server}/postgres", autocommit=True) as admin:
            for statement in statements:
                admin.execute(statement)  # type: ignore[arg-type]

    def manage(self, *args: str) -> subprocess.CompletedProcess[str]:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "TEST_DATABASE_URL": self.url,
        }
        return subprocess.run(  # noqa: S603 - this interpreter, our manage.py
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    def query(self, sql: str) -> list[tuple[Any, ...]]:
        if self.vendor == "sqlite":
            with sqlite3.connect(self.path) as db:
                return db.execute(sql).fetchall()
        with psycopg.connect(self.url) as db:
            return db.execute(sql).fetchall()  # type: ignore[arg-type]

    def counts(self) -> dict[str, int]:
        if self.vendor == "sqlite":
            names = self.query(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        else:
            names = self.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return {n: self.query(f'SELECT COUNT(*) FROM "{n}"')[0][0] for (n,) in names}  # noqa: S608

    def drop(self) -> None:
        if self.vendor == "postgresql":
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture
def target(tmp_path: Path):
    made = Target(tmp_path)
    yield made
    made.drop()


def test_a_round_trip_loses_no_row_and_no_file(scene, media, tmp_path, target):
    source_counts = _count_rows(connection)
    source_chain = list(AuditEvent.objects.order_by("id").values_list("id", "sequence", "hash"))
    assert len(source_chain) == 3
    assert source_counts["agreements_agreementdocument"] == 3

    made = backup(tmp_path / "backup")
    assert (made.files, made.rows) == (4, sum(source_counts.values()))
    assert not made.notes[:-1], made.notes  # only the audit chain's note: no file missing

    restored_media = tmp_path / "restored-media"
    (restored_media / "old.txt").parent.mkdir()
    (restored_media / "old.txt").write_text("left from before")
    args = ("restore", str(tmp_path / "backup"), "--media-root", str(restored_media))
    refused = target.manage(*args)
    assert refused.returncode == 1
    assert "already holds 1 files" in refused.stderr
    assert target.counts() == {}  # nothing restored
    (restored_media / "old.txt").unlink()

    done = target.manage(*args)
    assert done.returncode == 0, done.stderr
    assert "audit_verify: 3 events checked" in done.stdout
    assert f"{made.rows:,} rows" in done.stdout

    assert target.counts() == source_counts  # 0 rows lost, table by table
    chain = "SELECT id, sequence, hash FROM audit_auditevent ORDER BY id"
    assert target.query(chain) == source_chain
    assert hashes(restored_media) == hashes(media)  # 0 files lost or changed
    assert len(hashes(restored_media)) == 4
    verified = target.manage("audit_verify")
    assert verified.returncode == 0, verified.stderr
    assert "Audit chain OK: 3 events checked" in verified.stdout

    # A second restore over it needs --force (in-process refusal: the test below).
    forced = target.manage(*args, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "The previous MEDIA_ROOT was moved to" in forced.stdout
    assert target.counts() == source_counts
    assert hashes(restored_media) == hashes(media)


@pytest.fixture
def made(scene, tmp_path) -> Path:
    backup(tmp_path / "backup")
    return tmp_path / "backup"


def damage_manifest(path: Path) -> None:
    manifest = path / MANIFEST
    manifest.write_text(manifest.read_text().replace('"format": 1', '"format": 1 '))


def truncate_database(path: Path) -> None:
    db = next(p for p in path.iterdir() if p.name.startswith("db."))
    db.write_bytes(db.read_bytes()[: db.stat().st_size // 2])


def alter_file(path: Path) -> None:
    blob = path / "media" / "loose" / "nested" / "blob.bin"
    blob.write_bytes(b"x" + blob.read_bytes()[1:])


def remove_file(path: Path) -> None:
    next((path / "media").rglob("*.pdf")).unlink()


def add_file(path: Path) -> None:
    (path / "media" / "stray.txt").write_text("not in the manifest")


DAMAGES = {
    "no-manifest": (lambda p: (p / MANIFEST).unlink(), "has no manifest.json: not a complete"),
    "manifest-edited": (damage_manifest, "manifest.json does not match manifest.json.sha256"),
    "db-truncated": (truncate_database, "does not match its hash (damaged or truncated)"),
    "file-altered": (alter_file, "media/loose/nested/blob.bin does not match its hash"),
    "file-gone": (remove_file, "signed.pdf is missing"),
    "extra-file": (add_file, "media/stray.txt is not in the manifest"),
}


def test_a_damaged_backup_is_refused_and_nothing_changes(made, media, tmp_path):
    """One backup, damaged six ways (a copy each); `force` so only the checks stand between
    the damaged backup and the test database."""
    before, files = _count_rows(connection), hashes(media)
    target_media = tmp_path / "target-media"
    for name, (damage, message) in DAMAGES.items():
        copy = tmp_path / f"damaged-{name}"
        shutil.copytree(made, copy)
        damage(copy)
        with pytest.raises(BackupError) as error:
            restore(copy, media_root=target_media, force=True)
        assert message in str(error.value), name
        assert _count_rows(connection) == before, name
        assert hashes(media) == files, name
        assert not target_media.exists(), name


def test_an_unfinished_backup_is_named_as_such(made, tmp_path):
    partial = tmp_path / "later.partial"
    (made / "media").rename(partial)
    with pytest.raises(BackupError, match=r"not a complete backup \(an unfinished backup\)"):
        restore(partial, media_root=tmp_path / "m")


def test_restore_refuses_a_database_with_tables(made, media):
    before = _count_rows(connection)
    with pytest.raises(BackupError, match="The target database is not empty"):
        restore(made, media_root=media.parent / "empty")
    assert _count_rows(connection) == before


def test_backup_refuses_an_existing_destination_or_one_inside_media(made, media):
    with pytest.raises(BackupError, match="already exists"):
        backup(made)
    assert (made / MANIFEST).exists()
    with pytest.raises(BackupError, match="outside MEDIA_ROOT"):
        backup(media / "backups" / "b1")
    assert not (media / "backups").exists()
