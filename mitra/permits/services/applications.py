"""The application itself: drafting, submitting, verification, queries, withdrawal."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from mitra.agreements import documents as document_checks
from mitra.audit.services import audit_event_record
from mitra.bodies.models import GovernmentBody
from mitra.core.concurrency import serialise, unique_or_conflict
from mitra.core.dates import today
from mitra.core.exceptions import ApplicationError, Conflict
from mitra.deadlines.engine import period_in_force
from mitra.notifications.services import notify
from mitra.organizations.models import ForeignOrganization

from .. import notices, roles, validation
from ..conf import RULE_EXTENSION_FILING, setting
from ..models import DOCUMENT_LABELS, Application, ApplicationDocument, Permit, StageVisit, Track
from ..routes import route_for
from ._common import (
    S,
    _lock,
    _move,
    _now,
    _query_number,
    _require_applicant,
    _require_secretariat,
    _return,
)

if TYPE_CHECKING:
    from mitra.accounts.models import User


@dataclass
class ApplicationInput:
    """The task-list sections an applicant fills in (any may be empty in a draft)."""

    profile: dict[str, str] = field(default_factory=dict)
    programmes: str = ""
    provinces: Iterable[Any] = ()
    partner_ministry: GovernmentBody | None = None
    funding_sources: str = ""
    funding_amount: Decimal | None = None
    funding_currency: str = "USD"
    local_partners: str = ""
    changes_summary: str = ""
    # An extension's "what changed" per section (validation.CHANGE_SECTIONS → text); None
    # keeps what is stored (a caller that does not send the per-section answers).
    section_changes: dict[str, str] | None = None


PROFILE_FIELDS = [
    "legal_name",
    "country",
    "headquarters",
    "indonesian_office",
    "representative_name",
    "representative_nationality",
    "vision_mission",
]


def track_for(organization: ForeignOrganization) -> str:
    """The application track of the organization's filing route (routes.py): ormas asing the
    TPOA, regional, multilateral and UN organizations the multilateral working group.

    Refuses (ApplicationError naming the route) the kinds whose route files no izin prinsip
    application: foreign local governments (KSDPL/KSDLL under the regional government) and
    bilateral development agencies (technical cooperation with Biro KTLN)."""
    route = route_for(organization)
    if not route.track:
        raise ApplicationError(
            _(
                "%(org)s (%(kind)s) files no izin prinsip application: its cooperation "
                "follows another route, %(route)s, handled by %(handled_by)s."
            )
            % {
                "org": organization.legal_name,
                "kind": organization.get_kind_display(),
                "route": route.label,
                "handled_by": route.handled_by,
            },
            {"organization": [str(route.label)]},
        )
    return route.track


def _next_reference(track: str, year: int) -> str:
    # Two applications started at once (for different organizations) must not take the same
    # number: the second waits here until the first committed (core.concurrency.serialise).
    serialise("permits.application_reference")
    prefix = f"{'TPOA' if track == Track.TPOA else 'MLC'}-{year}-"
    last = (
        Application.objects.filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


def _write_sections(application: Application, data: ApplicationInput) -> None:
    application.profile = {k: str(data.profile.get(k, "") or "").strip() for k in PROFILE_FIELDS}
    application.programmes = data.programmes.strip()
    application.partner_ministry = data.partner_ministry.root() if data.partner_ministry else None
    application.funding_sources = data.funding_sources.strip()
    application.funding_amount = data.funding_amount
    application.funding_currency = (data.funding_currency or "").strip().upper()[:3]
    application.local_partners = data.local_partners.strip()
    application.changes_summary = data.changes_summary.strip()
    if data.section_changes is not None:
        application.section_changes = {
            name: str(data.section_changes.get(name) or "").strip()
            for name in validation.CHANGE_SECTIONS
            if str(data.section_changes.get(name) or "").strip()
        }


CHANGE_TEXT_MAX = 2000


def _validate_sections(data: ApplicationInput) -> None:
    errors: dict[str, list[str]] = {}
    if data.funding_amount is not None and data.funding_amount < 0:
        errors["funding_amount"] = [_("The amount cannot be negative.")]
    currency = (data.funding_currency or "").strip()
    if currency and (len(currency) != 3 or not currency.isalpha()):
        errors["funding_currency"] = [_("Use a three-letter currency code such as USD.")]
    for name, text in (data.section_changes or {}).items():
        if name not in validation.CHANGE_SECTIONS:
            errors["section_changes"] = [_("Unknown section: %(name)s.") % {"name": name}]
        elif len(str(text or "")) > CHANGE_TEXT_MAX:
            errors[f"changes_{name}"] = [
                _("Keep it under %(max)d characters.") % {"max": CHANGE_TEXT_MAX}
            ]
    if errors:
        raise ApplicationError(_("The application was not saved."), errors)


def initial_from_organization(organization: ForeignOrganization) -> ApplicationInput:
    return ApplicationInput(
        profile={
            "legal_name": organization.legal_name,
            "country": str(organization.country),
            "headquarters": organization.headquarters,
            "indonesian_office": organization.indonesian_office,
        }
    )


def initial_from_application(previous: Application) -> ApplicationInput:
    """An extension starts from the current record: every section copied."""
    return ApplicationInput(
        profile=dict(previous.profile),
        programmes=previous.programmes,
        provinces=list(previous.provinces.all()),
        partner_ministry=previous.partner_ministry,
        funding_sources=previous.funding_sources,
        funding_amount=previous.funding_amount,
        funding_currency=previous.funding_currency,
        local_partners=previous.local_partners,
    )


@transaction.atomic
def application_create(
    *,
    organization: ForeignOrganization,
    actor: "User",
    data: ApplicationInput | None = None,
    extends: Permit | None = None,
) -> Application:
    """Start an application (draft). An extension (`extends` = the current izin prinsip) is
    pre-filled from that permit's application, or from the registry when there is none.

    Refuses: an actor who is not the organization's representative (or an operator); a second
    open application of the same kind; an extension of another organization's, or an ended,
    permit.
    """
    if not (getattr(actor, "is_operator", False) or roles.is_applicant(actor, organization.pk)):
        raise ApplicationError(_("Only the applying organization may do this."))
    ForeignOrganization.objects.select_for_update().filter(pk=organization.pk).first()
    kind = Application.Kind.EXTENSION if extends is not None else Application.Kind.NEW
    if extends is not None:
        if extends.organization_id != organization.pk:
            raise ApplicationError(_("This permit belongs to another organization."))
        if not extends.in_force:  # active or suspended (the holder's status)
            raise ApplicationError(_("Only a current izin prinsip can be extended."))
        if hasattr(extends, "extended_by"):
            raise ApplicationError(_("This izin prinsip was already extended."))
    open_same = Application.objects.filter(
        organization=organization, kind=kind, status__in=Application.OPEN
    ).first()
    if open_same is not None:
        raise Conflict(
            _("%(org)s already has an open application of this kind: %(ref)s.")
            % {"org": organization.legal_name, "ref": open_same.reference}
        )
    if data is None:
        if extends is not None and extends.application is not None:
            data = initial_from_application(extends.application)
        else:
            data = initial_from_organization(organization)
    _validate_sections(data)
    track = track_for(organization)
    application = Application(
        organization=organization,
        kind=kind,
        track=track,
        extends=extends,
        reference=_next_reference(track, today().year),
        created_by=actor if actor is not None and actor.pk else None,
        stage_since=_now(),
    )
    _write_sections(application, data)
    with unique_or_conflict(
        _("%(org)s already has an open application of this kind.")
        % {"org": organization.legal_name}
    ):
        application.save()
    application.provinces.set(list(data.provinces))
    StageVisit.objects.create(
        application=application, stage=S.DRAFT, kind=kind, track=track, entered_at=_now()
    )
    audit_event_record(
        event="permit_application.created",
        target=application,
        actor=actor,
        data={"new": {"reference": application.reference, "kind": kind, "track": track}},
    )
    if extends is not None and extends.application is not None:
        _carry_over_documents(application, extends.application, actor)
    return application


def _carry_over_documents(application: Application, source: Application, actor: "User") -> None:
    """Re-use the current application's documents that are still valid
    (validation.document_carries_over): each item's latest version, the same stored file,
    pointing at the version it came from and awaiting the applicant's confirmation."""
    on = today()
    carried = []
    for item, original in sorted(validation.latest_documents(source).items()):
        if not validation.document_carries_over(original, on):
            continue
        document = ApplicationDocument(
            application=application,
            item=item,
            version=1,
            file=original.file.name,
            original_name=original.original_name,
            content_type=original.content_type,
            size=original.size,
            sha256=original.sha256,
            uploaded_by=original.uploaded_by,
            expires_on=original.expires_on,
            carried_from=original,
        )
        document.save()
        carried.append(
            {
                "item": item,
                "from": source.reference,
                "version": original.version,
                "sha256": original.sha256,
            }
        )
    if carried:
        audit_event_record(
            event="permit_application.documents_carried_over",
            target=application,
            actor=actor,
            data={"new": {"documents": carried}},
        )


