"""Streaming IATI activity parser (issue 17 §1): pure Python over lxml, no database.

`iter_activities(stream)` yields one `ParsedActivity` (or one `Problem`) per `<iati-activity>`,
reading the file once with `lxml.etree.iterparse` (only the activity elements raise events) and
clearing each activity (and the siblings before it) once read, so memory stays flat whatever the
file size. Hostile XML is refused before any activity is read: a DTD (and so any entity), a file
bigger than the cap, a text node bigger than libxml2's default limit (`huge_tree=False`), and the
network is never used.

Each activity's raw XML is its bytes as published, cut out of the bytes the parser has read
(`rawbytes.Slicer`): re-serialising every element (`etree.tostring`) cost as much as a third of
the parse. A file the slicer cannot follow (not UTF-8, or anything it does not expect) gets the
serialised element instead; either way the same file always gives the same bytes and hash.

With `indonesia_only` (the import's scope "indonesia", ADR 0024) an activity that does not
concern Indonesia (`concerns_indonesia`, the rule of `in_indonesia`) is yielded as an
`OutOfScope` without reading its values; `activity_from_raw` reads one again when needed. The
file is then cut into activities from its bytes (`split.py`, ADR 0025) and only the activities
whose bytes may concern Indonesia are parsed; a file the splitter does not follow is parsed whole.
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

from .rawbytes import CappedReader, HostileXML, Slicer
from .split import ActivitySplitter, SplitGaveUp, root_start_tag

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SUPPORTED_VERSIONS = {"2.01", "2.02", "2.03"}
DEFAULT_MAX_BYTES = 300 * 1024 * 1024
_VERSION_ATTRS = (
    "{http://d-portal.org/xmlns/iati-activities}version",
    "{https://datastore.codeforiati.org/ns}version",
)
_CENT = Decimal("0.01")
_MICRO = Decimal("0.000001")
_LIMIT = Decimal(10) ** 18
_HUNDRED = Decimal(100)
_DATE_KINDS = {"1": "planned_start", "2": "actual_start", "3": "planned_end", "4": "actual_end"}


@dataclass
class Problem:
    line: int | None
    message: str


@dataclass
class ParsedActivity:
    """One activity: the activity's own values (`fields`) and its child rows, each a dict keyed
    by the child model's attribute names (the importer adds `activity_id` and derived values)."""

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


@dataclass
class OutOfScope:
    """An activity outside the import's scope (`iter_activities(indonesia_only=True)`: it does
    not concern Indonesia): read no further than its identifier. Its bytes are kept for the one
    case that needs them, an activity an earlier import stored (`activity_from_raw`)."""

    identifier: str
    line: int | None
    raw: bytes
    file_version: str
    nsmap: dict[str | None, str]


# Values --------------------------------------------------------------------------------------
# The loops below run for every element of ~100 MB of XML: they read each element's children
# once (no `find`), inline what is called most, and build each row as one dict display.


def _text(el: Any) -> str:
    return " ".join((el.text or "").split()) if el is not None else ""


def _narrative_text(nar: Any) -> str:
    text = "".join(nar.itertext()) if len(nar) else nar.text
    return " ".join(text.split()) if text else ""


def _narratives(el: Any, default_lang: str) -> dict[str, str]:
    """{lang: text} of an element's narratives (2.x); lang lower case; the first per language."""
    found: dict[str, str] = {}
    if el is None:
        return found
    for nar in el:
        if nar.tag == "narrative":
            text = _narrative_text(nar)
            if text:
                lang = nar.get(XML_LANG)
                lang = lang.lower() if lang else default_lang
                if lang not in found:
                    found[lang] = text
    return found


def _name(el: Any, default_lang: str) -> str:
    """The English narrative of an element, else its first (what `_narratives` would give)."""
    first = ""
    for nar in el:
        if nar.tag == "narrative":
            text = _narrative_text(nar)
            if text:
                lang = nar.get(XML_LANG)
                if (lang.lower() if lang else default_lang) == "en":
                    return text
                if not first:
                    first = text
    return first


def _first(narr: dict[str, str], lang: str = "en") -> str:
    if not narr:
        return ""
    return narr.get(lang) or next(iter(narr.values()))


