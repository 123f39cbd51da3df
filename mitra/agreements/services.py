"""Writing agreements: create, update, move through the lifecycle, documents. Each writes audit."""

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed, can_proceed

from mitra.audit.services import audit_event_record, model_snapshot, snapshot_diff
from mitra.bodies.models import GovernmentBody
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.selectors import organization_suspension_message

from . import documents
from .access import agreement_refresh_access
from .models import Agreement, AgreementDocument, AgreementParty, Signatory
from .permissions import agreement_is_editable_by
from .validation import (
    ChainCheck,
    check_izin_prinsip,
    check_period,
    check_renewal,
    end_from_duration,
)

AUDITED_FIELDS = [
    "reference", "title", "type", "status", "objective", "signing_date", "signing_place",
    "start_date", "end_date", "duration_months", "renews", "owner",
]  # fmt: skip


@dataclass
class AgreementInput:
    """What a form or API call provides for an agreement (parties as records, not ids)."""

    title: str
    type: str
    owner: GovernmentBody
    foreign_parties: Sequence[ForeignOrganization]
    other_government_parties: Sequence[GovernmentBody] = ()
    reference: str = ""
    objective: str = ""
    signing_date: date | None = None
    signing_place: str = ""
    start_date: date | None = None
    end_date: date | None = None
    duration_months: int | None = None
    renews: Agreement | None = None
    sectors: Iterable[Any] = ()
    provinces: Iterable[Any] = ()
    regencies: Iterable[Any] = ()
    shared_with: Iterable[GovernmentBody] = ()


def _require_editor(actor: Any, owner: GovernmentBody) -> None:
    """SECURITY: officers write only for their own agency; operators for any."""
    if actor is None or not actor.can_edit_records:
        raise ApplicationError(_("You may not change agreements."))
    if not actor.is_operator and actor.agency.pk != owner.root().pk:
        raise ApplicationError(_("You may only record agreements of your own agency."))


def _validate(data: AgreementInput, agreement: Agreement | None) -> ChainCheck:
    check = ChainCheck()
    if not data.title.strip():
        check.error("title", _("Give the agreement a title."))
    if data.type not in Agreement.Type.values:
        check.error("type", _("Unknown agreement type."))
    if not data.foreign_parties and data.type not in (Agreement.Type.RKT,):
        check.error("foreign_parties", _("Name at least one foreign party."))
    organization_ids = [o.pk for o in data.foreign_parties]
    if len(organization_ids) != len(set(organization_ids)):
        check.error("foreign_parties", _("Name each foreign party once."))
    body_ids = [b.pk for b in data.other_government_parties]
    if len(body_ids) != len(set(body_ids)):
        check.error("other_government_parties", _("Name each government party once."))
    if data.end_date is None and data.start_date and data.duration_months:
        data.end_date = end_from_duration(data.start_date, data.duration_months)
    if data.duration_months is not None and data.duration_months <= 0:
        check.error("duration_months", _("The duration must be at least one month."))
    check_period(check, data.start_date, data.end_date)
    check_renewal(check, agreement=agreement, predecessor=data.renews, start=data.start_date)
    check_izin_prinsip(
        check,
        type=data.type,
        foreign_parties=list(data.foreign_parties),
        start=data.start_date,
        end=data.end_date,
    )
    return check


def _denormalise(agreement: Agreement) -> None:
    """Refresh the partner names, partner kind and search text kept on the agreement row."""
    parties = list(agreement.parties.select_related("organization", "body").order_by("side", "id"))
    foreign = [p.organization for p in parties if p.organization is not None]
    agreement.partner_names = ", ".join(o.display_name for o in foreign)[:500]
    agreement.partner_kind = foreign[0].kind if foreign else ""
    words = [agreement.title, agreement.reference, agreement.partner_names]
    words += [o.search_text for o in foreign]
    words += [p.body.search_text for p in parties if p.body is not None]
    agreement.search_text = " | ".join(w.lower() for w in words if w)


