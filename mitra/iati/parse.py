"""Streaming IATI activity parser (issue 17 §1): pure Python over lxml, no database.

`iter_activities(stream)` yields one `ParsedActivity` (or one `Problem`) per `<iati-activity>`,
reading the file with `lxml.etree.iterparse` and clearing each activity (and the siblings before
it) once read, so memory stays flat whatever the file size. Hostile XML is refused before any
activity is read: a DTD (and so any entity), a file bigger than the cap, a text node bigger than
libxml2's default limit (`huge_tree=False`), and the network is never used.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from lxml import etree

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SUPPORTED_VERSIONS = {"2.01", "2.02", "2.03"}
DEFAULT_MAX_BYTES = 300 * 1024 * 1024
PROLOG_SCAN_BYTES = 1024 * 1024
_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class HostileXML(ValueError):
    """The file is refused as a whole (the message says why)."""


@dataclass
class Problem:
    line: int | None
    message: str


@dataclass
class ParsedActivity:
    identifier: str
    version: str
    raw: bytes
    hash: str
    line: int | None
    fields: dict[str, Any]
    organizations: list[dict[str, Any]] = field(default_factory=list)
    narratives: list[dict[str, Any]] = field(default_factory=list)
    recipients: list[dict[str, Any]] = field(default_factory=list)
    sectors: list[dict[str, Any]] = field(default_factory=list)
    locations: list[dict[str, Any]] = field(default_factory=list)
    budgets: list[dict[str, Any]] = field(default_factory=list)
    planned_disbursements: list[dict[str, Any]] = field(default_factory=list)
    transactions: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)


class CappedReader:
    """A read()-able wrapper that refuses a DTD in the prolog and more than `max_bytes`."""

    def __init__(self, raw: IO[bytes], max_bytes: int) -> None:
        self.raw = raw
        self.max_bytes = max_bytes
        self.count = 0
        self.head = b""
        self.prolog_done = False

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(size if size and size > 0 else 65536)
        self.count += len(chunk)
        if self.count > self.max_bytes:
            raise HostileXML(
                f"The file is larger than the limit of {self.max_bytes // (1024 * 1024)} MB."
            )
        if not self.prolog_done and chunk:
            self.head = (self.head + chunk)[: PROLOG_SCAN_BYTES + len(chunk)]
            _check_prolog(self.head)
            if _root_started(self.head) or len(self.head) > PROLOG_SCAN_BYTES:
                if not _root_started(self.head):
                    raise HostileXML("No root element in the first megabyte of the file.")
                self.prolog_done = True
        return chunk


def _root_started(head: bytes) -> bool:
    return re.search(rb"<[A-Za-z_]", head) is not None


def _check_prolog(head: bytes) -> None:
    start = re.search(rb"<[A-Za-z_]", head)
    prolog = head[: start.start()] if start else head
    if _DOCTYPE.search(prolog):
        raise HostileXML(
            "The file declares a DTD or entities (<!DOCTYPE>/<!ENTITY>); IATI files have none, "
            "and such files are refused."
        )


def _text(el: etree._Element | None) -> str:
    return " ".join((el.text or "").split()) if el is not None else ""


def _narratives(el: etree._Element | None, default_lang: str) -> dict[str, str]:
    """{lang: text} of an element's narratives (2.x); lang lower case."""
    found: dict[str, str] = {}
    if el is None:
        return found
    for nar in el.iterchildren("narrative"):
        text = " ".join("".join(nar.itertext()).split())
        if text:
            lang = (nar.get(XML_LANG) or default_lang or "").lower()
            found.setdefault(lang, text)
    return found


def _first(narr: dict[str, str], lang: str = "en") -> str:
    if not narr:
        return ""
    return narr.get(lang) or next(iter(narr.values()))


def parse_decimal(value: str | None, what: str) -> Decimal:
    try:
        number = Decimal((value or "").strip().replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"{what}: {value!r} is not a number") from None
    if not number.is_finite() or abs(number) >= Decimal(10) ** 18:
        raise ValueError(f"{what}: {value!r} is out of range")
    return number.quantize(Decimal("0.01"))


