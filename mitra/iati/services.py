"""Writes of the IATI app: import, match decisions, finding decisions (issue 17)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mitra.audit.services import audit_event_record
from mitra.core.exceptions import ApplicationError
from mitra.monitoring.services import follow_up_add
from mitra.organizations.models import normalise_name

from . import locations
from .models import (
    Activity,
    ActivityMatch,
    ActivityOrganization,
    ActivitySector,
    Budget,
    DocumentLink,
    ExchangeRate,
    Finding,
    ImportRun,
    Location,
    MatchStatus,
    Narrative,
    OrganizationIdentifier,
    OrganizationMatch,
    PlannedDisbursement,
    Recipient,
    Transaction,
)
from .parse import DEFAULT_MAX_BYTES, HostileXML, ParsedActivity, Problem, iter_activities

if TYPE_CHECKING:
    from mitra.accounts.models import User

BATCH = 250
CHILDREN: list[tuple[str, type[Any]]] = [
    ("organizations", ActivityOrganization),
    ("narratives", Narrative),
    ("recipients", Recipient),
    ("sectors", ActivitySector),
    ("locations", Location),
    ("budgets", Budget),
    ("planned_disbursements", PlannedDisbursement),
    ("transactions", Transaction),
    ("documents", DocumentLink),
]
ACTIVITY_FIELDS = [
    "iati_version",
    "raw_xml",
    "content_hash",
    "import_run",
    "last_updated",
    "default_currency",
    "language",
    "reporting_org_ref",
    "reporting_org_type",
    "reporting_org_name",
    "title",
    "status",
    "planned_start",
    "actual_start",
    "planned_end",
    "actual_end",
    "indonesia_share",
    "in_indonesia",
]

Progress = Callable[..., None]


def _require_operator(actor: User | None) -> None:
    if actor is not None and not actor.is_operator:
        raise ApplicationError(_("Only operators may do this."))


def max_bytes() -> int:
    return int(getattr(settings, "IATI_MAX_FILE_BYTES", DEFAULT_MAX_BYTES))


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
    a clear message (ApplicationError); malformed activities are skipped and listed."""
    _require_operator(actor)
    items = [_Source(name, stream) for name, stream in sources]
    run = ImportRun.objects.create(
        source=", ".join(s.name for s in items)[:500], job_id=job_id, created_by=actor
    )
    try:
        for source in items:
            _import_one(run, source, progress)
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
        "problems": run.problems[:200],
        "bytes": run.bytes_read,
    }


def _import_one(run: ImportRun, source: _Source, progress: Progress | None) -> None:
    batch: dict[str, ParsedActivity] = {}
    for item in iter_activities(source.stream, max_bytes=max_bytes()):
        if isinstance(item, Problem):
            run.skipped_count += 1
            run.problems.append({"file": source.name, "line": item.line, "message": item.message})
            continue
        run.activities_seen += 1
        batch[item.identifier] = item  # a repeated identifier: the later one wins
        if len(batch) >= BATCH:
            _store(run, list(batch.values()))
            batch = {}
            if progress:
                progress(run.activities_seen, stage="parsing")
    if batch:
        _store(run, list(batch.values()))
    position = getattr(source.stream, "tell", None)
    run.bytes_read += int(position()) if callable(position) else 0
    run.save()


@transaction.atomic
def _store(run: ImportRun, batch: list[ParsedActivity]) -> None:
    existing = {
        identifier: (pk, digest)
        for identifier, pk, digest in Activity.objects.filter(
            identifier__in=[a.identifier for a in batch]
        ).values_list("identifier", "id", "content_hash")
    }
    new: list[Activity] = []
    changed: list[Activity] = []
    parsed_of: dict[str, ParsedActivity] = {}
    for parsed in batch:
        known = existing.get(parsed.identifier)
        if known and known[1] == parsed.hash:
            run.unchanged_count += 1
            continue
        activity = Activity(
            identifier=parsed.identifier,
            iati_version=parsed.version,
            raw_xml=parsed.raw.decode("utf-8", errors="replace"),
            content_hash=parsed.hash,
            import_run=run,
            **{k: v for k, v in parsed.fields.items() if k in ACTIVITY_FIELDS},
        )
        parsed_of[parsed.identifier] = parsed
        if known:
            activity.pk = known[0]
            activity.imported_at = timezone.now()
            changed.append(activity)
        else:
            new.append(activity)
    if changed:
        ids = [a.pk for a in changed]
        for _name, model in CHILDREN:
            model.objects.filter(activity_id__in=ids).delete()
        Activity.objects.bulk_update(changed, [*ACTIVITY_FIELDS, "imported_at"], batch_size=100)
        run.updated_count += len(changed)
    if new:
        Activity.objects.bulk_create(new, batch_size=100)
        run.created_count += len(new)
    crosswalk = locations.crosswalk()
    stored = [*new, *changed]
    for name, model in CHILDREN:
        rows: list[dict[str, Any]] = []
        for activity in stored:
            for data in getattr(parsed_of[activity.identifier], name):
                row = {**data, "activity_id": activity.pk}
                if model is ActivityOrganization:
                    row["name_key"] = normalise_name(row["name"])[:500]
                elif model is Location:
                    row["province_id"], row["regency_id"], row["resolution"] = (
                        locations.resolve_values(row["administrative"], row["name"], crosswalk)
                    )
                rows.append(row)
        if rows:
            _insert_rows(model, rows)


def _insert_rows(model: type[Any], rows: list[dict[str, Any]]) -> None:
    """INSERT the rows with one executemany: the ORM's bulk_create spends most of the import's
    time preparing each value; these values are already what the database takes (JSON fields
    go through their field's preparation, as the ORM would)."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    names = [f.attname for f in fields]
    json_fields = {f.attname: f for f in fields if f.get_internal_type() == "JSONField"}
    defaults = {f.attname: f.get_default() for f in fields}
    params = []
    for row in rows:
        values = []
        for attname in names:
            value = row.get(attname, defaults[attname])
            if attname in json_fields:
                value = json_fields[attname].get_db_prep_save(value, connection)
            values.append(value)
        params.append(values)
    quote = connection.ops.quote_name
    # Names from the model's own metadata, quoted; values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    with connection.cursor() as cursor:
        for start in range(0, len(params), 2000):
            cursor.executemany(sql, params[start : start + 2000])


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
    monitoring_finding_id: int,
    owner: str,
    due_date: date | None,
    actor: User,
) -> Finding:
    """Turn the finding into a follow-up item of a monitoring finding (monitoring's service
    checks that the actor may edit that agreement; from there it can escalate to a sanction)."""
    with transaction.atomic():
        finding = Finding.objects.select_for_update().filter(pk=finding_id).first()
        if finding is None or finding.status != Finding.Status.OPEN:
            raise ApplicationError(_("This finding is no longer open."))
        description = _("IATI: %(kind)s (%(key)s)") % {
            "kind": finding.get_kind_display(),
            "key": finding.key,
        }
        item = follow_up_add(
            finding_id=monitoring_finding_id,
            description=description,
            owner=owner,
            due_date=due_date,
            actor=actor,
        )
        finding.follow_up(item.pk)
        finding.decided_by = actor
        finding.decided_at = timezone.now()
        finding.save()
        audit_event_record(
            event="iati_finding.followed_up",
            target=finding,
            actor=actor,
            data={
                "old": {"status": "open"},
                "new": {"status": finding.status, "follow_up": item.pk},
            },
        )
    return finding


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
