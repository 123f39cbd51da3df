"""Intake: read a press item, propose records, and create the reviewed ones in one transaction.

`intake_analyse` (no write) runs the extractor against the registry and turns its output into
a *proposal*: the reviewed-input shape with registry matches, the agreement already recorded
or the one a renewal extends. `intake_confirm` takes that shape (edited by a person, from the
review screen or the API) and writes through the agreement and organization services.
"""

import io
import re
import zipfile
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mitra.agreements.models import Agreement, AgreementParty
from mitra.agreements.services import AgreementInput, agreement_add_signatory, agreement_create
from mitra.audit.services import audit_event_record
from mitra.bodies.models import GovernmentBody
from mitra.core.exceptions import ApplicationError
from mitra.meetings.models import Attendee, Meeting
from mitra.meetings.selectors import meeting_existing
from mitra.meetings.services import (
    MeetingInput,
    meeting_attendee_add,
    meeting_create,
    meeting_invite_body,
    meeting_record_signing,
    meeting_transition,
)
from mitra.organizations.models import ForeignOrganization, Sector
from mitra.organizations.services import OrganizationInput, normalise_name, organization_create
from mitra.regions.models import Province, Regency

from . import selectors
from .analysis import agreement_dates, propose
from .extraction.text_sources import text_from_docx, text_from_html, text_from_pdf
from .matching import BodyMatcher
from .models import IntakeSubmission

if TYPE_CHECKING:
    from mitra.accounts.models import User

# Longest text accepted (the extractor reads the first 100,000 characters of it).
MAX_TEXT_CHARS = 200_000
AUDIT_TEXT_CHARS = 2_000
ACTIONS = ("create", "link", "skip")
MEETING_MODES = ("offline", "online", "hybrid")
EVENT_TYPES = ("signing", "extension", "meeting", "negotiation", "evaluation", "other")


def _max_upload_bytes() -> int:
    return int(settings.MITRA.get("INTAKE_MAX_BYTES", 5 * 1024 * 1024))


def _require_editor(actor: "User") -> None:
    # SECURITY: intake writes records; officers and operators only (services re-check owners).
    if actor is None or not getattr(actor, "can_edit_records", False):
        raise ApplicationError(_("You may not record cooperation from press items."))


# --- text in -------------------------------------------------------------------------------


def intake_clean_text(text: Any) -> str:
    """The text as stored and analysed: one newline convention, no NUL bytes, length bound."""
    text = str(text or "").replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if not text.strip():
        raise ApplicationError(_("The text is empty."), {"text": [_("Paste the text.")]})
    if len(text) > MAX_TEXT_CHARS:
        raise ApplicationError(
            _("The text is longer than %(n)d characters.") % {"n": MAX_TEXT_CHARS},
            {"text": [_("Too long.")]},
        )
    return text