def parse_date(value: str | None, what: str) -> date | None:
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        raise ValueError(f"{what}: {value!r} is not a date") from None


def _percentage(value: str | None, what: str) -> Decimal | None:
    if value is None or not value.strip():
        return None
    number = parse_decimal(value, what)
    if number < 0 or number > 100:
        raise ValueError(f"{what}: {value!r} is not a percentage")
    return number


def _org(el: etree._Element, role: str, lang: str) -> dict[str, Any]:
    narr = _narratives(el, lang)
    return {
        "role": role,
        "ref": (el.get("ref") or "").strip()[:255],
        "type": (el.get("type") or "").strip()[:8],
        "activity_ref": (el.get("activity-id") or "").strip()[:255],
        "name": _first(narr)[:500],
        "narratives": narr,
    }


def _value(el: etree._Element | None, default_currency: str, what: str) -> dict[str, Any]:
    if el is None:
        raise ValueError(f"{what}: no value")
    return {
        "value": parse_decimal(el.text, what),
        "currency": ((el.get("currency") or default_currency or "").strip().upper())[:3],
        "value_date": parse_date(el.get("value-date"), f"{what} value-date"),
    }


def _period(el: etree._Element, what: str) -> dict[str, Any]:
    start = el.find("period-start")
    end = el.find("period-end")
    return {
        "period_start": parse_date(start.get("iso-date") if start is not None else None, what),
        "period_end": parse_date(end.get("iso-date") if end is not None else None, what),
    }


def _party(el: etree._Element | None, lang: str) -> tuple[str, str, str]:
    if el is None:
        return "", "", ""
    return (
        (el.get("ref") or "").strip()[:255],
        _first(_narratives(el, lang))[:500],
        (el.get("provider-activity-id") or el.get("receiver-activity-id") or "").strip()[:255],
    )