def _write_parties(agreement: Agreement, data: AgreementInput) -> None:
    agreement.parties.filter(signatories__isnull=True).delete()
    kept = {(p.body_id, p.organization_id) for p in agreement.parties.all()}
    on = data.signing_date or data.start_date
    government = [data.owner, *[b for b in data.other_government_parties if b.pk != data.owner.pk]]
    for index, body in enumerate(government):
        if (body.pk, None) in kept:
            continue
        AgreementParty.objects.create(
            agreement=agreement,
            side=AgreementParty.Side.GOVERNMENT,
            role=AgreementParty.Role.LEAD if index == 0 else AgreementParty.Role.PARTY,
            body=body,
            agency=body.root(),
            name_at_signing=body_name_on(body, on),
        )
    for index, organization in enumerate(data.foreign_parties):
        if (None, organization.pk) in kept:
            continue
        AgreementParty.objects.create(
            agreement=agreement,
            side=AgreementParty.Side.FOREIGN,
            role=AgreementParty.Role.LEAD if index == 0 else AgreementParty.Role.PARTY,
            organization=organization,
            name_at_signing=organization.legal_name,
        )


def _rechain_successors(agreement: Agreement) -> None:
    """After `renews` changed, point every later renewal at the chain's (possibly new) root."""
    root = agreement.chain_root or agreement
    node = Agreement.objects.filter(renews=agreement).first()
    seen = {agreement.pk}
    while node is not None and node.pk not in seen:
        seen.add(node.pk)
        if node.chain_root_id != root.pk:
            Agreement.objects.filter(pk=node.pk).update(chain_root=root)
        node = Agreement.objects.filter(renews=node).first()


def body_name_on(body: GovernmentBody, on: date | None) -> str:
    """The body's name in force on `on`: a renamed body's predecessor if it was still valid."""
    if on is None or body.valid_from is None or on >= body.valid_from:
        return body.name
    predecessor = body.predecessors.filter(valid_until__gte=on).first()
    return predecessor.name if predecessor else body.name


def _write_relations(agreement: Agreement, data: AgreementInput) -> None:
    agreement.sectors.set(list(data.sectors))
    agreement.provinces.set(list(data.provinces))
    agreement.regencies.set(list(data.regencies))
    agreement.shared_with.set([b.root() for b in data.shared_with])


@transaction.atomic
def agreement_create(*, data: AgreementInput, actor: Any) -> Agreement:
    """Record a new agreement (status draft). Validates the period and the renewal chain.

    Raises ApplicationError with per-field messages; nothing is written then.
    Side effects: parties, relations, one `agreement.created` audit event.
    """
    data.owner = data.owner.root()
    _require_editor(actor, data.owner)
    check = _validate(data, None)
    suspension = organization_suspension_message(
        organization_ids=[o.pk for o in data.foreign_parties]
    )
    if suspension:
        check.error("foreign_parties", suspension)
    if check.errors:
        raise ApplicationError(_("The agreement was not saved."), extra=check.errors)
    agreement = Agreement(
        reference=data.reference,
        title=data.title.strip(),
        type=data.type,
        objective=data.objective,
        signing_date=data.signing_date,
        signing_place=data.signing_place,
        start_date=data.start_date,
        end_date=data.end_date,
        duration_months=data.duration_months,
        renews=data.renews,
        chain_root=(data.renews.chain_root or data.renews) if data.renews else None,
        owner=data.owner,
        created_by=actor,
    )
    agreement.save()
    _write_parties(agreement, data)
    _write_relations(agreement, data)
    agreement_refresh_access([agreement.pk])
    _denormalise(agreement)
    agreement.save(update_fields=["partner_names", "partner_kind", "search_text"])
    audit_event_record(
        event="agreement.created",
        target=agreement,
        actor=actor,
        data={"new": model_snapshot(agreement, AUDITED_FIELDS), "warnings": check.warnings},
    )
    return agreement