@transaction.atomic
def application_update(
    *,
    application_id: int,
    data: ApplicationInput,
    actor: "User",
    expected_version: int | None = None,
) -> Application:
    """Save the task list (a draft may be incomplete). Only in draft or returned for revision.
    `expected_version`: the version the caller read (StaleVersion when it changed; None: no
    check)."""
    application = _lock(application_id, expected_version)
    _require_applicant(actor, application)
    if application.status not in (S.DRAFT, S.RETURNED):
        raise ApplicationError(
            _("The application can only be changed as a draft or when returned.")
        )
    _validate_sections(data)
    _write_sections(application, data)
    application.save()
    application.provinces.set(list(data.provinces))
    audit_event_record(
        event="permit_application.updated",
        target=application,
        actor=actor,
        data={"new": {"sections": validation.section_status(application)}},
    )
    return application


def application_document_upload(
    *,
    application_id: int,
    item: str,
    upload: UploadedFile,
    actor: "User",
    expires_on: date | None = None,
) -> ApplicationDocument:
    """Store one checklist document (PDF/DOCX/ODT judged by content, size limit), with the
    last day it is valid where it has one (`expires_on`, not in the past). A new version of a
    carried-over document replaces it."""
    if item not in DOCUMENT_LABELS:
        raise ApplicationError(_("Unknown checklist item."), {"item": [_("Unknown item.")]})
    if expires_on is not None and expires_on < today():
        raise ApplicationError(
            _("The document was not stored."),
            {"expires_on": [_("This document is no longer valid: upload a current one.")]},
        )
    checked = document_checks.checked_upload(upload)
    with transaction.atomic():
        application = _lock(application_id)
        _require_applicant(actor, application)
        if application.status not in (S.DRAFT, S.RETURNED):
            raise ApplicationError(
                _("Documents can only be added to a draft or a returned application.")
            )
        latest = application.documents.filter(item=item).order_by("-version").first()
        document = document_checks.store_upload(
            ApplicationDocument(
                application=application,
                item=item,
                version=(latest.version + 1) if latest else 1,
                uploaded_by=actor if actor is not None and actor.pk else None,
                expires_on=expires_on,
            ),
            checked,
        )
        audit_event_record(
            event="permit_application.document_uploaded",
            target=application,
            actor=actor,
            data={
                "new": {
                    "item": item,
                    "version": document.version,
                    "sha256": document.sha256,
                    "expires_on": expires_on.isoformat() if expires_on else None,
                    "replaces_carried": bool(latest is not None and latest.is_carried),
                }
            },
        )
    return document


