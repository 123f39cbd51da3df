"""Writes of the IATI app: import, match decisions, finding decisions (issue 17)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mitra.audit.services import audit_event_record
from mitra.core.exceptions import ApplicationError
from mitra.monitoring.services import follow_up_add
from mitra.sanctions.models import SanctionCase
from mitra.sanctions.services import sanction_case_open

from . import store
from .models import (
    ActivityMatch,
    ExchangeRate,
    Finding,
    FollowUp,
    ImportRun,
    MatchStatus,
    OrganizationIdentifier,
    OrganizationMatch,
)
from .parse import (
    DEFAULT_MAX_BYTES,
    HostileXML,
    OutOfScope,
    ParsedActivity,
    Problem,
    activity_from_raw,
    iter_activities,
)
from .selectors import follow_up_allowed, monitoring_finding_choices

if TYPE_CHECKING:
    from mitra.accounts.models import User

# The import writes a batch when it holds BATCH activities or BATCH_BYTES of raw XML, whichever
# comes first (what it holds in memory stays small whatever the files), and commits when a file
# ends or COMMIT_BYTES were written (each commit rewrites the index pages it touched, so a commit
# per small batch would cost a sixth more time; the lock is still held for a short while only).
BATCH = 250
BATCH_BYTES = 128 * 1024
COMMIT_BYTES = 8 * 1024 * 1024
# The run's counts are saved between files at most this often (and when it ends): a save per
# file was a tenth of an import of 89 small files in scope "indonesia".
RUN_SAVE_SECONDS = 2.0
CHILDREN = store.CHILDREN  # (ParsedActivity attribute, child model), also used by the bench
# Activities outside the scope are looked up (were they stored before?) per OUTSIDE of them or
# per OUTSIDE_BYTES of their raw XML (kept until then, in case one was).
OUTSIDE = 500
OUTSIDE_BYTES = 512 * 1024

# MITRA["IATI_IMPORT_SCOPE"] (ADR 0024): what an import stores.
SCOPE_INDONESIA = "indonesia"  # the activities that concern Indonesia (and those stored before)
SCOPE_ALL = "all"  # every activity

Progress = Callable[..., None]


def _require_operator(actor: User | None) -> None:
    if actor is not None and not actor.is_operator:
        raise ApplicationError(_("Only operators may do this."))


def max_bytes() -> int:
    return int(getattr(settings, "IATI_MAX_FILE_BYTES", DEFAULT_MAX_BYTES))


def import_scope() -> str:
    """SCOPE_INDONESIA (default) or SCOPE_ALL (`MITRA["IATI_IMPORT_SCOPE"]`); anything else is a
    configuration error."""
    scope = settings.MITRA.get("IATI_IMPORT_SCOPE", SCOPE_INDONESIA)
    if scope not in (SCOPE_INDONESIA, SCOPE_ALL):
        raise ImproperlyConfigured(
            f'MITRA["IATI_IMPORT_SCOPE"] must be "indonesia" or "all", not {scope!r}.'
        )
    return str(scope)


@dataclass
class _Source:
    name: str
    stream: IO[bytes]


def iati_import(
    *,
    sources: Iterable[tuple[str, IO[bytes]]],
    actor: User | None,
    job_id: int | None = None,
    progress: Progress | None = None,
) -> ImportRun:
    """Import IATI activity files; each batch of activities commits on its own (a re-run
    stores only what changed, so starting over is safe). A hostile file fails the run with
    a clear message (ApplicationError); malformed activities are skipped and listed.

    In scope "indonesia" (`import_scope()`, ADR 0024) an activity that does not concern
    Indonesia is counted (`out_of_scope_count`) and not stored, unless an earlier import stored
    it: that one is kept current as in scope "all" (updated with `in_indonesia` false)."""
    _require_operator(actor)
    scope = import_scope()
    items = [_Source(name, stream) for name, stream in sources]
    run = ImportRun.objects.create(
        source=", ".join(s.name for s in items)[:500],
        job_id=job_id,
        created_by=actor,
        scope=scope,
    )
    writer = store.Writer(run)
    try:
        saved = time.monotonic()
        for source in items:
            _import_one(run, source, progress, writer)
            if time.monotonic() - saved >= RUN_SAVE_SECONDS:  # the counts so far, for the list
                run.save()
                saved = time.monotonic()
    except HostileXML as exc:
        message = _("%(file)s was refused: %(reason)s") % {"file": source.name, "reason": exc}
        with transaction.atomic():
            run.fail(message)
            run.finished_at = timezone.now()
            run.save()
            audit_event_record(
                event="iati_import.failed",
                target=run,
                actor=actor,
                data={"new": {"error": message}},
            )
        raise ApplicationError(message, extra={"file": [message]}) from None
    with transaction.atomic():
        run.succeed()
        run.finished_at = timezone.now()
        run.save()
        audit_event_record(
            event="iati_import.finished",
            target=run,
            actor=actor,
            data={"new": import_summary(run)},
        )
    return run


def import_summary(run: ImportRun) -> dict[str, Any]:
    return {
        "run": run.pk,
        "activities": run.activities_seen,
        "created": run.created_count,
        "updated": run.updated_count,
        "unchanged": run.unchanged_count,
        "skipped": run.skipped_count,
        "scope": run.scope,
        "not_indonesia": run.out_of_scope_count,
        "problems": run.problems[:200],
        "bytes": run.bytes_read,
    }


def _import_one(
    run: ImportRun, source: _Source, progress: Progress | None, writer: store.Writer
) -> None:
    items = iter_activities(
        source.stream, max_bytes=max_bytes(), indonesia_only=run.scope == SCOPE_INDONESIA
    )
    done = False
    while not done:
        with transaction.atomic():  # a failure keeps what was committed; a re-run skips it
            done = _write_some(run, source.name, items, progress, writer)
    position = getattr(source.stream, "tell", None)
    run.bytes_read += int(position()) if callable(position) else 0


def _write_some(
    run: ImportRun,
    name: str,
    items: Iterator[ParsedActivity | Problem | OutOfScope],
    progress: Progress | None,
    writer: store.Writer,
) -> bool:
    """Write batches until COMMIT_BYTES were written (False) or the file ends (True).

    A repeated identifier: the later version wins, as it would in scope "all" (a later one
    outside the scope replaces an earlier one in the batch; a later one inside the scope
    replaces one waiting to be looked up)."""
    batch: dict[str, ParsedActivity] = {}
    outside: dict[str, OutOfScope] = {}
    size = written = outside_size = 0
    for item in items:
        if isinstance(item, Problem):
            run.skipped_count += 1
            run.problems.append({"file": name, "line": item.line, "message": item.message})
            continue
        run.activities_seen += 1
        if isinstance(item, OutOfScope):
            if item.identifier in batch:
                size += _add_stored(run, name, batch, item)
            else:
                outside[item.identifier] = item
                outside_size += len(item.raw)
                if len(outside) < OUTSIDE and outside_size < OUTSIDE_BYTES:
                    continue
                size += _resolve(run, name, writer, batch, outside)
                outside_size = 0
                if progress:
                    progress(run.activities_seen, stage="parsing")
        else:
            outside.pop(item.identifier, None)
            batch[item.identifier] = item
            size += len(item.raw)
        if len(batch) >= BATCH or size >= BATCH_BYTES:
            writer.store(list(batch.values()))
            batch = {}
            written += size
            size = 0
            if progress:
                progress(run.activities_seen, stage="parsing")
            if written >= COMMIT_BYTES:
                _resolve_and_store(run, name, writer, {}, outside)
                return False
    _resolve_and_store(run, name, writer, batch, outside)
    return True


def _resolve(
    run: ImportRun,
    name: str,
    writer: store.Writer,
    batch: dict[str, ParsedActivity],
    outside: dict[str, OutOfScope],
) -> int:
    """Empty `outside` (activities outside the scope): those an earlier import stored join the
    batch (read now, as in scope "all"), the others are counted. Returns the raw bytes added."""
    added = 0
    if outside:
        stored = writer.stored_identifiers(list(outside))
        for identifier, item in outside.items():
            if identifier in stored:
                added += _add_stored(run, name, batch, item)
            else:
                run.out_of_scope_count += 1
        outside.clear()
    return added


def _resolve_and_store(
    run: ImportRun,
    name: str,
    writer: store.Writer,
    batch: dict[str, ParsedActivity],
    outside: dict[str, OutOfScope],
) -> None:
    _resolve(run, name, writer, batch, outside)
    if batch:
        writer.store(list(batch.values()))


def _add_stored(
    run: ImportRun, name: str, batch: dict[str, ParsedActivity], item: OutOfScope
) -> int:
    """Read an activity outside the scope fully and put it in the batch (a malformed one is
    listed as in scope "all", and does not replace an earlier version)."""
    try:
        parsed = activity_from_raw(item)
    except ValueError as exc:
        run.skipped_count += 1
        run.problems.append({"file": name, "line": item.line, "message": str(exc)})
        return 0
    batch[item.identifier] = parsed
    return len(parsed.raw)


def iati_import_paths(*, paths: Iterable[str | Path], actor: User | None) -> ImportRun:
    handles = [open(p, "rb") for p in paths]  # noqa: SIM115  (closed below)
    try:
        return iati_import(sources=[(Path(h.name).name, h) for h in handles], actor=actor)
    finally:
        for handle in handles:
            handle.close()


# Review queue decisions -----------------------------------------------------------------------


def _decide(
    model: type[OrganizationMatch] | type[ActivityMatch], pk: int, confirm: bool, actor: User
) -> Any:
    _require_operator(actor)
    with transaction.atomic():
        match = model.objects.select_for_update().filter(pk=pk).first()
        if match is None or match.status != MatchStatus.PROPOSED:
            raise ApplicationError(_("This match has already been decided."))
        old = match.status
        match.confirm() if confirm else match.reject()
        match.decided_by = actor
        match.decided_at = timezone.now()
        match.save()
        name = "iati_org_match" if model is OrganizationMatch else "iati_activity_match"
        audit_event_record(
            event=f"{name}.{'confirmed' if confirm else 'rejected'}",
            target=match,
            actor=actor,
            data={"old": {"status": old}, "new": {"status": match.status}},
        )
        return match


def organization_match_decide(*, match_id: int, confirm: bool, actor: User) -> OrganizationMatch:
    return _decide(OrganizationMatch, match_id, confirm, actor)


def activity_match_decide(*, match_id: int, confirm: bool, actor: User) -> ActivityMatch:
    return _decide(ActivityMatch, match_id, confirm, actor)


def organization_identifier_add(
    *, organization_id: int, identifier: str, actor: User
) -> OrganizationIdentifier:
    """Record an identifier the organization has under a registration agency's prefix."""
    from .matching import agency_of

    _require_operator(actor)
    identifier = identifier.strip()
    agency = agency_of(identifier)
    errors: dict[str, list[str]] = {}
    if not agency:
        errors["identifier"] = [
            _("The identifier does not start with a registration agency's prefix (e.g. ID-KLN-).")
        ]
    elif OrganizationIdentifier.objects.filter(identifier__iexact=identifier).exists():
        errors["identifier"] = [_("This identifier is already recorded.")]
    if errors:
        raise ApplicationError(_("The identifier was not saved."), extra=errors)
    with transaction.atomic():
        row = OrganizationIdentifier.objects.create(
            organization_id=organization_id,
            identifier=identifier,
            agency=agency,
            created_by=actor,
        )
        audit_event_record(
            event="iati_identifier.created",
            target=row,
            actor=actor,
            data={"new": {"identifier": identifier, "agency": agency}},
        )
    return row


