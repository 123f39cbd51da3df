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
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mitra.agreements.models import Agreement, AgreementParty
from mitra.agreements.services import (
    AgreementInput,
    agreement_add_signatory,
    agreement_create,
    agreement_transition,
)
from mitra.agreements.validation import end_from_duration
from mitra.audit.services import audit_event_record
from mitra.bodies.models import GovernmentBody
from mitra.core import dates
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
from mitra.organizations.models import ForeignOrganization
from mitra.organizations.services import OrganizationInput, normalise_name, organization_create

from . import selectors
from .extraction import Extraction, extract
from .extraction import agreements as extracted_agreements
from .extraction.text_sources import text_from_docx, text_from_html, text_from_pdf
from .models import IntakeSubmission

# Longest text accepted (the extractor reads the first 100,000 characters of it).
MAX_TEXT_CHARS = 200_000
AUDIT_TEXT_CHARS = 2_000
ACTIONS = ("create", "link", "skip")
MEETING_MODES = ("offline", "online", "hybrid")
EVENT_TYPES = ("signing", "extension", "meeting", "negotiation", "evaluation", "other")
DOCUMENT_TYPES = {"MoU": "mou", "MSP": "msp", "PKS": "pks", "LoI": "loi"}
TITLE_WORDS = {
    "mou": "Nota Kesepahaman",
    "msp": "Memorandum Saling Pengertian",
    "pks": "Perjanjian Kerja Sama",
    "loi": "Letter of Intent",
    "rik": "Rencana Induk Kegiatan",
    "rkt": "Rencana Kerja Tahunan",
}


def _max_upload_bytes() -> int:
    return int(settings.MITRA.get("INTAKE_MAX_BYTES", 5 * 1024 * 1024))


def _require_editor(actor: Any) -> None:
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


def _evidence_rows(text: str, result: Extraction) -> list[dict[str, Any]]:
    rows = [
        {
            "field": e.field,
            "value": e.value,
            "start": e.start,
            "end": e.end,
            "confidence": e.confidence,
            "rule": e.rule,
        }
        for e in result.evidence
        if 0 <= e.start < e.end <= len(text)
    ]
    # Periods and durations: the extractor records the agreement's sentence; point at the
    # words themselves so the review screen can highlight them.
    for index, agreement in enumerate(result.agreements):
        if agreement.start_year and agreement.end_year:
            for found in extracted_agreements.periods(text, 0, len(text)):
                if found.value == (agreement.start_year, agreement.end_year):
                    rows.append(_row(f"agreements.{index}.period", found, 0.8, "period"))
                    break
        if agreement.duration_years:
            for found in extracted_agreements.durations(text, 0, len(text)):
                if found.value == agreement.duration_years:
                    rows.append(_row(f"agreements.{index}.duration", found, 0.8, "duration"))
                    break
    return rows


def _row(field: str, found: Any, confidence: float, rule: str) -> dict[str, Any]:
    value = found.value if isinstance(found.value, (int, str)) else list(found.value)
    return {
        "field": field,
        "value": value,
        "start": found.start,
        "end": found.end,
        "confidence": confidence,
        "rule": rule,
    }


def _side_of(organization: str, body: GovernmentBody | None, partner_names: list[str]) -> str:
    wanted = normalise_name(organization)
    if any(wanted and wanted == normalise_name(n) for n in partner_names if n):
        return "foreign"
    if body is not None and selectors.body_match(organization) == body:
        return "government"
    return ""


def agreement_dates(
    *,
    start_year: int | None,
    end_year: int | None,
    duration_years: int | None,
    event_date: date | None,
) -> tuple[date | None, date | None, int | None]:
    """Start: the event date when it falls in the start year, else 1 January of that year.
    End: the stated duration from the start, else 31 December of the end year."""
    if not start_year:
        return None, None, duration_years * 12 if duration_years else None
    start = event_date if event_date and event_date.year == start_year else date(start_year, 1, 1)
    months = duration_years * 12 if duration_years else None
    if months:
        end: date | None = end_from_duration(start, months)
    elif end_year:
        end = date(end_year, 12, 31)
    else:
        end = None
    return start, end, months