@transaction.atomic
def application_documents_confirm(
    *, application_id: int, items: list[str], actor: "User"
) -> list[ApplicationDocument]:
    """The applicant confirms that documents carried over from the current application are
    still current. Each item's latest version must be a carried-over one not yet confirmed;
    otherwise nothing is confirmed."""
    application = _lock(application_id)
    _require_applicant(actor, application)
    if application.status not in (S.DRAFT, S.RETURNED):
        raise ApplicationError(
            _("Documents can only be confirmed in a draft or a returned application.")
        )
    if not items:
        raise ApplicationError(
            _("No document was confirmed."), {"items": [_("Choose at least one document.")]}
        )
    latest = validation.latest_documents(application)
    wrong = [item for item in items if item not in latest or not latest[item].needs_confirmation]
    if wrong:
        raise ApplicationError(
            _("No document was confirmed."),
            {
                "items": [
                    _("Not a carried-over document awaiting confirmation: %(items)s.")
                    % {"items": ", ".join(str(DOCUMENT_LABELS.get(i, i)) for i in wrong)}
                ]
            },
        )
    now = _now()
    confirmed = []
    for item in dict.fromkeys(items):
        document = latest[item]
        document.confirmed_at = now
        document.confirmed_by = actor if actor is not None and actor.pk else None
        document.save(update_fields=["confirmed_at", "confirmed_by"])
        confirmed.append(document)
    audit_event_record(
        event="permit_application.documents_confirmed",
        target=application,
        actor=actor,
        data={
            "new": {
                "documents": [
                    {"item": d.item, "version": d.version, "sha256": d.sha256} for d in confirmed
                ]
            }
        },
    )
    return confirmed


