"""The audit chain's part in backups: the backup records the chain head it saw; after a
restore the whole chain must verify and end at that same head (`mitra.core.backup`)."""

from typing import Any

from mitra.core.backup import BackupError, Check

from .chain import GENESIS
from .models import AuditChainHead
from .selectors import audit_chain_verify


def _snapshot(cursor: Any) -> dict[str, Any]:
    table = AuditChainHead._meta.db_table
    cursor.execute(f"SELECT sequence, hash FROM {table} WHERE id = 1")  # noqa: S608 - our table
    row = cursor.fetchone()
    sequence, hash_ = row if row else (0, GENESIS)
    return {"sequence": sequence, "hash": hash_}


def _verify(using: str, snapshot: dict[str, Any] | None) -> str:
    report = audit_chain_verify(using=using)
    if not report.ok:
        raise BackupError(f"audit_verify failed after the restore: {report.problem}")
    if snapshot is not None and (report.last_sequence, report.last_hash) != (
        snapshot["sequence"],
        snapshot["hash"],
    ):
        raise BackupError(
            f"The restored audit chain ends at sequence {report.last_sequence}, the backup "
            f"recorded sequence {snapshot['sequence']} ({snapshot['hash'][:16]}…)."
        )
    return (
        f"audit_verify: {report.checked:,} events checked in {report.seconds:.1f} s, "
        f"head sequence {report.last_sequence} ({report.last_hash[:16]}…)."
    )


AUDIT_CHAIN_CHECK = Check(name="audit_chain", snapshot=_snapshot, verify=_verify)