def suggested_title(
    *, type_: str, body: GovernmentBody | None, partner: str, start: Any, end: Any, renewal: bool
) -> str:
    words = TITLE_WORDS.get(type_, "Kerja Sama")
    government = (body.acronym or body.name) if body else ""
    period = f" {start}–{end}" if start and end else (f" {start}" if start else "")
    prefix = "Perpanjangan " if renewal else ""
    return f"{prefix}{words} {government} – {partner}{period}".replace("  ", " ").strip()


def intake_analyse(*, text: str, actor: Any) -> dict[str, Any]:
    """Run the extractor and propose records. Writes nothing.

    Returns {"record": <press schema>, "evidence": [...], "proposal": {"meeting": {...},
    "agreements": [<reviewed agreement>...], "signatories": [...]}}.
    """
    text = intake_clean_text(text)
    registry = selectors.intake_registry()
    result = extract(text, registry=registry)
    record = result.to_record(id=None)
    known = {p.name: (p.known.pk if p.known else None) for p in result.foreign_parties}
    event_date = result.event_date
    signing = "signing" in result.event_types
    extension = "extension" in result.event_types

    government = [
        {"name": n, "body": _key(selectors.body_match(n))} for n in record["government_parties"]
    ]
    agreements = []
    for index, item in enumerate(result.agreements):
        body = selectors.body_match(item.government_party or "") if item.government_party else None
        if body is None and government and government[0]["body"]:
            body = GovernmentBody.objects.get(key=government[0]["body"])
        partner = selectors.organization_match(item.partner, known.get(item.partner))
        existing = predecessor = None
        if body and partner and item.start_year:
            existing = selectors.agreement_existing(
                viewer=actor, owner=body, partner=partner, start_year=item.start_year
            )
            if extension:
                predecessor = selectors.agreement_predecessor(
                    viewer=actor, owner=body, partner=partner, start_year=item.start_year
                )
        if existing is not None and existing.renews_id:
            predecessor = existing.renews
        type_ = DOCUMENT_TYPES.get(item.document_type or "")
        if type_ is None:
            type_ = (existing or predecessor).type if (existing or predecessor) else "mou"
        start, end, _months = agreement_dates(
            start_year=item.start_year,
            end_year=item.end_year,
            duration_years=item.duration_years,
            event_date=event_date,
        )
        partner_label = (partner.acronym or partner.legal_name) if partner else item.partner
        partner_names = [item.partner, *(partner_names_of(partner) if partner else [])]
        government_signatory = foreign_signatory = ""
        for signatory in result.signatories:
            side = _side_of(signatory.organization, body, partner_names)
            if side == "government" and not government_signatory:
                government_signatory = signatory.title
            elif side == "foreign" and not foreign_signatory:
                foreign_signatory = signatory.title
        new_name, new_acronym = _split_acronym(item.partner)
        agreements.append(
            {
                "index": index,
                "partner_name": item.partner,
                "action": "link" if existing else "create",
                "existing": existing.pk if existing else None,
                "existing_title": existing.title if existing else "",
                "partner": partner.pk if partner else None,
                "new_partner": None
                if partner
                else {"legal_name": new_name, "acronym": new_acronym, "kind": "", "country": ""},
                "government_body": _key(body),
                "type": type_,
                "title": suggested_title(
                    type_=type_,
                    body=body,
                    partner=partner_label,
                    start=item.start_year,
                    end=item.end_year,
                    renewal=predecessor is not None,
                ),
                "start_year": item.start_year,
                "end_year": item.end_year,
                "duration_years": item.duration_years,
                "start_date": start.isoformat() if start else None,
                "end_date": end.isoformat() if end else None,
                "signing_date": event_date.isoformat() if signing and event_date else None,
                "renews": predecessor.pk if predecessor else None,
                "renews_title": predecessor.title if predecessor else "",
                "government_signatory": government_signatory,
                "foreign_signatory": foreign_signatory,
            }
        )
    existing_meeting = None
    organizer = next(
        (GovernmentBody.objects.get(key=g["body"]) for g in government if g["body"]), None
    )
    if organizer is not None and event_date is not None:
        existing_meeting = meeting_existing(
            viewer=actor,
            organizer=organizer,
            on=event_date,
            kind=Meeting.Kind.SIGNING if signing else Meeting.Kind.COORDINATION,
        )
    meeting = {
        "published": record["published"],
        "event_date": record["event_date"],
        "event_types": record["event_types"],
        "meeting_mode": record["meeting_mode"],
        "venue": record["venue"],
        "online_platform": online_platform_in(text) if record["meeting_mode"] else None,
        "government_parties": government,
        "attending_agencies": record["attending_agencies"],
        "sectors": record["sectors"],
        "url": record["url"],
        "existing": existing_meeting.pk if existing_meeting else None,
        "existing_title": existing_meeting.title if existing_meeting else "",
    }
    return {
        "record": record,
        "evidence": _evidence_rows(text, result),
        "proposal": {
            "meeting": meeting,
            "agreements": agreements,
            "signatories": record["signatories"],
        },
    }