@transaction.atomic
def application_submit(*, application_id: int, actor: "User") -> Application:
    """Submit a complete application. Checks the task list, the eligibility gates and, for an
    extension, the filing window (late: flagged, or refused when so configured)."""
    application = _lock(application_id)
    _require_applicant(actor, application)
    if application.status != S.DRAFT:
        raise ApplicationError(_("Only a draft can be submitted."))
    problems = validation.missing_sections(application)
    problems.update(validation.eligibility_problems(application))
    if problems:
        raise ApplicationError(_("The application is not complete."), problems)
    late = False
    extends = application.extends
    if application.kind == Application.Kind.EXTENSION and extends is not None:
        late = validation.extension_is_late(extends.valid_until, today())
        if late and setting("EXTENSION_LATE_BLOCKS"):
            raise ApplicationError(
                _("An extension must be filed by %(day)s, %(period)s before the permit ends.")
                % {
                    "day": validation.extension_deadline(extends.valid_until),
                    "period": period_in_force(RULE_EXTENSION_FILING, extends.valid_until),
                },
                {"extends": [_("Filed too late.")]},
            )
    application.late_filing = late
    application.submitted_on = today()
    _move(application, "submit", actor, "permit_application.submitted", {"late_filing": late})
    notify(event=notices.APPLICATION_SUBMITTED, subject=application, actor=actor)
    return application


@transaction.atomic
def application_resubmit(*, application_id: int, response_text: str, actor: "User") -> Application:
    """Answer the secretariat's query; the application returns to verification."""
    application = _lock(application_id)
    _require_applicant(actor, application)
    if not response_text.strip():
        raise ApplicationError(
            _("Answer the query before resubmitting."), {"response_text": [_("Required.")]}
        )
    if application.status != S.RETURNED:
        raise ApplicationError(_("Only a returned application can be resubmitted."))
    problems = validation.missing_sections(application)
    if problems:
        raise ApplicationError(_("The application is not complete."), problems)
    application.response_text = response_text.strip()
    _move(application, "resubmit", actor, "permit_application.resubmitted")
    notify(
        event=notices.APPLICATION_ANSWERED,
        subject=application,
        actor=actor,
        key=str(_query_number(application)),
    )
    return application


@transaction.atomic
def application_withdraw(*, application_id: int, actor: "User", reason: str = "") -> Application:
    application = _lock(application_id)
    _require_applicant(actor, application)
    _move(application, "withdraw", actor, "permit_application.withdrawn", {"reason": reason})
    return application


@transaction.atomic
def application_open_verification(*, application_id: int, actor: "User") -> Application:
    application = _lock(application_id)
    _require_secretariat(actor, application)
    _move(application, "open_verification", actor, "permit_application.verification_opened")
    return application


@transaction.atomic
def application_return(
    *,
    application_id: int,
    reasons: list[str],
    text: str,
    actor: "User",
    deadline: date | None = None,
) -> Application:
    """Return to the applicant with coded reasons and a deadline (default: the period of the
    `application.query_response` rule, 15 working days unless an operator changed it)."""
    application = _lock(application_id)
    _require_secretariat(actor, application)
    if application.status != S.VERIFICATION:
        raise ApplicationError(_("Only an application under verification can be returned."))
    return _return(application, reasons, text, actor, deadline)