def activity_from_element(el: etree._Element, file_version: str) -> ParsedActivity:
    """One activity's rows; ValueError (with what is wrong) when it cannot be read."""
    version = (
        el.get("{http://d-portal.org/xmlns/iati-activities}version")
        or el.get("{https://datastore.codeforiati.org/ns}version")
        or file_version
        or "2.03"
    )
    if version not in SUPPORTED_VERSIONS:
        raise ValueError(f"IATI version {version!r} is not supported (2.01–2.03)")
    identifier = _text(el.find("iati-identifier"))
    if not identifier:
        raise ValueError("the activity has no iati-identifier")
    if len(identifier) > 255:
        raise ValueError("the iati-identifier is longer than 255 characters")
    lang = (el.get(XML_LANG) or "").lower()
    currency = (el.get("default-currency") or "").strip().upper()[:3]
    raw = etree.tostring(el)
    parsed = ParsedActivity(
        identifier=identifier,
        version=version,
        raw=raw,
        hash=hashlib.sha256(raw).hexdigest(),
        line=el.sourceline,
        fields={"default_currency": currency, "language": lang[:8]},
    )
    f = parsed.fields
    last_updated = el.get("last-updated-datetime")
    f["last_updated"] = None
    if last_updated:
        try:
            f["last_updated"] = datetime.fromisoformat(last_updated.strip().replace("Z", "+00:00"))
        except ValueError:
            f["last_updated"] = None
        if f["last_updated"] is not None and f["last_updated"].tzinfo is None:
            f["last_updated"] = None
    dates: dict[str, date | None] = {}
    countries: list[tuple[str, Decimal | None]] = []
    for child in el.iterchildren(tag=etree.Element):
        tag = child.tag
        if tag == "reporting-org":
            org = _org(child, "reporting", lang)
            parsed.organizations.append(org)
            f["reporting_org_ref"] = org["ref"]
            f["reporting_org_type"] = org["type"]
            f["reporting_org_name"] = org["name"]
        elif tag == "participating-org":
            parsed.organizations.append(_org(child, (child.get("role") or "")[:10], lang))
        elif tag in ("title", "description"):
            for nar_lang, text in _narratives(child, lang).items():
                parsed.narratives.append(
                    {
                        "kind": tag,
                        "description_type": (child.get("type") or "")[:4],
                        "lang": nar_lang[:8],
                        "text": text,
                    }
                )
            if tag == "title":
                f["title"] = _first(_narratives(child, lang))[:1000]
        elif tag == "activity-status":
            f["status"] = (child.get("code") or "")[:4]
        elif tag == "activity-date":
            kind = child.get("type")
            names = {
                "1": "planned_start",
                "2": "actual_start",
                "3": "planned_end",
                "4": "actual_end",
            }
            if kind in names:
                dates[names[kind]] = parse_date(child.get("iso-date"), "activity-date")
        elif tag == "recipient-country":
            code = (child.get("code") or "").strip().upper()
            pct = _percentage(child.get("percentage"), "recipient-country percentage")
            countries.append((code, pct))
            parsed.recipients.append(
                {"kind": "country", "code": code[:20], "vocabulary": "", "percentage": pct}
            )
        elif tag == "recipient-region":
            parsed.recipients.append(
                {
                    "kind": "region",
                    "code": (child.get("code") or "").strip()[:20],
                    "vocabulary": (child.get("vocabulary") or "1")[:8],
                    "percentage": _percentage(
                        child.get("percentage"), "recipient-region percentage"
                    ),
                }
            )
        elif tag == "sector":
            parsed.sectors.append(
                {
                    "vocabulary": (child.get("vocabulary") or "1")[:8],
                    "code": (child.get("code") or "").strip()[:40],
                    "percentage": _percentage(child.get("percentage"), "sector percentage"),
                    "name": _first(_narratives(child, lang))[:500],
                }
            )
        elif tag == "location":
            parsed.locations.append(_location(child, lang))
        elif tag == "budget":
            parsed.budgets.append(
                {
                    "type": (child.get("type") or "")[:4],
                    "status": (child.get("status") or "")[:4],
                    **_period(child, "budget period"),
                    **_value(child.find("value"), currency, "budget value"),
                }
            )
        elif tag == "planned-disbursement":
            p_ref, p_name, _ = _party(child.find("provider-org"), lang)
            r_ref, r_name, _ = _party(child.find("receiver-org"), lang)
            parsed.planned_disbursements.append(
                {
                    "type": (child.get("type") or "")[:4],
                    **_period(child, "planned-disbursement period"),
                    **_value(child.find("value"), currency, "planned-disbursement value"),
                    "provider_ref": p_ref,
                    "provider_name": p_name,
                    "receiver_ref": r_ref,
                    "receiver_name": r_name,
                }
            )
        elif tag == "transaction":
            parsed.transactions.append(_transaction(child, currency, lang))
        elif tag == "document-link":
            parsed.documents.append(_document(child, lang))
    f.update(dates)
    f["indonesia_share"] = indonesia_share(countries, parsed.transactions)
    f["in_indonesia"] = f["indonesia_share"] is not None
    return parsed


def indonesia_share(
    countries: list[tuple[str, Decimal | None]], transactions: list[dict[str, Any]]
) -> Decimal | None:
    """Indonesia's share (0–100) of the activity's amounts, from the recipient percentages.

    One recipient country and no percentage means all of it; several without percentages are
    shared equally (the standard requires percentages then; this is the reading that overstates
    no country). Transaction-level recipient countries: the share of the transaction value."""
    if countries:
        ids = [pct for code, pct in countries if code == "ID"]
        if not ids:
            return None
        if ids[0] is not None:
            return ids[0]
        if len(countries) == 1:
            return Decimal(100)
        return (Decimal(100) / len(countries)).quantize(Decimal("0.001"))
    total = sum((t["value"] for t in transactions), Decimal(0))
    mine = sum((t["value"] for t in transactions if t["recipient_country"] == "ID"), Decimal(0))
    if not any(t["recipient_country"] == "ID" for t in transactions):
        return None
    return (mine * 100 / total).quantize(Decimal("0.001")) if total else Decimal(100)