PLATFORMS = (
    ("zoom", "Zoom"),
    ("microsoft teams", "Microsoft Teams"),
    ("ms teams", "Microsoft Teams"),
    ("google meet", "Google Meet"),
    ("webex", "Webex"),
    ("youtube", "YouTube"),
)


def online_platform_in(text: str) -> str | None:
    """The online meeting platform the text names (Zoom, Teams, Meet, Webex, YouTube)."""
    lowered = (text or "").lower()
    for needle, name in PLATFORMS:
        if re.search(r"\b" + re.escape(needle) + r"\b", lowered):
            return name
    return None


def partner_names_of(org: ForeignOrganization) -> list[str]:
    return [org.legal_name, org.acronym, *(org.aliases or [])]


def _split_acronym(name: str) -> tuple[str, str]:
    match = re.fullmatch(r"\s*(.+?)\s*\(([^()]{2,30})\)\s*", name or "")
    if match:
        return match.group(1), match.group(2)
    return (name or "").strip(), ""


def _key(body: GovernmentBody | None) -> str | None:
    return body.key if body else None


@transaction.atomic
def intake_submission_create(*, text: str, actor: Any, filename: str = "") -> IntakeSubmission:
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


def _partner(item: dict[str, Any], actor: Any, created: dict[str, ForeignOrganization]) -> Any:
    partner_id = item.get("partner")
    if partner_id not in (None, ""):
        org = ForeignOrganization.objects.filter(pk=_int_or_none(partner_id, "partner")).first()
        if org is None:
            raise ApplicationError(_("Unknown foreign organization."), {"partner": ["?"]})
        return org, False
    new = item.get("new_partner") or {}
    name = str(new.get("legal_name") or "").strip()
    if not name:
        raise ApplicationError(
            _("Choose the partner from the registry or give the new organization's name."),
            {"partner": [_("Required.")]},
        )
    key = normalise_name(name)
    if key in created:
        return created[key], False
    org = organization_create(
        data=OrganizationInput(
            legal_name=name,
            acronym=str(new.get("acronym") or "").strip(),
            kind=str(new.get("kind") or ""),
            country=str(new.get("country") or "").upper(),
        ),
        actor=actor,
    )
    created[key] = org
    return org, True