def parse_decimal(value: str | None, what: str) -> Decimal:
    try:
        # Decimal() ignores surrounding whitespace; thousands separators are dropped.
        number = Decimal(value.replace(",", "") if value and "," in value else value or "")
    except InvalidOperation:
        raise ValueError(f"{what}: {value!r} is not a number") from None
    if not number.is_finite() or abs(number) >= _LIMIT:
        raise ValueError(f"{what}: {value!r} is out of range")
    return number.quantize(_CENT)


def parse_date(value: str | None, what: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        value = value.strip()
        if not value:
            return None
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            raise ValueError(f"{what}: {value!r} is not a date") from None


def _percentage(value: str | None, what: str) -> Decimal | None:
    if value is None or not value.strip():
        return None
    number = parse_decimal(value, what)
    if number < 0 or number > _HUNDRED:
        raise ValueError(f"{what}: {value!r} is not a percentage")
    return number


def _attr(el: Any, name: str, size: int) -> str:
    value = el.get(name)
    return value.strip()[:size] if value else ""


def _org(el: Any, role: str, lang: str) -> dict[str, Any]:
    narr = _narratives(el, lang)
    ref = el.get("ref")
    kind = el.get("type")
    activity = el.get("activity-id")
    return {
        "role": role,
        "ref": ref.strip()[:255] if ref else "",
        "type": kind.strip()[:8] if kind else "",
        "activity_ref": activity.strip()[:255] if activity else "",
        "name": _first(narr)[:500],
        "narratives": narr,
    }


def _activity_id(el: Any) -> str:
    return (el.get("provider-activity-id") or el.get("receiver-activity-id") or "").strip()[:255]


def _money(el: Any, currency: str, what: str) -> tuple[Decimal, str, date | None]:
    """(value, currency, value date) of a `<value>`."""
    own = el.get("currency")
    return (
        parse_decimal(el.text, what),
        own.strip().upper()[:3] if own else currency,
        parse_date(el.get("value-date"), what + " value-date"),
    )


def _periodic(el: Any, currency: str, lang: str, what: str) -> dict[str, Any]:
    """A budget or planned disbursement: type, period, value, provider and receiver."""
    kind = el.get("type")
    start = end = value = None
    p_ref = p_name = r_ref = r_name = ""
    for child in el:
        tag = child.tag
        if tag == "value":
            if value is None:
                value = _money(child, currency, what + " value")
        elif tag == "period-start":
            start = parse_date(child.get("iso-date"), what + " period")
        elif tag == "period-end":
            end = parse_date(child.get("iso-date"), what + " period")
        elif tag == "provider-org":
            p_ref, p_name = _attr(child, "ref", 255), _name(child, lang)[:500]
        elif tag == "receiver-org":
            r_ref, r_name = _attr(child, "ref", 255), _name(child, lang)[:500]
    if value is None:
        raise ValueError(f"{what} value: no value")
    return {
        "type": kind[:4] if kind else "",
        "period_start": start,
        "period_end": end,
        "value": value[0],
        "currency": value[1],
        "value_date": value[2],
        "provider_ref": p_ref,
        "provider_name": p_name,
        "receiver_ref": r_ref,
        "receiver_name": r_name,
    }


def _transaction(el: Any, currency: str, lang: str) -> dict[str, Any]:
    kind = when = value = None
    description = p_ref = p_name = p_act = r_ref = r_name = r_act = country = ""
    for child in el:
        tag = child.tag
        if tag == "value":
            if value is None:
                value = _money(child, currency, "transaction value")
        elif tag == "transaction-type":
            kind = child.get("code")
        elif tag == "transaction-date":
            when = parse_date(child.get("iso-date"), "transaction-date")
        elif tag == "provider-org":
            p_ref, p_name, p_act = _attr(child, "ref", 255), _name(child, lang), _activity_id(child)
        elif tag == "receiver-org":
            r_ref, r_name, r_act = _attr(child, "ref", 255), _name(child, lang), _activity_id(child)
        elif tag == "description":
            description = _name(child, lang)
        elif tag == "recipient-country":
            country = (child.get("code") or "")[:2].upper()
    if value is None:
        raise ValueError("transaction value: no value")
    ref = el.get("ref")
    return {
        "ref": ref[:255] if ref else "",
        "type": kind[:4] if kind else "",
        "date": when,
        "value": value[0],
        "currency": value[1],
        "value_date": value[2],
        "description": description,
        "provider_ref": p_ref,
        "provider_name": p_name[:500],
        "provider_activity": p_act,
        "receiver_ref": r_ref,
        "receiver_name": r_name[:500],
        "receiver_activity": r_act,
        "recipient_country": country,
    }


def _location(el: Any, lang: str) -> dict[str, Any]:
    lat = lon = None
    pos = el.find("point/pos")
    if pos is not None and pos.text:
        parts = pos.text.split()
        if len(parts) == 2:
            try:
                lat, lon = Decimal(parts[0]).quantize(_MICRO), Decimal(parts[1]).quantize(_MICRO)
                if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    lat = lon = None
            except InvalidOperation:
                lat = lon = None
    name = el.find("name")
    return {
        "ref": (el.get("ref") or "")[:255],
        "name": _name(name, lang)[:500] if name is not None else "",
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


def _document(el: Any, lang: str) -> dict[str, Any]:
    title = None
    categories: list[str] = []
    languages: list[str] = []
    when = None
    for child in el:
        tag = child.tag
        if tag == "category":
            categories.append(child.get("code") or "")
        elif tag == "title":
            if title is None:
                title = _name(child, lang)[:1000]
        elif tag == "language":
            languages.append(child.get("code") or "")
        elif tag == "document-date" and when is None:
            when = child
    doc_date = None
    if when is not None:
        try:
            doc_date = parse_date(when.get("iso-date"), "date")
        except ValueError:
            doc_date = None
    url = el.get("url")
    kind = el.get("format")
    return {
        "url": url[:2000] if url else "",
        "format": kind[:120] if kind else "",
        "title": title or "",
        "categories": categories,
        "languages": languages,
        "document_date": doc_date,
    }


def _last_updated(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        found = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return found if found.tzinfo is not None else None


def activity_from_element(el: Any, file_version: str, raw: bytes | None = None) -> ParsedActivity:
    """One activity's rows; ValueError (with what is wrong) when it cannot be read. `raw`: the
    activity's bytes as published (else the element is serialised)."""
    version = el.get(_VERSION_ATTRS[0]) or el.get(_VERSION_ATTRS[1]) or file_version or "2.03"
    if version not in SUPPORTED_VERSIONS:
        raise ValueError(f"IATI version {version!r} is not supported (2.01–2.03)")
    lang = (el.get(XML_LANG) or "").lower()
    currency = (el.get("default-currency") or "").strip().upper()[:3]
    f: dict[str, Any] = {
        "default_currency": currency,
        "language": lang[:8],
        "last_updated": _last_updated(el.get("last-updated-datetime")),
    }
    identifier = None
    organizations: list[dict[str, Any]] = []
    narratives: list[dict[str, Any]] = []
    recipients: list[dict[str, Any]] = []
    sectors: list[dict[str, Any]] = []
    locations: list[dict[str, Any]] = []
    budgets: list[dict[str, Any]] = []
    planned: list[dict[str, Any]] = []
    transactions: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []
    countries: list[tuple[str, Decimal | None]] = []
    for child in el:
        tag = child.tag
        kind = _CHILD_KIND.get(tag)
        if kind is None:
            continue
        if kind == 1:
            transactions.append(_transaction(child, currency, lang))
        elif kind == 2:
            organizations.append(_org(child, (child.get("role") or "")[:10], lang))
        elif kind == 3:
            row = _periodic(child, currency, lang, "budget")
            row["status"] = (child.get("status") or "")[:4]
            budgets.append(row)
        elif kind == 4:
            documents.append(_document(child, lang))
        elif kind == 5:
            kind_date = _DATE_KINDS.get(child.get("type") or "")
            if kind_date:
                f[kind_date] = parse_date(child.get("iso-date"), "activity-date")
        elif kind == 6:
            sectors.append(
                {
                    "vocabulary": (child.get("vocabulary") or "1")[:8],
                    "code": _attr(child, "code", 40),
                    "percentage": _percentage(child.get("percentage"), "sector percentage"),
                    "name": _name(child, lang)[:500],
                }
            )
        elif kind == 7:
            found = _narratives(child, lang)
            description_type = (child.get("type") or "")[:4]
            for nar_lang, text in found.items():
                narratives.append(
                    {
                        "kind": tag,
                        "description_type": description_type,
                        "lang": nar_lang[:8],
                        "text": text,
                    }
                )
            if tag == "title":
                f["title"] = _first(found)[:1000]
        elif kind == 8:
            code = (child.get("code") or "").strip().upper()
            pct = _percentage(child.get("percentage"), "recipient-country percentage")
            countries.append((code, pct))
            recipients.append(
                {"kind": "country", "code": code[:20], "vocabulary": "", "percentage": pct}
            )
        elif kind == 9:
            planned.append(_periodic(child, currency, lang, "planned-disbursement"))
        elif kind == 10:
            if identifier is None:
                identifier = _text(child)
        elif kind == 11:
            org = _org(child, "reporting", lang)
            organizations.append(org)
            f["reporting_org_ref"] = org["ref"]
            f["reporting_org_type"] = org["type"]
            f["reporting_org_name"] = org["name"]
        elif kind == 12:
            f["status"] = (child.get("code") or "")[:4]
        elif kind == 13:
            locations.append(_location(child, lang))
        elif kind == 14:
            recipients.append(
                {
                    "kind": "region",
                    "code": _attr(child, "code", 20),
                    "vocabulary": (child.get("vocabulary") or "1")[:8],
                    "percentage": _percentage(
                        child.get("percentage"), "recipient-region percentage"
                    ),
                }
            )
    if not identifier:
        raise ValueError("the activity has no iati-identifier")
    if len(identifier) > 255:
        raise ValueError("the iati-identifier is longer than 255 characters")
    f["indonesia_share"] = indonesia_share(countries, transactions)
    f["in_indonesia"] = f["indonesia_share"] is not None
    if raw is None:
        raw = etree.tostring(el, encoding="UTF-8")
    return ParsedActivity(
        identifier=identifier,
        version=version,
        raw=raw,
        hash=hashlib.sha256(raw).hexdigest(),
        line=el.sourceline,
        fields=f,
        organizations=organizations,
        narratives=narratives,
        recipients=recipients,
        sectors=sectors,
        locations=locations,
        budgets=budgets,
        planned_disbursements=planned,
        transactions=transactions,
        documents=documents,
    )


# The children of <iati-activity> that give rows (the others are skipped with one lookup).
_CHILD_KIND = {
    "transaction": 1,
    "participating-org": 2,
    "budget": 3,
    "document-link": 4,
    "activity-date": 5,
    "sector": 6,
    "title": 7,
    "description": 7,
    "recipient-country": 8,
    "planned-disbursement": 9,
    "iati-identifier": 10,
    "reporting-org": 11,
    "activity-status": 12,
    "location": 13,
    "recipient-region": 14,
}


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
    if not any(t["recipient_country"] == "ID" for t in transactions):
        return None
    total = sum((t["value"] for t in transactions), Decimal(0))
    mine = sum((t["value"] for t in transactions if t["recipient_country"] == "ID"), Decimal(0))
    return (mine * 100 / total).quantize(Decimal("0.001")) if total else Decimal(100)


def concerns_indonesia(el: Any) -> bool:
    """Whether `activity_from_element(el)` would set `in_indonesia` (`indonesia_share` not
    None), read from the element without building any value: a recipient country `ID` at the
    activity's level or, when it names no country, on one of its transactions (the last
    `recipient-country` of a transaction is the one that counts, as in `_transaction`)."""
    countries = False
    for child in el.iterchildren("recipient-country"):
        code = child.get("code")
        if code and code.strip().upper() == "ID":
            return True
        countries = True
    if countries:
        return False
    for transaction in el.iterchildren("transaction"):
        code = None
        for child in transaction.iterchildren("recipient-country"):
            code = child.get("code")
        if code and code[:2].upper() == "ID":
            return True
    return False


def _identifier(el: Any) -> str:
    """The activity's identifier as `activity_from_element` reads it; ValueError as it does."""
    found = next(el.iterchildren("iati-identifier"), None)  # the first, as the loop reads it
    identifier = _text(found) if found is not None else ""
    if not identifier:
        raise ValueError("the activity has no iati-identifier")
    if len(identifier) > 255:
        raise ValueError("the iati-identifier is longer than 255 characters")
    return identifier


def _safe_parser() -> Any:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def activity_from_raw(item: OutOfScope) -> ParsedActivity:
    """The activity an `OutOfScope` stands for, read from its bytes as `iter_activities` would
    have read it in the file (same values, raw bytes, hash and line); ValueError as
    `activity_from_element`. The bytes are wrapped in a root declaring the file's namespace
    prefixes (an activity may use a prefix its file's root declares)."""
    root = etree.tostring(etree.Element("iati-activities", nsmap=item.nsmap))
    wrapped = root[:-2] + b">" + item.raw + b"</iati-activities>"
    try:
        el = etree.fromstring(wrapped, _safe_parser())[0]
    except (etree.XMLSyntaxError, IndexError) as exc:  # cannot happen for bytes cut from a file
        raise ValueError(f"the activity cannot be read again: {exc}") from None
    parsed = activity_from_element(el, item.file_version, item.raw)
    parsed.line = item.line
    return parsed


Item = ParsedActivity | Problem | OutOfScope


def iter_activities(
    stream: IO[bytes], *, max_bytes: int = DEFAULT_MAX_BYTES, indonesia_only: bool = False
) -> Iterator[Item]:
    """Activities of one file, in order; malformed ones as a Problem with their line.

    Raises HostileXML for a file refused as a whole. A file cut short (not well-formed)
    ends with a Problem naming the line; the activities before it are yielded.

    `indonesia_only`: an activity that does not concern Indonesia (`concerns_indonesia`) is
    yielded as an `OutOfScope` (its identifier and bytes; no value read, no hash), or as a
    Problem when it has no usable identifier. The file is then cut into activities without
    parsing it, and only those whose bytes may concern Indonesia are parsed (ADR 0025); a file
    the splitter does not follow (`SplitGaveUp`) is parsed whole from where it stopped."""
    seekable = getattr(stream, "seekable", None)
    if not indonesia_only or not callable(seekable) or not seekable():
        yield from _iter_parsed(stream, max_bytes=max_bytes, indonesia_only=indonesia_only)
        return
    origin = stream.tell()
    done = 0
    try:
        for item in _iter_split(stream, max_bytes):
            yield item
            done += 1
        return
    except SplitGaveUp:
        stream.seek(origin)
    yield from _iter_parsed(stream, max_bytes=max_bytes, indonesia_only=True, skip=done)


def _file_version(root: Any) -> str:
    """The root's IATI version; HostileXML for a file that is not an IATI activity file."""
    if root.tag != "iati-activities":
        raise HostileXML(
            "This is not an IATI activity file (the root element is not <iati-activities>)."
        )
    version = (root.get("version") or "").strip()
    if version and version not in SUPPORTED_VERSIONS:
        raise HostileXML(f"IATI version {version} is not supported (2.01–2.03).")
    return version


def _item(
    el: Any, line: int | None, raw: bytes, file_version: str, nsmap: Any, indonesia_only: bool
) -> Item:
    """What one top-level activity element yields."""
    try:
        if indonesia_only and not concerns_indonesia(el):
            return OutOfScope(_identifier(el), line, raw, file_version, nsmap)
        parsed = activity_from_element(el, file_version, raw)
    except ValueError as exc:
        return Problem(line, str(exc))
    parsed.line = line
    return parsed


# Activities read from their bytes (scope "indonesia", ADR 0025) --------------------------------

# A necessary condition of `concerns_indonesia` on an activity's bytes: a `recipient-country`
# element, and a code attribute (of any element) whose value starts with "ID" in any case, after
# any blanks, or with a character reference where either letter could be (`&#73;D`, `I&#68;`).
# Conservative by design: a false match costs a parse (`<language code="id">` lets a few
# through); a missed one would lose an activity (tests/test_import_split.py, with a property
# test). Not tied to the `<recipient-country` tag itself: a pattern that skips quoted values up
# to the tag's end backtracks over every later tag when a quote is left open, quadratic on a
# hostile file; this one is linear.
_MAY_CONCERN = re.compile(rb"""code\s*=\s*["']\s*(?:&|[iI][dD&])""")
# The identifier as the first child, in plain text (no reference, no markup): anything else is
# read by parsing the activity.
_PLAIN_IDENTIFIER = re.compile(rb"\s*<iati-identifier\s*>([^<&]*)</iati-identifier\s*>")


def may_concern_indonesia(raw: bytes) -> bool:
    return b"recipient-country" in raw and _MAY_CONCERN.search(raw) is not None


def _plain_identifier(raw: bytes) -> str | None:
    """The identifier `_identifier` would read, when the bytes say it plainly; else None. The
    start tag ends at its first ">" unless an attribute value holds one: then what follows is
    still inside the value, which cannot hold "<", and the identifier does not match."""
    end = raw.find(b">", 14)
    if end == -1 or raw[end - 1] == ord("/"):
        return None
    found = _PLAIN_IDENTIFIER.match(raw, end + 1)
    if found is None:
        return None
    try:
        identifier = " ".join(found.group(1).decode("utf-8").split())
    except UnicodeDecodeError:
        return None
    return identifier if 0 < len(identifier) <= 255 else None


def _iter_split(stream: IO[bytes], max_bytes: int) -> Iterator[Item]:
    """`iter_activities(indonesia_only=True)` from the splitter's bytes: an activity whose bytes
    cannot concern Indonesia is an OutOfScope without being parsed; the others are parsed alone,
    inside the file's own root start tag (its namespaces and attributes), and a malformed one is
    a Problem at its line (the rest of the file is still read)."""
    splitter = ActivitySplitter(CappedReader(stream, max_bytes))
    head = splitter.head()
    try:
        root = etree.fromstring(head + b"</iati-activities>", _safe_parser())
    except etree.XMLSyntaxError:
        raise SplitGaveUp from None
    file_version = _file_version(root)
    nsmap = root.nsmap
    start_tag = root_start_tag(head)
    lines_before = start_tag.count(b"\n")  # the activity's own line in the wrapped bytes
    parser = _safe_parser()
    for line, raw in splitter:
        if not may_concern_indonesia(raw):
            identifier = _plain_identifier(raw)
            if identifier is not None:
                yield OutOfScope(identifier, line, raw, file_version, nsmap)
                continue
        try:
            el = etree.fromstring(start_tag + raw + b"</iati-activities>", parser)[0]
        except etree.XMLSyntaxError as exc:
            at = line + (exc.lineno - 1 - lines_before) if exc.lineno else line
            yield Problem(at, f"The activity is not well-formed XML: {exc.msg}")
            continue
        yield _item(el, line, raw, file_version, nsmap, True)


def _iter_parsed(
    stream: IO[bytes], *, max_bytes: int, indonesia_only: bool, skip: int = 0
) -> Iterator[Item]:
    """`iter_activities` by parsing the whole file; the first `skip` top-level activities are
    read (the slicer follows them) but not yielded."""
    reader = CappedReader(stream, max_bytes)
    slicer = Slicer(reader)
    # End events only, and comments and processing instructions removed from the activities
    # that hold any (below) rather than by the parser: start events and remove_comments /
    # remove_pis made libxml2 call back for every element, a third more than a bare parse.
    context = etree.iterparse(
        reader,
        events=("end",),
        tag=("iati-activities", "iati-activity"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
    )
    file_version = ""
    root = last = None
    index = 0
    try:
        for _event, el in context:
            if root is None:
                root = el.getroottree().getroot()
                file_version = _file_version(root)
            if el is root:
                continue
            if el.getparent() is not root:
                slicer.give_up()  # a nested activity: not IATI, and not what the slicer follows
                continue  # only whole top-level activities
            previous = el.getprevious()
            while previous is not None and not isinstance(previous.tag, str):
                previous = previous.getprevious()  # a comment or PI between activities
            raw = slicer.take(previous is None or previous is last)
            if raw is None or not slicer.clean:
                # what remove_comments/remove_pis would have left (same text, same bytes)
                etree.strip_tags(el, etree.Comment, etree.ProcessingInstruction)
            if index >= skip:
                if raw is None:
                    raw = etree.tostring(el, encoding="UTF-8")
                yield _item(el, el.sourceline, raw, file_version, root.nsmap, indonesia_only)
            index += 1
            el.clear(keep_tail=False)
            while el.getprevious() is not None:
                del root[0]
            last = el  # (cleared) stays until the next one: it is not "between"
        if root is None and context.root is not None:
            raise HostileXML(
                "This is not an IATI activity file (the root element is not <iati-activities>)."
            )
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
