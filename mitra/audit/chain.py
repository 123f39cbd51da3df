"""The audit hash chain: the canonical form of an event, its hash, and the walk that checks it.

Shared by the writer (`services.audit_event_append`), the data migration that chains the events
recorded before the chain existed, `services.audit_chain_extend` (bulk loads) and
`selectors.audit_chain_verify`. The functions take model classes as arguments, so the migration
can pass its historical models. Changing the canonical form changes every hash: add a version
(`FORMAT`) and keep the old one for the events already written.
"""

import hashlib
import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models

FORMAT = 1
GENESIS = "0" * 64  # the `prev_hash` of the first event

# What the hash covers; `COLUMNS` (what `walk` reads) puts the row's id and links first.
CONTENT = (
    "event",
    "occurred_at",
    "actor_id",
    "actor_name",
    "actor_agency",
    "target_ct_id",
    "target_id",
    "target_label",
    "data",
)
COLUMNS = ("id", "sequence", "prev_hash", "hash", *CONTENT)


def _utc(value: datetime) -> str:
    if value.tzinfo is None:  # USE_TZ is on; a naive value can only be UTC already
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _plain(value: Any) -> Any:
    """`data` as it reads back from either database: what DjangoJSONEncoder writes, parsed, with
    whole floats as ints (PostgreSQL's jsonb gives `1e16` back as `10000000000000000`)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def canonical(*, sequence: int, prev_hash: str, **content: Any) -> bytes:
    """Sorted-key compact JSON of the event's content, its place in the chain and `FORMAT`."""
    missing = set(CONTENT) - set(content)
    if missing or len(content) != len(CONTENT):
        raise TypeError(f"canonical() needs exactly {CONTENT}; missing {sorted(missing)}")
    body = dict(content)
    body["occurred_at"] = _utc(content["occurred_at"])
    body["data"] = _plain(json.loads(json.dumps(content["data"], cls=DjangoJSONEncoder)))
    body.update(v=FORMAT, sequence=sequence, prev_hash=prev_hash)
    return json.dumps(
        body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode()


def event_hash(*, sequence: int, prev_hash: str, **content: Any) -> str:
    return hashlib.sha256(canonical(sequence=sequence, prev_hash=prev_hash, **content)).hexdigest()


def content_of(event: models.Model) -> dict[str, Any]:
    return {name: getattr(event, name) for name in CONTENT}


# --- checking -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainProblem:
    """The first broken link. `kind`: gap, order, prev_mismatch, hash_mismatch, unchained, head."""

    kind: str
    sequence: int | None
    event_id: int | None
    detail: str

    def __str__(self) -> str:
        where = f"sequence {self.sequence}" if self.sequence is not None else "chain"
        event = f" (event id {self.event_id})" if self.event_id is not None else ""
        return f"{where}{event}: {self.kind}: {self.detail}"


@dataclass
class ChainReport:
    checked: int = 0
    last_sequence: int = 0
    last_hash: str = GENESIS
    unchained: int = 0
    problem: ChainProblem | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.problem is None


def walk(rows: Iterable[tuple[Any, ...]], report: ChainReport) -> ChainReport:
    """Check `rows` (tuples in `COLUMNS` order, by sequence) link by link; stop at the first
    broken one. Events keep the order of their ids along the chain (the writer inserts while it
    holds the head), so two events that swapped places show as `order`."""
    prev_id: int | None = None
    for row in rows:
        event_id, sequence, prev_hash, stored = row[0], row[1], row[2], row[3]
        expected = report.last_sequence + 1
        if sequence != expected:
            report.problem = ChainProblem(
                "gap",
                sequence,
                event_id,
                f"expected sequence {expected}: "
                f"{sequence - expected} event(s) missing before this one",
            )
            return report
        if prev_id is not None and event_id <= prev_id:
            report.problem = ChainProblem(
                "order",
                sequence,
                event_id,
                f"event id {event_id} follows event id {prev_id}: events were reordered",
            )
            return report
        if prev_hash != report.last_hash:
            report.problem = ChainProblem(
                "prev_mismatch",
                sequence,
                event_id,
                f"prev_hash {prev_hash[:16]}… is not the hash of the event before "
                f"({report.last_hash[:16]}…)",
            )
            return report
        computed = event_hash(
            sequence=sequence, prev_hash=prev_hash, **dict(zip(CONTENT, row[4:], strict=True))
        )
        if computed != stored:
            report.problem = ChainProblem(
                "hash_mismatch",
                sequence,
                event_id,
                f"stored hash {stored[:16]}…, content hashes to {computed[:16]}…: "
                "the event was changed",
            )
            return report
        report.checked += 1
        report.last_sequence, report.last_hash, prev_id = sequence, stored, event_id
    return report


def verify(
    *, events: type[models.Model], heads: type[models.Model], using: str, chunk_size: int = 2000
) -> ChainReport:
    """Walk the chain up to the head as it was when the walk began (writers may append
    meanwhile), then check the head and that no event is left out of the chain."""
    started = time.perf_counter()
    report = ChainReport()
    head: Any = heads._base_manager.using(using).filter(pk=1).first()
    chained = events._base_manager.using(using).filter(sequence__isnull=False)
    if head is not None:
        chained = chained.filter(sequence__lte=head.sequence)
    rows: Iterator[tuple[Any, ...]] = (
        chained.order_by("sequence").values_list(*COLUMNS).iterator(chunk_size=chunk_size)
    )
    walk(rows, report)
    if report.ok:
        _check_head(report, head)
    if report.ok and head is not None:
        _check_nothing_past_head(report, events, heads, using, head.sequence)
    if report.ok:
        unchained = events._base_manager.using(using).filter(sequence__isnull=True)
        report.unchained = unchained.count()
        if report.unchained:
            first = unchained.order_by("id").values_list("id", flat=True).first()
            report.problem = ChainProblem(
                "unchained",
                None,
                first,
                f"{report.unchained} event(s) are outside the chain "
                "(bulk-inserted and never chained, or their link was removed)",
            )
    report.seconds = time.perf_counter() - started
    return report


def _check_head(report: ChainReport, head: Any) -> None:
    if head is None:
        if report.checked:
            report.problem = ChainProblem(
                "head", None, None, f"the chain head row is missing ({report.checked} events)"
            )
        return
    if (head.sequence, head.hash) != (report.last_sequence, report.last_hash):
        report.problem = ChainProblem(
            "head",
            head.sequence,
            None,
            f"the chain head is sequence {head.sequence} ({head.hash[:16]}…) but the chain "
            f"ends at sequence {report.last_sequence} ({report.last_hash[:16]}…): "
            "events at the end are missing",
        )


def _check_nothing_past_head(
    report: ChainReport, events: Any, heads: Any, using: str, walked_to: int
) -> None:
    """Events past the head are writers that appended during the walk, unless the head (read
    again now) is still behind them: then it was moved back."""
    past = events._base_manager.using(using).filter(sequence__gt=walked_to)
    last = past.order_by("-sequence").values_list("sequence", flat=True).first()
    if last is None:
        return
    head_now = heads._base_manager.using(using).filter(pk=1).first()
    if head_now is None or head_now.sequence < last:
        report.problem = ChainProblem(
            "head",
            walked_to,
            None,
            f"the chain continues to sequence {last} past its head (sequence "
            f"{head_now.sequence if head_now else '—'}): the head was moved back",
        )


# --- linking events inserted in bulk --------------------------------------------------------------


def link_unchained(
    *, events: type[models.Model], head: Any, using: str, batch_size: int = 2000
) -> int:
    """Give the events with no sequence, in id order, the next links after `head` (a locked
    `AuditChainHead`, historical or real) and move the head. Reads by keyset in batches and
    updates with one executemany per batch, so memory stays flat (50,000 events: see
    docs/dev/audit-chain.md for the timing)."""
    connection = connections[using]
    qn = connection.ops.quote_name
    # Identifiers from the model's metadata, quoted; the values are parameters.
    table = qn(events._meta.db_table)
    sql = f"UPDATE {table} SET sequence = %s, prev_hash = %s, hash = %s WHERE id = %s"  # noqa: S608
    unchained = events._base_manager.using(using).filter(sequence__isnull=True).order_by("id")
    sequence, prev_hash = head.sequence, head.hash
    last_id, linked = 0, 0
    while True:
        batch = list(unchained.filter(id__gt=last_id).values_list("id", *CONTENT)[:batch_size])
        if not batch:
            break
        updates = []
        for row in batch:
            sequence += 1
            digest = event_hash(
                sequence=sequence, prev_hash=prev_hash, **dict(zip(CONTENT, row[1:], strict=True))
            )
            updates.append((sequence, prev_hash, digest, row[0]))
            prev_hash = digest
        with connection.cursor() as cursor:
            cursor.executemany(sql, updates)
        last_id, linked = batch[-1][0], linked + len(batch)
    if linked:
        head.sequence, head.hash = sequence, prev_hash
        head.save(update_fields=["sequence", "hash"])
    return linked