# Findings ------------------------------------------------------------------------------------


def finding_dismiss(*, finding_id: int, reason: str, actor: User) -> Finding:
    _require_operator(actor)
    if not reason.strip():
        raise ApplicationError(
            _("The finding was not dismissed."), extra={"reason": [_("Give a reason.")]}
        )
    with transaction.atomic():
        finding = Finding.objects.select_for_update().filter(pk=finding_id).first()
        if finding is None or finding.status != Finding.Status.OPEN:
            raise ApplicationError(_("This finding is no longer open."))
        finding.dismiss(reason.strip())
        finding.decided_by = actor
        finding.decided_at = timezone.now()
        finding.save()
        audit_event_record(
            event="iati_finding.dismissed",
            target=finding,
            actor=actor,
            data={
                "old": {"status": "open"},
                "new": {"status": finding.status, "reason": finding.reason},
            },
        )
    return finding


def finding_follow_up(
    *,
    finding_id: int,
    note: str,
    owner: str,
    due_date: date | None,
    actor: User,
    monitoring_finding_id: int | None = None,
) -> FollowUp:
    """Turn an open finding into a follow-up (a note, who is responsible, a due date). With
    `monitoring_finding_id`, it also becomes a follow-up item of that monitoring finding
    (monitoring's service checks that the actor may edit its agreement). Who may:
    `selectors.follow_up_allowed` (operators, the TPOA secretariat, the partner ministry of
    the finding's agreement). Audited `iati_finding.followed_up`; sends no notice (neither
    does monitoring's follow-up item)."""
    errors: dict[str, list[str]] = {}
    if not note.strip():
        errors["note"] = [_("Write a note on what is to be done.")]
    if not owner.strip():
        errors["owner"] = [_("Say who is responsible.")]
    with transaction.atomic():
        finding = (
            Finding.objects.select_for_update(of=("self",))
            .select_related("agreement")
            .filter(pk=finding_id)
            .first()
        )
        if finding is None or finding.status != Finding.Status.OPEN:
            raise ApplicationError(_("This finding is no longer open."))
        if not follow_up_allowed(actor, finding):
            raise ApplicationError(_("You may not follow up this finding."))
        item = None
        if monitoring_finding_id is not None and not errors:
            if monitoring_finding_id not in monitoring_finding_choices(user=actor, finding=finding):
                errors["monitoring_finding"] = [
                    _("Choose a monitoring finding on this organization's agreements.")
                ]
            else:
                item = follow_up_add(
                    finding_id=monitoring_finding_id,
                    description=_("IATI: %(kind)s (%(key)s). %(note)s")
                    % {
                        "kind": finding.get_kind_display(),
                        "key": finding.key,
                        "note": note.strip(),
                    },
                    owner=owner,
                    due_date=due_date,
                    actor=actor,
                )
        if errors:
            raise ApplicationError(_("The follow-up was not saved."), extra=errors)
        record = FollowUp.objects.create(
            finding=finding,
            note=note.strip(),
            owner=owner.strip(),
            due_date=due_date,
            monitoring_item=item,
            created_by=actor,
        )
        finding.follow_up(reason=note.strip(), monitoring_item_id=item.pk if item else None)
        finding.decided_by = actor
        finding.decided_at = timezone.now()
        finding.save()
        audit_event_record(
            event="iati_finding.followed_up",
            target=finding,
            actor=actor,
            data={
                "old": {"status": "open"},
                "new": {
                    "status": finding.status,
                    "follow_up": record.pk,
                    "owner": record.owner,
                    "due_date": due_date.isoformat() if due_date else None,
                    "monitoring_item": item.pk if item else None,
                },
            },
        )
    return record


