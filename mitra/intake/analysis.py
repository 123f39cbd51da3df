"""The proposal: what the extractor read, matched against the registry, as review input.

`propose()` writes nothing. It runs the extractor, matches the bodies and organizations it
named (`matching`), finds the agreement already recorded or the one a renewal extends, and
fills the review shape: the meeting, one agreement per partner with its lead agency, both
signatories, regions and sectors. A value whose confidence is below the threshold
(`MITRA["INTAKE_MIN_CONFIDENCE"]`) is not proposed: the field is left empty and the value is
listed under `withheld`, with its confidence, for the review screen to say so.
"""

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings

from mitra.agreements.validation import end_from_duration
from mitra.bodies.models import GovernmentBody
from mitra.meetings.models import Meeting
from mitra.meetings.selectors import meeting_existing
from mitra.organizations.models import ForeignOrganization, Sector
from mitra.organizations.services import normalise_name
from mitra.regions.models import Province, Regency

from . import selectors
from .extraction import Extraction, extract
from .matching import BodyMatcher, OrganizationMatcher

if TYPE_CHECKING:
    from mitra.accounts.models import User

DEFAULT_MIN_CONFIDENCE = 0.55
DOCUMENT_TYPES = {"MoU": "mou", "MSP": "msp", "PKS": "pks", "LoI": "loi"}
TITLE_WORDS = {
    "mou": "Nota Kesepahaman",
    "msp": "Memorandum Saling Pengertian",
    "pks": "Perjanjian Kerja Sama",
    "loi": "Letter of Intent",
    "rik": "Rencana Induk Kegiatan",
    "rkt": "Rencana Kerja Tahunan",
}
PLATFORMS = (
    ("zoom", "Zoom"),
    ("microsoft teams", "Microsoft Teams"),
    ("ms teams", "Microsoft Teams"),
    ("google meet", "Google Meet"),
    ("webex", "Webex"),
    ("youtube", "YouTube"),
)


def min_confidence() -> float:
    return float(settings.MITRA.get("INTAKE_MIN_CONFIDENCE", DEFAULT_MIN_CONFIDENCE))


class Withholding:
    """Decides which values are proposed, and remembers the ones left out."""

    def __init__(self, result: Extraction, threshold: float):
        self.result = result
        self.threshold = threshold
        self.withheld: list[dict[str, Any]] = []

    def keep(self, field: str, value: Any, evidence_field: str, evidence_value: Any = None) -> bool:
        """True when the value may be proposed; else it is recorded as withheld under
        `field` (the review field it would have filled). Values without evidence (derived
        ones) are kept."""
        confidence = self.result.confidence(evidence_field, evidence_value)
        if confidence is None or confidence >= self.threshold:
            return True
        self.withheld.append({"field": field, "value": value, "confidence": round(confidence, 2)})
        return False


def online_platform_in(text: str) -> str | None:
    """The online meeting platform the text names (Zoom, Teams, Meet, Webex, YouTube)."""
    lowered = (text or "").lower()
    for needle, name in PLATFORMS:
        if re.search(r"\b" + re.escape(needle) + r"\b", lowered):
            return name
    return None


def partner_names_of(org: ForeignOrganization) -> list[str]:
    return [org.legal_name, org.acronym, *(org.aliases or [])]


def split_acronym(name: str) -> tuple[str, str]:
    match = re.fullmatch(r"\s*(.+?)\s*\(([^()]{2,30})\)\s*", name or "")
    if match:
        return match.group(1), match.group(2)
    return (name or "").strip(), ""


def agreement_dates(
    *,
    start_year: int | None,
    end_year: int | None,
    duration_years: int | None,
    event_date: date | None,
) -> tuple[date | None, date | None, int | None]:
    """Start: the event date when it falls in the start year, else 1 January of that year.
    End: the stated duration from the start, else 31 December of the end year (also when the
    text gives only the end: "berlaku hingga 2027")."""
    if not start_year:
        end_only = date(end_year, 12, 31) if end_year else None
        return None, end_only, duration_years * 12 if duration_years else None
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