def intake_text_from_upload(upload: UploadedFile) -> str:
    """Plain text of an uploaded TXT, HTML, PDF or DOCX file, judged by its content."""
    limit = _max_upload_bytes()
    if (upload.size or 0) > limit:
        raise ApplicationError(
            _("The file is larger than the limit of %(mb).1f MB.") % {"mb": limit / 1048576},
            {"file": [_("File too large.")]},
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    if not data:
        raise ApplicationError(_("The file is empty."), {"file": [_("Empty file.")]})
    wrong = ApplicationError(
        _("Only text, HTML, PDF and DOCX files are accepted (judged by the file's content)."),
        {"file": [_("Wrong file type.")]},
    )
    unreadable = ApplicationError(
        _("The file could not be read."), {"file": [_("Unreadable file.")]}
    )
    if data.startswith(b"%PDF-"):
        try:
            text = text_from_pdf(data)
        except Exception as exc:  # noqa: BLE001 - pypdf raises many types on broken files
            raise unreadable from exc
    elif data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" not in archive.namelist():
                    raise wrong
            text = text_from_docx(data)
        except ApplicationError:
            raise
        except Exception as exc:  # noqa: BLE001 - python-docx/zipfile errors on broken files
            raise unreadable from exc
    else:
        if b"\x00" in data[:8192]:
            raise wrong
        try:
            decoded = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise wrong from exc
        head = decoded[:4096].lower()
        is_html = (upload.name or "").lower().endswith((".html", ".htm")) or bool(
            re.search(r"<(?:!doctype html|html|body|p|div)\b", head)
        )
        text = text_from_html(decoded) if is_html else decoded
    if not text.strip():
        raise ApplicationError(_("No text was found in the file."), {"file": [_("No text.")]})
    return text


# --- analysis (no write) --------------------------------------------------------------------


def intake_analyse(*, text: str, actor: "User") -> dict[str, Any]:
    """Run the extractor and propose records (`analysis.propose`). Writes nothing.

    Returns {"record": <press schema>, "evidence": [...], "proposal": {"meeting": {...},
    "agreements": [<reviewed agreement>...], "signatories": [...], "withheld": [...]}}.
    """
    return propose(text=intake_clean_text(text), actor=actor)


@transaction.atomic
def intake_submission_create(*, text: str, actor: "User", filename: str = "") -> IntakeSubmission:
    """Keep a pasted/uploaded item with its extraction and proposal, for review."""
    _require_editor(actor)
    text = intake_clean_text(text)
    analysis = intake_analyse(text=text, actor=actor)
    return IntakeSubmission.objects.create(
        created_by=actor,
        source_text=text,
        source_filename=(filename or "")[:255],
        extraction=analysis,
    )


# --- confirm (write) ------------------------------------------------------------------------


def _prefixed(error: ApplicationError, prefix: str, label: str) -> ApplicationError:
    extra = {f"{prefix}.{k}": v for k, v in error.extra.items()} or {prefix: [error.message]}
    return ApplicationError(f"{label}: {error.message}", extra)


def _parse_date(value: Any, field: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ApplicationError(_("Invalid date."), {field: [_("Use YYYY-MM-DD.")]}) from exc


def _int_or_none(value: Any, field: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError) as exc:
        raise ApplicationError(_("Invalid number."), {field: [_("Give a number.")]}) from exc
    return number


def _partner(item: dict[str, Any], actor: "User", created: dict[str, ForeignOrganization]) -> Any:
    partner_id = _int_or_none(item.get("partner"), "partner")
    if partner_id is not None:
        org = ForeignOrganization.objects.filter(pk=partner_id).first()
        if org is None:
            raise ApplicationError(
                _("Unknown foreign organization."),
                {"partner": [_("This organization is not in the registry.")]},
            )
        return org, False
    new = item.get("new_partner") or {}
    name = str(new.get("legal_name") or "").strip()
    if not name:
        raise ApplicationError(
            _("Choose the partner from the registry or give the new organization's name."),
            {"partner": [_("Choose the partner, or give the new organization's name below.")]},
        )
    key = normalise_name(name)
    if key in created:
        return created[key], False
    # Known only from a press item: prospective and unpublished until someone checks it and
    # publishes it (organization_set_status / _set_published; never public straight from intake).
    org = organization_create(
        data=OrganizationInput(
            legal_name=name,
            acronym=str(new.get("acronym") or "").strip(),
            kind=str(new.get("kind") or ""),
            country=str(new.get("country") or "").upper(),
            status=ForeignOrganization.Status.PROSPECTIVE,
            is_published=False,
        ),
        actor=actor,
    )
    created[key] = org
    return org, True


def _owner(actor: "User", body: GovernmentBody) -> GovernmentBody:
    """The owner given to the agreement service: the confirming officer's own unit when it
    belongs to the chosen agency (the agreement is then held by that unit), else the agency
    (operators, officers working for the agency as a whole)."""
    unit = getattr(actor, "body", None)
    if unit is not None and unit.pk != body.pk and unit.root().pk == body.pk:
        return unit
    return body


def _codes(item: dict[str, Any], name: str) -> list[str]:
    value = item.get(name) or []
    if not isinstance(value, (list, tuple)):
        raise ApplicationError(_("Invalid list."), {name: [_("Give a list of codes.")]})
    return [str(code) for code in value]


def _relations(item: dict[str, Any]) -> dict[str, list[Any]]:
    """Sectors, provinces and regencies/cities by code; an unknown code is refused."""
    found: dict[str, list[Any]] = {}
    for name, model, message in (
        ("sectors", Sector, _("Unknown sector.")),
        ("provinces", Province, _("Unknown province.")),
        ("regencies", Regency, _("Unknown regency or city.")),
    ):
        codes = _codes(item, name)
        rows = list(model.objects.filter(code__in=codes))
        if len(rows) != len(set(codes)):
            raise ApplicationError(message, {name: [message]})
        found[name] = rows
    return found


def _create_agreement(
    item: dict[str, Any],
    *,
    actor: "User",
    event_date: date | None,
    venue: str,
    new_orgs: dict[str, ForeignOrganization],
    records: dict[str, list[int]],
) -> Agreement:
    """A draft agreement of the confirming officer's unit. Nothing from intake is signed or
    activated here: the draft becomes signed, active and public only through the agreement's
    own transitions, with their checks (izin prinsip cover, dates)."""
    body = GovernmentBody.objects.filter(key=str(item.get("government_body") or "")).first()
    if body is None:
        raise ApplicationError(
            _("Choose the government body."),
            {"government_body": [_("Choose the government body that leads this agreement.")]},
        )
    body = body.root()
    partner, is_new = _partner(item, actor, new_orgs)
    if is_new:
        records["organizations"].append(partner.pk)
    start_year = _int_or_none(item.get("start_year"), "start_year")
    if start_year is None:
        raise ApplicationError(
            _("Give the start year."), {"start_year": [_("Give the year the agreement starts.")]}
        )
    if not 1900 < start_year < 2200:
        raise ApplicationError(_("Invalid year."), {"start_year": [_("Invalid year.")]})
    end_year = _int_or_none(item.get("end_year"), "end_year")
    duration_years = _int_or_none(item.get("duration_years"), "duration_years")
    if duration_years is not None and not 0 < duration_years <= 50:
        raise ApplicationError(_("Invalid duration."), {"duration_years": [_("1 to 50 years.")]})
    if end_year is not None and not 1900 < end_year < 2200:
        raise ApplicationError(_("Invalid year."), {"end_year": [_("Invalid year.")]})
    start, end, months = agreement_dates(
        start_year=start_year,
        end_year=end_year,
        duration_years=duration_years,
        event_date=event_date,
    )
    renews = None
    if item.get("renews") not in (None, ""):
        renews_id = _int_or_none(item.get("renews"), "renews")
        # SECURITY: only an agreement the actor may edit can be named as the renewed one.
        renews = selectors.renewable_for(actor).filter(pk=renews_id).first()
        if renews is None:
            message = _("The agreement to renew is not one you may edit.")
            raise ApplicationError(message, {"renews": [message]})
    signing_date = _parse_date(item.get("signing_date"), "signing_date")
    relations = _relations(item)
    agreement = agreement_create(
        data=AgreementInput(
            title=str(item.get("title") or "").strip(),
            type=str(item.get("type") or ""),
            owner=_owner(actor, body),
            foreign_parties=[partner],
            signing_date=signing_date,
            signing_place=(venue or "")[:255] if signing_date else "",
            start_date=start,
            end_date=end,
            duration_months=months,
            renews=renews,
            sectors=relations["sectors"],
            provinces=relations["provinces"],
            regencies=relations["regencies"],
        ),
        actor=actor,
    )
    leads = {
        p.side: p for p in agreement.parties.filter(role=AgreementParty.Role.LEAD).order_by("id")
    }
    for side, field in (("government", "government_signatory"), ("foreign", "foreign_signatory")):
        title = str(item.get(field) or "").strip()
        if title and side in leads:
            signatory = agreement_add_signatory(
                agreement_id=agreement.pk, party_id=leads[side].pk, title=title, actor=actor
            )
            records["signatories"].append(signatory.pk)
    return agreement


def _meeting(reviewed: dict[str, Any]) -> dict[str, Any]:
    meeting = dict(reviewed.get("meeting") or {})
    mode = meeting.get("meeting_mode") or None
    if mode is not None and mode not in MEETING_MODES:
        message = _("Unknown meeting mode.")
        raise ApplicationError(message, {"meeting.meeting_mode": [message]})
    for name in ("published", "event_date"):
        parsed = _parse_date(meeting.get(name), f"meeting.{name}")
        meeting[name] = parsed.isoformat() if parsed else None
    meeting["meeting_mode"] = mode
    return meeting


@transaction.atomic
def intake_confirm(
    *,
    reviewed: dict[str, Any],
    actor: "User",
    submission_id: int | None = None,
    text: str | None = None,
    filename: str = "",
) -> IntakeSubmission:
    """Create the reviewed records in one transaction; any refusal writes nothing.

    `reviewed` = {"meeting": {...}, "agreements": [{"action": "create"|"link"|"skip", ...}]}
    (the shape of the proposal). A draft submission is given by id, or the source text is
    given and the submission is created here. Side effects: organizations, agreements,
    signatories, transitions (each audited by its service), one `intake.confirmed` event on
    the submission and one `intake.record_created` event on each created record.
    """
    _require_editor(actor)
    if submission_id is not None:
        submission = (
            IntakeSubmission.objects.select_for_update()
            .filter(pk=submission_id, status=IntakeSubmission.Status.DRAFT)
            .first()
        )
        if submission is None or (not actor.is_operator and submission.created_by_id != actor.pk):
            raise ApplicationError(_("This submission is not open for confirmation."))
    else:
        clean = intake_clean_text(text)
        submission = IntakeSubmission.objects.create(
            created_by=actor,
            source_text=clean,
            source_filename=(filename or "")[:255],
            extraction=intake_analyse(text=clean, actor=actor),
        )
    meeting = _meeting(reviewed)
    event_date = _parse_date(meeting.get("event_date"), "meeting.event_date")
    items = list(reviewed.get("agreements") or [])
    records: dict[str, list[int]] = {
        "organizations": [],
        "agreements": [],
        "linked": [],
        "signatories": [],
    }
    new_orgs: dict[str, ForeignOrganization] = {}
    outcomes: list[tuple[Agreement, dict[str, Any]]] = []
    for index, item in enumerate(items):
        label = _("Agreement %(n)d") % {"n": index + 1}
        action = item.get("action") or "create"
        if action not in ACTIONS:
            raise ApplicationError(
                f"{label}: " + _("Unknown action."), {f"agreements.{index}.action": ["?"]}
            )
        if action == "skip":
            continue
        if action == "link":
            existing_id = _int_or_none(item.get("existing"), f"agreements.{index}.existing")
            # Only the agency's own agreement: linking it to the meeting lets the meeting's
            # bodies read it (visibility grant meeting.agenda).
            existing = (
                Agreement.objects.owned_by(actor).filter(pk=existing_id).first()
                if existing_id is not None
                else None
            )
            if existing is None:
                raise ApplicationError(
                    f"{label}: " + _("Choose the existing agreement to link to."),
                    {f"agreements.{index}.existing": [_("Required.")]},
                )
            records["linked"].append(existing.pk)
            outcomes.append((existing, item))
            continue
        try:
            agreement = _create_agreement(
                item,
                actor=actor,
                event_date=event_date,
                venue=str(meeting.get("venue") or ""),
                new_orgs=new_orgs,
                records=records,
            )
        except ApplicationError as error:
            raise _prefixed(error, f"agreements.{index}", label) from error
        records["agreements"].append(agreement.pk)
        outcomes.append((agreement, item))
    if not (records["agreements"] or records["linked"]):
        raise ApplicationError(_("Nothing to record: every agreement was skipped."))
    try:
        meeting_record, meeting_is_new = _record_meeting(
            meeting,
            outcomes=outcomes,
            event_date=event_date,
            actor=actor,
            created=set(records["agreements"]),
        )
    except ApplicationError as error:
        raise _prefixed(error, "meeting", _("Meeting")) from error
    records["meetings"] = [meeting_record.pk] if meeting_record and meeting_is_new else []
    records["linked_meetings"] = (
        [meeting_record.pk] if meeting_record and not meeting_is_new else []
    )
    submission.extraction = {**submission.extraction, "reviewed": {**reviewed, "meeting": meeting}}
    submission.status = IntakeSubmission.Status.CONFIRMED
    submission.confirmed_at = timezone.now()
    submission.created_records = records
    submission.save()
    for org_id in records["organizations"]:
        _audit_created(ForeignOrganization.objects.get(pk=org_id), submission, actor)
    for agreement_id in records["agreements"]:
        _audit_created(Agreement.objects.get(pk=agreement_id), submission, actor)
    for meeting_id in records["meetings"]:
        _audit_created(Meeting.objects.get(pk=meeting_id), submission, actor)
    audit_event_record(
        event="intake.confirmed",
        target=submission,
        actor=actor,
        data={
            "submission": submission.pk,
            "source_filename": submission.source_filename,
            "source_text": submission.source_text[:AUDIT_TEXT_CHARS],
            "created": records,
            "meeting": meeting,
        },
    )
    return submission


MEETING_HOUR = 9  # press items rarely give the time; the meeting is recorded at 09:00 WIB


def _meeting_organizer(
    meeting: dict[str, Any], outcomes: list[Any], bodies: BodyMatcher
) -> GovernmentBody | None:
    for party in meeting.get("government_parties") or []:
        if isinstance(party, dict):
            body = bodies.match(str(party.get("name") or ""), key=str(party.get("body") or ""))
        else:
            body = bodies.match(str(party))
        if body is not None:
            return body
    return outcomes[0][0].owner if outcomes else None


def _record_meeting(
    meeting: dict[str, Any],
    *,
    outcomes: list[tuple[Agreement, dict[str, Any]]],
    event_date: date | None,
    actor: "User",
    created: set[int],
) -> tuple[Meeting | None, bool]:
    """The meeting the text reports, through the meeting services: kind signing when agreements
    were signed (else coordination), date, mode, venue, invited bodies, the signatories as
    attendees and the agreements as its outcomes. A meeting already recorded (same day,
    organizer and kind) is linked instead. No event date or an organizer outside the actor's
    agency: no meeting (returns None)."""
    if event_date is None:
        return None, False
    bodies = BodyMatcher()
    organizer = _meeting_organizer(meeting, outcomes, bodies)
    if organizer is None or (not actor.is_operator and organizer.pk != actor.agency.pk):
        return None, False
    signing = "signing" in (meeting.get("event_types") or [])
    kind = Meeting.Kind.SIGNING if signing else Meeting.Kind.COORDINATION
    agreements = [agreement for agreement, _item in outcomes]
    # Signed outcomes: the agreements signed (or ready to be: a draft with its signing date).
    unsigned = set(
        Agreement.objects.filter(
            pk__in=[a.pk for a in agreements],
            status__in=[Agreement.Status.DRAFT, Agreement.Status.UNDER_REVIEW],
            signing_date__isnull=True,
        ).values_list("pk", flat=True)
    )
    # Drafts created now are the meeting's outcomes but are not recorded as signed here:
    # recording a signing signs them, and intake's records move only by their transitions.
    signed = [a for a in agreements if signing and a.pk not in unsigned and a.pk not in created]
    editable = set(
        Agreement.objects.editable_by(actor)
        .filter(pk__in=[a.pk for a in agreements])
        .values_list("pk", flat=True)
    )
    existing = meeting_existing(viewer=actor, organizer=organizer, on=event_date, kind=kind)
    if existing is not None:
        to_sign = [a for a in signed if a.pk in editable]
        if to_sign and existing.status != Meeting.Status.CANCELLED:
            meeting_record_signing(meeting=existing, agreements=to_sign, actor=actor)
        return existing, False
    venue = str(meeting.get("venue") or "").strip()
    mode = meeting.get("meeting_mode") or (Meeting.Mode.OFFLINE if venue else None)
    if mode is None:
        return None, False  # the text reports no meeting (no mode, no venue)
    starts_at = timezone.make_aware(datetime.combine(event_date, time(MEETING_HOUR)))
    body = actor.body
    unit = body if body and body.pk != organizer.pk and body.root().pk == organizer.pk else None
    partners = [p.organization for a in agreements for p in a.parties.all() if p.organization]
    title = _("Meeting of %(day)s") % {"day": event_date.isoformat()}
    if agreements:
        title = "; ".join(a.title for a in agreements)[:500]
    record = meeting_create(
        data=MeetingInput(
            kind=kind,
            title=title,
            starts_at=starts_at,
            mode=mode,
            venue=venue,
            online_platform=str(meeting.get("online_platform") or "").strip(),
            organizer=organizer,
            organizer_unit=unit,
            agreements=agreements,
            organizations=list(dict.fromkeys(partners)),
        ),
        actor=actor,
    )
    invited: set[int] = {organizer.pk}
    for name in meeting.get("attending_agencies") or []:
        name = str(name).strip()
        if not name:
            continue
        body = bodies.match(name)
        if body is None:
            meeting_invite_body(meeting_id=record.pk, description=name[:255], actor=actor)
        elif body.pk not in invited:
            invited.add(body.pk)
            meeting_invite_body(meeting_id=record.pk, body=body, actor=actor)
    seen: set[tuple[str, Any, Any]] = set()
    for agreement, item in outcomes:
        leads = {p.side: p for p in agreement.parties.all() if p.role == "lead"}
        for side, field in (
            ("government", "government_signatory"),
            ("foreign", "foreign_signatory"),
        ):
            title_ = str(item.get(field) or "").strip()
            party = leads.get(side)
            if not title_ or party is None:
                continue
            body = (unit or party.body) if side == "government" else None
            key = (title_, body.pk if body else None, party.organization_id)
            if key in seen:
                continue
            seen.add(key)
            meeting_attendee_add(
                meeting_id=record.pk,
                title=title_,
                body=body,
                organization=party.organization if side == "foreign" else None,
                role=Attendee.Role.SIGNATORY,
                attended=True,
                actor=actor,
            )
    if starts_at <= timezone.now():
        meeting_transition(meeting_id=record.pk, transition="hold", actor=actor)
    to_sign = [a for a in signed if a.pk in editable]
    if to_sign:
        meeting_record_signing(meeting=record, agreements=to_sign, actor=actor)
    return record, True


def _audit_created(target: Any, submission: IntakeSubmission, actor: "User") -> None:
    audit_event_record(
        event="intake.record_created",
        target=target,
        actor=actor,
        data={"submission": submission.pk},
    )