def _create_agreement(
    item: dict[str, Any],
    *,
    actor: Any,
    event_date: date | None,
    venue: str,
    new_orgs: dict[str, ForeignOrganization],
    records: dict[str, list[int]],
) -> Agreement:
    body = GovernmentBody.objects.filter(key=str(item.get("government_body") or "")).first()
    if body is None:
        raise ApplicationError(
            _("Choose the government body."), {"government_body": [_("Required.")]}
        )
    partner, is_new = _partner(item, actor, new_orgs)
    if is_new:
        records["organizations"].append(partner.pk)
    start_year = _int_or_none(item.get("start_year"), "start_year")
    if start_year is None:
        raise ApplicationError(_("Give the start year."), {"start_year": [_("Required.")]})
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
            raise ApplicationError(
                _("The agreement to renew is not one you may edit."), {"renews": ["?"]}
            )
    signing_date = _parse_date(item.get("signing_date"), "signing_date")
    agreement = agreement_create(
        data=AgreementInput(
            title=str(item.get("title") or "").strip(),
            type=str(item.get("type") or ""),
            owner=body,
            foreign_parties=[partner],
            signing_date=signing_date,
            signing_place=(venue or "")[:255] if signing_date else "",
            start_date=start,
            end_date=end,
            duration_months=months,
            renews=renews,
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
    if signing_date:
        agreement_transition(agreement_id=agreement.pk, transition="sign", actor=actor)
        if start and start <= dates.today():
            agreement_transition(agreement_id=agreement.pk, transition="activate", actor=actor)
    return agreement


def _meeting(reviewed: dict[str, Any]) -> dict[str, Any]:
    meeting = dict(reviewed.get("meeting") or {})
    mode = meeting.get("meeting_mode") or None
    if mode is not None and mode not in MEETING_MODES:
        raise ApplicationError(_("Unknown meeting mode."), {"meeting.meeting_mode": ["?"]})
    for name in ("published", "event_date"):
        parsed = _parse_date(meeting.get(name), f"meeting.{name}")
        meeting[name] = parsed.isoformat() if parsed else None
    meeting["meeting_mode"] = mode
    return meeting


@transaction.atomic
def intake_confirm(
    *,
    reviewed: dict[str, Any],
    actor: Any,
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
            existing = Agreement.objects.owned_by(actor).filter(pk=existing_id).first()
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
            meeting, outcomes=outcomes, event_date=event_date, actor=actor
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


def _meeting_organizer(meeting: dict[str, Any], outcomes: list[Any]) -> GovernmentBody | None:
    for party in meeting.get("government_parties") or []:
        if isinstance(party, dict):
            body = GovernmentBody.objects.filter(key=str(party.get("body") or "")).first()
            body = body or selectors.body_match(str(party.get("name") or ""))
        else:
            body = selectors.body_match(str(party))
        if body is not None:
            return body.root()
    return outcomes[0][0].owner if outcomes else None


def _record_meeting(
    meeting: dict[str, Any],
    *,
    outcomes: list[tuple[Agreement, dict[str, Any]]],
    event_date: date | None,
    actor: Any,
) -> tuple[Meeting | None, bool]:
    """The meeting the text reports, through the meeting services: kind signing when agreements
    were signed (else coordination), date, mode, venue, invited bodies, the signatories as
    attendees and the agreements as its outcomes. A meeting already recorded (same day,
    organizer and kind) is linked instead. No event date or an organizer outside the actor's
    agency: no meeting (returns None)."""
    if event_date is None:
        return None, False
    organizer = _meeting_organizer(meeting, outcomes)
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
    signed = [a for a in agreements if signing and a.pk not in unsigned]
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
    unit = (
        actor.body if actor.body_id and actor.body_id != organizer.pk and
        actor.body.root().pk == organizer.pk else None
    )  # fmt: skip
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
        body = selectors.body_match(name)
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


def _audit_created(target: Any, submission: IntakeSubmission, actor: Any) -> None:
    audit_event_record(
        event="intake.record_created",
        target=target,
        actor=actor,
        data={"submission": submission.pk},
    )