def follow_up_escalate(*, finding_id: int, actor: User) -> FollowUp:
    """Escalate a finding's follow-up to a sanction case (once), through the sanctions
    service: a reported violation against the finding's organization, its source detail
    naming the finding. Who may: as for the follow-up. Audited `iati_follow_up.escalated`."""
    with transaction.atomic():
        record = (
            FollowUp.objects.select_for_update(of=("self",))
            .select_related("finding__agreement", "finding__organization")
            .filter(finding_id=finding_id)
            .first()
        )
        if record is None:
            raise ApplicationError(_("Turn the finding into a follow-up first."))
        finding = record.finding
        if not follow_up_allowed(actor, finding):
            raise ApplicationError(_("You may not follow up this finding."))
        if record.sanction_case_id:
            raise ApplicationError(_("This follow-up was already escalated."))
        if finding.organization is None:
            raise ApplicationError(
                _("The finding names no registered organization to open a case against.")
            )
        case = sanction_case_open(
            organization=finding.organization,
            violation=_("IATI: %(kind)s. %(note)s")
            % {"kind": finding.get_kind_display(), "note": record.note},
            source=SanctionCase.Source.MONITORING,
            source_detail=_("IATI cross-check finding %(key)s") % {"key": finding.key},
            actor=actor,
        )
        record.sanction_case = case
        record.escalated_by = actor
        record.escalated_at = timezone.now()
        record.save()
        audit_event_record(
            event="iati_follow_up.escalated",
            target=finding,
            actor=actor,
            data={"new": {"follow_up": record.pk, "sanction_case": case.pk}},
        )
    return record