def _evidence_rows(text: str, result: Extraction) -> list[dict[str, Any]]:
    return [
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


def _signatories_for(
    result: Extraction,
    *,
    government_party: str | None,
    body: GovernmentBody | None,
    partner_names: list[str],
    bodies: BodyMatcher,
    on: date | None,
) -> tuple[str, str]:
    """(government title, foreign title): the first signatory of each side of this
    agreement. The government side signs for the agreement's lead agency (the extractor's
    name for it, or any name that resolves to the same body); the foreign side for its
    partner under any of its names."""
    wanted = {normalise_name(n) for n in partner_names if n}
    lead_name = normalise_name(government_party) if government_party else None
    government = foreign = ""
    for signatory in result.signatories:
        organization = normalise_name(signatory.organization)
        if organization in wanted:
            foreign = foreign or signatory.title
            continue
        same_name = lead_name is not None and organization == lead_name
        if same_name or (
            body is not None and bodies.match_id(signatory.organization, on) == body.pk
        ):
            government = government or signatory.title
    return government, foreign


def _regions(result: Extraction, hold: Withholding) -> tuple[list[str], list[str], list[dict]]:
    """Province and regency codes to propose (known to mitra.regions), and their labels."""
    provinces: list[str] = []
    regencies: list[str] = []
    for region in result.regions:
        code = region.regency_code or region.province_code
        if not hold.keep("regions", region.name, "regions", code):
            continue
        (regencies if region.regency_code else provinces).append(code)
    known_provinces = dict(Province.objects.filter(code__in=provinces).values_list("code", "name"))
    known_regencies = dict(Regency.objects.filter(code__in=regencies).values_list("code", "name"))
    provinces = [c for c in provinces if c in known_provinces]
    regencies = [c for c in regencies if c in known_regencies]
    labels = [{"code": c, "name": known_provinces[c]} for c in provinces] + [
        {"code": c, "name": known_regencies[c]} for c in regencies
    ]
    return provinces, regencies, labels


def _sectors(result: Extraction, hold: Withholding) -> tuple[list[str], list[dict]]:
    """Mitra sector codes to propose (those in the registry's vocabulary), and the DAC
    sectors they come from."""
    dac: list[dict[str, Any]] = []
    for found in result.dac_sectors:
        label = f"{found.code} {found.name}"
        if hold.keep("sectors", label, "dac_sectors", f"{found.code}:{found.sector}"):
            dac.append({"code": found.code, "name": found.name, "sector": found.sector})
    wanted = list(dict.fromkeys(d["sector"] for d in dac))
    known = set(Sector.objects.filter(code__in=wanted).values_list("code", flat=True))
    return [c for c in wanted if c in known], dac


def propose(*, text: str, actor: "User") -> dict[str, Any]:
    """Run the extractor and propose records. Writes nothing.

    Returns {"record": <press schema>, "evidence": [...], "proposal": {"meeting": {...},
    "agreements": [<reviewed agreement>...], "signatories": [...], "withheld": [...],
    "min_confidence": float}}.
    """
    registry = selectors.intake_registry()
    result = extract(text, registry=registry)
    record = result.to_record(id=None)
    hold = Withholding(result, min_confidence())
    bodies, organizations = BodyMatcher(), OrganizationMatcher()
    known = {p.name: (p.known.pk if p.known else None) for p in result.foreign_parties}
    on = result.event_date or result.published
    event_date = result.event_date if hold.keep(
        "meeting.event_date", record["event_date"], "event_date"
    ) else None  # fmt: skip
    signing = "signing" in result.event_types
    extension = "extension" in result.event_types
    provinces, regencies, region_labels = _regions(result, hold)
    sectors, dac_labels = _sectors(result, hold)

    government = []
    for name in record["government_parties"]:
        if not hold.keep("meeting.government_parties", name, "government_parties", name):
            continue
        body = bodies.match(name, on, key=result.body_keys.get(name))
        government.append({"name": name, "body": body.key if body else None})
    attending = [
        name
        for name in record["attending_agencies"]
        if hold.keep("meeting.attending_agencies", name, "attending_agencies", name)
    ]
    lead = next((g for g in government if g["body"]), None)

    agreements = []
    for index, item in enumerate(result.agreements):
        withheld_before = len(hold.withheld)
        prefix = f"agreements.{index}"
        partner_sure = hold.keep(f"{prefix}.partner", item.partner, "foreign_parties", item.partner)
        party = item.government_party
        if party and not hold.keep(f"{prefix}.government_body", party, "government_parties", party):
            party = None
        body = bodies.match(party, on, key=result.body_keys.get(party)) if party else None
        if body is None and lead is not None and item.government_party is None:
            body = bodies.match(lead["name"], on, key=lead["body"])
        partner = (
            organizations.match(item.partner, known.get(item.partner)) if partner_sure else None
        )
        start_year, end_year = item.start_year, item.end_year
        if start_year and not hold.keep(
            f"{prefix}.start_year", f"{start_year}–{end_year or '?'}", f"{prefix}.period"
        ):
            start_year = end_year = None
        duration_years = item.duration_years
        if duration_years and not hold.keep(
            f"{prefix}.duration_years", duration_years, f"{prefix}.duration"
        ):
            duration_years = None
        existing = predecessor = None
        if body and partner and start_year:
            existing = selectors.agreement_existing(
                viewer=actor, owner=body, partner=partner, start_year=start_year
            )
            if extension:
                predecessor = selectors.agreement_predecessor(
                    viewer=actor, owner=body, partner=partner, start_year=start_year
                )
        if existing is not None and existing.renews_id:
            predecessor = existing.renews
        document_type = item.document_type
        if document_type and not hold.keep(
            f"{prefix}.type", document_type, f"{prefix}.document_type"
        ):
            document_type = None
        type_ = DOCUMENT_TYPES.get(document_type or "")
        if type_ is None:
            prior = existing or predecessor
            type_ = prior.type if prior is not None else "mou"
        start, end, _months = agreement_dates(
            start_year=start_year,
            end_year=end_year,
            duration_years=duration_years,
            event_date=event_date,
        )
        partner_label = (partner.acronym or partner.legal_name) if partner else item.partner
        partner_names = [item.partner, *(partner_names_of(partner) if partner else [])]
        government_signatory, foreign_signatory = _signatories_for(
            result,
            government_party=item.government_party,
            body=body,
            partner_names=partner_names,
            bodies=bodies,
            on=on,
        )
        new_name, new_acronym = split_acronym(item.partner if partner_sure else "")
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
                "government_body": body.key if body else None,
                "type": type_,
                "title": suggested_title(
                    type_=type_,
                    body=body,
                    partner=partner_label,
                    start=start_year,
                    end=end_year,
                    renewal=predecessor is not None,
                ),
                "start_year": start_year,
                "end_year": end_year,
                "duration_years": duration_years,
                "start_date": start.isoformat() if start else None,
                "end_date": end.isoformat() if end else None,
                "signing_date": event_date.isoformat() if signing and event_date else None,
                "renews": predecessor.pk if predecessor else None,
                "renews_title": predecessor.title if predecessor else "",
                "government_signatory": government_signatory,
                "foreign_signatory": foreign_signatory,
                "provinces": provinces,
                "regencies": regencies,
                "sectors": sectors,
                "withheld": hold.withheld[withheld_before:],
            }
        )
    existing_meeting = None
    organizer = bodies.body(bodies.key_id(lead["body"])) if lead else None
    if organizer is not None and event_date is not None:
        existing_meeting = meeting_existing(
            viewer=actor,
            organizer=organizer,
            on=event_date,
            kind=Meeting.Kind.SIGNING if signing else Meeting.Kind.COORDINATION,
        )
    meeting = {
        "published": record["published"]
        if hold.keep("meeting.published", record["published"], "published")
        else None,
        "event_date": event_date.isoformat() if event_date else None,
        "event_types": [
            t
            for t in record["event_types"]
            if hold.keep("meeting.event_types", t, "event_types", t)
        ],
        "meeting_mode": record["meeting_mode"]
        if hold.keep("meeting.meeting_mode", record["meeting_mode"], "meeting_mode")
        else None,
        "venue": record["venue"] if hold.keep("meeting.venue", record["venue"], "venue") else None,
        "online_platform": online_platform_in(text) if record["meeting_mode"] else None,
        "government_parties": government,
        "attending_agencies": attending,
        "sectors": dac_labels,
        "regions": region_labels,
        "url": record["url"],
        "existing": existing_meeting.pk if existing_meeting else None,
        "existing_title": existing_meeting.title if existing_meeting else "",
    }
    if meeting["meeting_mode"] is None:
        meeting["online_platform"] = None
    return {
        "record": record,
        "evidence": _evidence_rows(text, result),
        "proposal": {
            "meeting": meeting,
            "agreements": agreements,
            "signatories": record["signatories"],
            "withheld": hold.withheld,
            "min_confidence": hold.threshold,
        },
    }