@transaction.atomic
def agreement_update(*, agreement_id: int, data: AgreementInput, actor: Any) -> Agreement:
    """Change an agreement's fields and parties. The status moves only by transitions."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement_id)
    data.owner = data.owner.root()
    _require_editor(actor, agreement.owner)
    _require_editor(actor, data.owner)
    if agreement.status in (Agreement.Status.SUPERSEDED, Agreement.Status.TERMINATED):
        raise ApplicationError(_("A superseded or terminated agreement can no longer change."))
    check = _validate(data, agreement)
    if check.errors:
        raise ApplicationError(_("The agreement was not saved."), extra=check.errors)
    before = model_snapshot(agreement, AUDITED_FIELDS)
    for name in [
        "reference", "type", "objective", "signing_date", "signing_place",
        "start_date", "end_date", "duration_months", "renews", "owner",
    ]:  # fmt: skip
        setattr(agreement, name, getattr(data, name))
    agreement.title = data.title.strip()
    agreement.chain_root = (data.renews.chain_root or data.renews) if data.renews else None
    agreement.save()
    _rechain_successors(agreement)
    _write_parties(agreement, data)
    _write_relations(agreement, data)
    agreement_refresh_access([agreement.pk])
    _denormalise(agreement)
    agreement.save(update_fields=["partner_names", "partner_kind", "search_text"])
    diff = snapshot_diff(before, model_snapshot(agreement, AUDITED_FIELDS))
    audit_event_record(
        event="agreement.updated",
        target=agreement,
        actor=actor,
        data={**diff, "warnings": check.warnings},
    )
    return agreement


# Transitions a user may ask for by name, and the audit event each one writes.
TRANSITIONS = {
    "submit_for_review": "agreement.submitted_for_review",
    "return_to_draft": "agreement.returned_to_draft",
    "sign": "agreement.signed",
    "activate": "agreement.activated",
    "expire": "agreement.expired",
    "terminate": "agreement.terminated",
}


def agreement_available_transitions(*, agreement: Agreement, actor: Any) -> list[str]:
    """Names of the transitions `actor` may run on `agreement` now (for buttons)."""
    if not agreement_is_editable_by(user=actor, agreement=agreement):
        return []
    return [name for name in TRANSITIONS if can_proceed(getattr(agreement, name))]


@transaction.atomic
def agreement_transition(
    *, agreement_id: int, transition: str, actor: Any, reason: str = ""
) -> Agreement:
    """Move an agreement through its lifecycle. The one entry point for status changes.

    Preconditions: `actor` may edit the agreement; the FSM allows the move; signing needs a
    signing date; activation needs the start date to have come; termination needs a reason.
    Side effects: when a renewal becomes active its predecessor is superseded (audited too).
    """
    if transition not in TRANSITIONS:
        raise ApplicationError(_("Unknown action."))
    agreement = Agreement.objects.select_for_update().get(pk=agreement_id)
    _require_editor(actor, agreement.owner)
    if transition == "sign" and agreement.signing_date is None:
        raise ApplicationError(_("Record the signing date before marking it signed."))
    if transition == "activate" and (
        agreement.start_date is None or agreement.start_date > today()
    ):
        raise ApplicationError(_("An agreement becomes active on its start date."))
    if transition == "terminate" and not reason.strip():
        raise ApplicationError(_("Give the reason for terminating the agreement."))
    _apply(agreement, transition, actor, reason=reason)
    return agreement


def _apply(agreement: Agreement, transition: str, actor: Any, reason: str = "") -> None:
    old = agreement.status
    method = getattr(agreement, transition)
    try:
        method(reason) if transition == "terminate" else method()
    except TransitionNotAllowed as exc:
        raise ApplicationError(
            _("This action is not possible while the agreement is %(status)s.")
            % {"status": agreement.get_status_display()}
        ) from exc
    agreement.save()
    audit_event_record(
        event=TRANSITIONS.get(transition, f"agreement.{transition}"),
        target=agreement,
        actor=actor,
        data={"old": {"status": old}, "new": {"status": agreement.status}, "reason": reason},
    )
    if transition == "activate" and agreement.renews_id:
        predecessor = Agreement.objects.select_for_update().get(pk=agreement.renews_id)
        if can_proceed(predecessor.supersede):
            old_predecessor = predecessor.status
            predecessor.supersede()
            predecessor.save()
            audit_event_record(
                event="agreement.superseded",
                target=predecessor,
                actor=actor,
                data={
                    "old": {"status": old_predecessor},
                    "new": {"status": predecessor.status},
                    "renewed_by": agreement.pk,
                },
            )


def agreement_refresh_statuses(*, on: date | None = None) -> dict[str, int]:
    """Daily job: activate signed agreements whose start has come; expire ended ones."""
    on = on or today()
    counts = {"activated": 0, "expired": 0}
    due_to_start = Agreement.objects.filter(status=Agreement.Status.SIGNED, start_date__lte=on)
    for pk in list(due_to_start.exclude(end_date__lt=on).values_list("pk", flat=True)):
        with transaction.atomic():
            agreement = Agreement.objects.select_for_update().get(pk=pk)
            _apply(agreement, "activate", None)
            counts["activated"] += 1
    ended = Agreement.objects.filter(
        status__in=[Agreement.Status.SIGNED, Agreement.Status.ACTIVE], end_date__lt=on
    )
    for pk in list(ended.values_list("pk", flat=True)):
        with transaction.atomic():
            agreement = Agreement.objects.select_for_update().get(pk=pk)
            _apply(agreement, "expire", None)
            counts["expired"] += 1
    return counts


@transaction.atomic
def agreement_add_signatory(
    *,
    agreement_id: int,
    party_id: int,
    title: str,
    actor: Any,
    name: str = "",
    signed_on: date | None = None,
) -> Signatory:
    """Record who signed for which party. Side effect: `agreement.signatory_added` event."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement_id)
    _require_editor(actor, agreement.owner)
    party = agreement.parties.filter(pk=party_id).first()
    if party is None:
        raise ApplicationError(_("Choose one of this agreement's parties."), {"party": ["?"]})
    if not title.strip():
        raise ApplicationError(_("Give the signatory's position."), {"title": [_("Required.")]})
    signatory = Signatory.objects.create(
        agreement=agreement,
        party=party,
        title=title.strip(),
        name=name.strip(),
        signed_on=signed_on or agreement.signing_date,
    )
    audit_event_record(
        event="agreement.signatory_added",
        target=agreement,
        actor=actor,
        data={"new": {"signatory": signatory.title, "party": str(party)}},
    )
    return signatory