def exchange_rate_set(
    *, currency: str, month: date, usd_per_unit: Any, actor: User
) -> ExchangeRate:
    _require_operator(actor)
    currency = (currency or "").strip().upper()
    errors: dict[str, list[str]] = {}
    if len(currency) != 3 or not currency.isalpha():
        errors["currency"] = [_("Give a three-letter ISO 4217 code.")]
    try:
        from decimal import Decimal

        rate = Decimal(str(usd_per_unit))
        if not rate.is_finite() or rate <= 0:
            raise ValueError
    except (ValueError, ArithmeticError):
        errors["usd_per_unit"] = [_("Give a positive number.")]
    if errors:
        raise ApplicationError(_("The exchange rate was not saved."), extra=errors)
    month = month.replace(day=1)
    with transaction.atomic():
        row, created = ExchangeRate.objects.select_for_update().get_or_create(
            currency=currency, month=month, defaults={"usd_per_unit": rate, "created_by": actor}
        )
        old = None if created else str(row.usd_per_unit)
        row.usd_per_unit = rate
        row.save()
        audit_event_record(
            event="iati_exchange_rate.set",
            target=row,
            actor=actor,
            data={"old": {"usd_per_unit": old}, "new": {"usd_per_unit": str(rate)}},
        )
    return row