def _location(el: etree._Element, lang: str) -> dict[str, Any]:
    lat = lon = None
    pos = el.find("point/pos")
    if pos is not None and pos.text:
        parts = pos.text.split()
        if len(parts) == 2:
            try:
                lat, lon = (
                    Decimal(parts[0]).quantize(Decimal("0.000001")),
                    Decimal(parts[1]).quantize(Decimal("0.000001")),
                )
                if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    lat = lon = None
            except InvalidOperation:
                lat = lon = None
    return {
        "ref": (el.get("ref") or "")[:255],
        "name": _first(_narratives(el.find("name"), lang))[:500],
        "administrative": [
            {
                "vocabulary": a.get("vocabulary") or "",
                "level": a.get("level") or "",
                "code": (a.get("code") or "").strip(),
            }
            for a in el.iterchildren("administrative")
        ],
        "latitude": lat,
        "longitude": lon,
    }


def _transaction(el: etree._Element, currency: str, lang: str) -> dict[str, Any]:
    type_el = el.find("transaction-type")
    date_el = el.find("transaction-date")
    p_ref, p_name, p_act = _party(el.find("provider-org"), lang)
    r_ref, r_name, r_act = _party(el.find("receiver-org"), lang)
    country = el.find("recipient-country")
    return {
        "ref": (el.get("ref") or "")[:255],
        "type": ((type_el.get("code") or "") if type_el is not None else "")[:4],
        "date": parse_date(
            date_el.get("iso-date") if date_el is not None else None, "transaction-date"
        ),
        **_value(el.find("value"), currency, "transaction value"),
        "description": _first(_narratives(el.find("description"), lang)),
        "provider_ref": p_ref,
        "provider_name": p_name,
        "provider_activity": p_act,
        "receiver_ref": r_ref,
        "receiver_name": r_name,
        "receiver_activity": r_act,
        "recipient_country": ((country.get("code") or "") if country is not None else "")[
            :2
        ].upper(),
    }


def _document(el: etree._Element, lang: str) -> dict[str, Any]:
    date_el = el.find("document-date")
    try:
        doc_date = parse_date(date_el.get("iso-date") if date_el is not None else None, "date")
    except ValueError:
        doc_date = None
    return {
        "url": (el.get("url") or "")[:2000],
        "format": (el.get("format") or "")[:120],
        "title": _first(_narratives(el.find("title"), lang))[:1000],
        "categories": [c.get("code") or "" for c in el.iterchildren("category")],
        "languages": [c.get("code") or "" for c in el.iterchildren("language")],
        "document_date": doc_date,
    }


def iter_activities(
    stream: IO[bytes], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[ParsedActivity | Problem]:
    """Activities of one file, in order; malformed ones as a Problem with their line.

    Raises HostileXML for a file refused as a whole. A file cut short (not well-formed)
    ends with a Problem naming the line; the activities before it are yielded."""
    reader = CappedReader(stream, max_bytes)
    context = etree.iterparse(
        reader,
        events=("start", "end"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    file_version = ""
    depth = 0
    try:
        for event, el in context:
            if event == "start":
                depth += 1
                if depth == 1:
                    if el.tag != "iati-activities":
                        raise HostileXML(
                            "This is not an IATI activity file (the root element is not "
                            "<iati-activities>)."
                        )
                    file_version = (el.get("version") or "").strip()
                    if file_version and file_version not in SUPPORTED_VERSIONS:
                        raise HostileXML(
                            f"IATI version {file_version} is not supported (2.01–2.03)."
                        )
                continue
            depth -= 1
            if depth != 1:
                continue
            if el.tag == "iati-activity":
                try:
                    yield activity_from_element(el, file_version)
                except ValueError as exc:
                    yield Problem(el.sourceline, str(exc))
            el.clear(keep_tail=False)
            while el.getprevious() is not None:
                parent = el.getparent()
                if parent is None:
                    break
                del parent[0]
    except etree.XMLSyntaxError as exc:
        if reader.count > reader.max_bytes:
            raise HostileXML("The file is too large.") from None
        msg = str(exc)
        if "huge" in msg.lower() or "entity" in msg.lower():
            raise HostileXML(f"The file is refused: {msg}") from None
        line = exc.lineno if exc.lineno else None
        yield Problem(line, f"The file is not well-formed XML from here on: {msg}")
    finally:
        del context