def agreement_document_upload(
    *, agreement_id: int, upload: UploadedFile, title: str, kind: str, actor: Any
) -> AgreementDocument:
    """Store a PDF/DOCX/ODT. The type is judged by content, the size by the configured limit.

    A document with the same title becomes a new version; earlier versions are kept.
    """
    content_type = documents.check_upload(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    if kind not in AgreementDocument.Kind.values:
        raise ApplicationError(_("Unknown document kind."), {"kind": [_("Unknown kind.")]})
    title = title.strip() or upload.name or "document"
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement_id)
        _require_editor(actor, agreement.owner)
        latest = agreement.documents.filter(title=title).order_by("-version").first()
        document = AgreementDocument(
            agreement=agreement,
            kind=kind,
            title=title,
            version=(latest.version + 1) if latest else 1,
            original_name=(upload.name or "document")[:255],
            content_type=content_type,
            size=upload.size or 0,
            sha256=digest.hexdigest(),
            uploaded_by=actor,
        )
        document.file.save(documents.safe_name(upload.name or "document"), upload, save=False)
        document.save()
        audit_event_record(
            event="agreement.document_uploaded",
            target=agreement,
            actor=actor,
            data={
                "new": {
                    "document": title,
                    "version": document.version,
                    "sha256": document.sha256,
                }
            },
        )
    return document
