"""`extract(text)`: the pipeline that turns a press item into an `Extraction`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from mitra.bodies.gazetteer import OWN_LEGAL_NAMES, BodyEntry

from . import meetings, setting
from .bodies import BodyMention, Gazetteer, default_gazetteer, regional_unit_before
from .dac import dac_sectors
from .dates import find_event_date, find_published
from .document import URL_LINE, Document, parse_document
from .event_agreements import agreements_of_the_event
from .foreign_side import country_counterparts, envoy_missions
from .model import Evidence, Extraction, ForeignParty, KnownOrganization, Signatory
from .names import OrgCandidate
from .page_noise import blank_page_noise
from .parties import find_foreign_candidates
from .regions import REGIONAL_KINDS, Region, regions_named
from .roles import BodyRole, classify_bodies, classify_foreign, meeting_participants
from .same_org import (
    attributive_only,
    merge_same_organizations,
    without_countries_of_partners,
)
from .signatories import find_signatories

# Press items are a few pages; beyond this the rest of an input is not analysed, which
# bounds the time spent on pathological inputs (a 1 MB dump still returns quickly).
MAX_TEXT_CHARS = 100_000


def extract(
    text: str,
    *,
    gazetteer: Gazetteer | None = None,
    registry: Sequence[KnownOrganization] = (),
) -> Extraction:
    """Extract the cooperation record from a press item (URL line optional)."""
    if not isinstance(text, str):
        text = str(text or "")
    text = text[:MAX_TEXT_CHARS]
    gazetteer = gazetteer or default_gazetteer()
    page = text
    # Links to other articles, tags, bylines and captions are blanked (offsets kept); the
    # publication date is still read from the page as it came (a byline may carry it).
    url = URL_LINE.match(text)
    text = blank_page_noise(text, url.end() if url else 0)
    doc = parse_document(text)
    result = Extraction(url=doc.url)
    evidence = result.evidence

    # Dates -------------------------------------------------------------------------
    published, date_lines = find_published(page, doc.header_lines, doc.body_start)
    doc.title = _title(doc, date_lines)
    if published:
        result.published = published.value
        evidence.append(
            Evidence(
                "published",
                published.value.isoformat(),
                published.start,
                published.end,
                published.confidence,
                published.rule,
            )
        )
    skip = [doc.header_lines[i] for i in date_lines]
    reference = published.value if published else _reference_date(text, doc.body_start)
    # "Sleman, Selasa (5/3/2024) - ... Senin (4/3)": another date of the body is the event's
    # before the dateline's own date, which is the event date only when no other is given.
    event = None
    if published and published.rule == "dateline":
        event = find_event_date(
            text,
            doc.body_start,
            reference,
            [*skip, (published.start, published.end)],
            published.value,
        )
        if event is not None and event.rule not in ("weekday-date", "anchored-date"):
            event = None  # a weaker reading (a relative day) does not outweigh the dateline
    event = event or find_event_date(
        text, doc.body_start, reference, skip, published.value if published else None
    )
    if event:
        result.event_date = event.value
        evidence.append(
            Evidence(
                "event_date",
                event.value.isoformat(),
                event.start,
                event.end,
                event.confidence,
                event.rule,
            )
        )
    on = result.event_date or result.published

    # Government bodies and foreign organizations --------------------------------------
    bare: list[BodyMention] = []
    mentions = _body_mentions(gazetteer, text, doc.body_start, bare)
    roles = _roles(gazetteer, mentions, on, text)
    foreign = merge_same_organizations(text, find_foreign_candidates(doc, mentions, registry))
    classify_foreign(doc, foreign)
    envoy_missions(doc, foreign)
    if not any(c.counterpart_cues for c in foreign):
        foreign += country_counterparts(doc, mentions)
    classify_bodies(doc, roles, foreign)
    event_types = list(meetings.event_types(text, doc.body_start))
    meeting_participants(foreign, {name for name, *_ in event_types})

    signatories = find_signatories(
        text,
        doc.sentences,
        mentions,
        # the organization under its full name, not the surface ("UNDP") of this mention
        [
            (s, e, name, str(id(c)))
            for c, name in ((c, c.display_name()) for c in foreign)
            for s, e in c.mentions
        ],
        lambda m: (
            _name_as_written(gazetteer.resolve(m.entries, on), text),
            any(e.kind == "unit" for e in m.entries),
        ),
    )
    for sig in signatories:
        for role in roles.values():
            if role.name == sig.organization:
                role.party_cues.append(("signatory", sig.start))
        for cand in foreign:
            if (
                cand.display_name() == sig.organization
                if sig.represented  # the organization an office signed for, not the office
                else any(sig.start <= s < sig.end for s, _ in cand.mentions)
            ):
                cand.counterpart_cues.append("signatory")

    parties = [r for r in roles.values() if r.party_cues]
    # A body named in the headline but attending in the body ("... dari Dirjen X Kemlu";
    # "mengundang Kemlu sebagai narasumber") is a guest when another body holds the event.
    if any(any(cue != "headline" for cue, _ in r.party_cues) for r in parties):
        parties = [
            r
            for r in parties
            if not (r.attend_cues and all(cue == "headline" for cue, _ in r.party_cues))
        ]
    if not parties:
        parties = _host_fallback(roles)
    party_keys = {r.key for r in parties}
    result.government_parties = [r.name for r in parties]
    for role in parties:
        cue, pos = (role.party_cues or [("most-mentioned", role.first_mention[0])])[0]
        evidence.append(
            Evidence(
                "government_parties",
                role.name,
                role.first_mention[0],
                role.first_mention[1],
                0.85 if role.party_cues else 0.5,
                cue,
            )
        )
    for role in roles.values():
        if role.key in party_keys:
            continue
        # a quoted official of a body that holds nothing: a guest of the parties' event
        quoted_guest = bool(role.quote_cues and parties and not role.party_cues)
        if (role.attend_cues or quoted_guest) and any(not m.is_weak for m in role.mentions):
            result.attending_agencies.append(role.name)
            evidence.append(
                Evidence(
                    "attending_agencies",
                    role.name,
                    role.first_mention[0],
                    role.first_mention[1],
                    0.75,
                    (role.attend_cues or role.quote_cues)[0][0],
                )
            )

    counterparts = without_countries_of_partners(
        _without_quoted_only(
            [c for c in foreign if c.counterpart_cues and not attributive_only(text, c)], doc
        )
    )
    counterparts.sort(key=lambda c: c.mentions[0])  # in the order the text names them
    for cand in counterparts:
        party = ForeignParty(
            cand.display_name(), cand.known if _from_registry(cand.known, registry) else None
        )
        result.foreign_parties.append(party)
        first = cand.mentions[0]
        evidence.append(
            Evidence(
                "foreign_parties",
                party.name,
                first[0],
                first[1],
                0.8 if len(set(cand.counterpart_cues)) > 1 else 0.6,
                cand.counterpart_cues[0],
            )
        )

    # Agreements, signatories -------------------------------------------------------
    gov_party = result.government_parties[0] if result.government_parties else None
    result.agreements = agreements_of_the_event(doc, counterparts, gov_party, mentions, evidence)
    if not counterparts:
        # a domestic signing: the record lists the signatories of foreign cooperation only
        signatories = []
    result.signatories = [Signatory(s.title, s.organization) for s in signatories]
    for sig in signatories:
        evidence.append(
            Evidence(
                "signatories",
                f"{sig.title} | {sig.organization}",
                sig.start,
                sig.end,
                0.7,
                "title-before-organization",
            )
        )

    # Event types, mode, venue, sectors -------------------------------------------------
    for name, start, end, confidence in event_types:
        result.event_types.append(name)
        evidence.append(Evidence("event_types", name, start, end, confidence, "trigger"))
    venue = setting.venue(text, doc.body_start)
    if venue:
        result.venue = venue[0]
        evidence.append(Evidence("venue", venue[0], venue[1], venue[2], 0.6, "venue-phrase"))
    has_named_place = venue is not None and venue[0].split()[0] != venue[0]
    mode = setting.meeting_mode(text, doc.body_start, has_named_place)
    if mode:
        result.meeting_mode = mode[0]
        evidence.append(Evidence("meeting_mode", mode[0], mode[1], mode[2], mode[3], "cue"))
    result.sectors = setting.sectors(text, doc.body_start)

    # Beyond the schema: registry keys, regions, DAC sectors ------------------------------
    result.body_keys = {
        r.name: r.key
        for r in roles.values()
        if r.name in result.government_parties or r.name in result.attending_agencies
    }
    for found in regions_named(text, gazetteer, mentions, bare, on):
        result.regions.append(found.region)
        evidence.append(
            Evidence("regions", _region_value(found.region), found.start, found.end,
                     found.confidence, found.rule)
        )  # fmt: skip
    for sector in dac_sectors(text, doc.body_start):
        result.dac_sectors.append(sector)
        evidence.append(
            Evidence("dac_sectors", f"{sector.code}:{sector.sector}", sector.start, sector.end,
                     sector.confidence, "keyword")
        )  # fmt: skip
    return result


# A direct quotation on one line: “...” or "...".
_QUOTATION_RE = re.compile(r"“[^”\n]{1,800}”|\"[^\"\n]{1,800}\"")


def _without_quoted_only(counterparts: list[OrgCandidate], doc: Document) -> list[OrgCandidate]:
    """Organizations named only inside a speaker's words ("Program ini melengkapi dukungan
    Bank Dunia dan ADB," kata ...) are other partners of the speaker, not this event's, when
    the item names a partner outside quotations too."""
    if len(counterparts) < 2:
        return counterparts
    quotes = [m.span() for m in _QUOTATION_RE.finditer(doc.text, doc.body_start)]
    if not quotes:
        return counterparts

    def quoted(span: tuple[int, int]) -> bool:
        return any(q_start < span[0] and span[1] < q_end for q_start, q_end in quotes)

    outside = [c for c in counterparts if not all(quoted(span) for span in c.mentions)]
    return outside if outside else counterparts


def _region_value(region: Region) -> str:
    """Evidence value of a region: its Kemendagri code ("53" or "53.11")."""
    return region.regency_code or region.province_code


# A byline is no headline: "Penulis Dian Lestari | Editor Bayu Santoso", "Oleh: Tim Humas",
# "Reporter: ...", "By John Doe".
_BYLINE_RE = re.compile(
    r"[ \t]*(?:penulis|editor|reporter|pewarta|redaktur|penyunting|fotografer|kontributor"
    r"|oleh|by|written\sby|posted\sby|diposting\soleh|ditulis\soleh)(?:\s?:|\s[A-Z])",
    re.IGNORECASE,
)


def _title(doc: Document, date_lines: set[int]) -> tuple[int, int] | None:
    for index, (start, end) in enumerate(doc.header_lines):
        if index in date_lines or _BYLINE_RE.match(doc.text, start, end):
            continue
        if doc.text.count("»", start, end) >= 2 and index + 1 < len(doc.header_lines):
            continue  # "Home » NTT » Kupang": the site's breadcrumb, the headline follows
        if len(doc.text[start:end].split()) >= 3:
            return (start, end)
    return None


def _reference_date(text: str, start: int) -> date | None:
    """Without a publication date, the first complete date of the text sets the year."""
    from .dates import DATE_RE, _make, _parts

    for match in DATE_RE.finditer(text, start):
        parts = _parts(match)
        if parts and parts.year:
            value = _make(parts.year, parts.month, parts.day)
            if value:
                return date(value.year, 12, 31)
    return None


# "Dinas" heads only regional offices; a ministry's acronym after it names the field of a
# provincial or regency office ("Kepala Dinas PUPR NTB", "Dinas ESDM Kabupaten Sleman").
_REGIONAL_OFFICE_BEFORE_RE = re.compile(r"(?<![\w-])Dinas\s$")
_NATIONAL_KINDS = frozenset(["ministry", "coordinating_ministry"])


def _body_mentions(
    gazetteer: Gazetteer, text: str, start: int, bare: list[BodyMention] | None = None
) -> list[BodyMention]:
    """Gazetteer mentions; bare province names only count after a regional unit noun (the
    others are put in `bare`: they still hint at a region)."""
    kept: list[BodyMention] = []
    previous: BodyMention | None = None
    for mention in gazetteer.find(text[start:]):
        mention = BodyMention(
            mention.start + start,
            mention.end + start,
            mention.entries,
            mention.strength,
            mention.surface,
        )
        if _REGIONAL_OFFICE_BEFORE_RE.search(
            text, max(0, mention.start - 8), mention.start
        ) and all(e.kind in _NATIONAL_KINDS for e in mention.entries):
            continue  # "Dinas PUPR NTB": a regional office named after its field's ministry
        if text.startswith(("TNI", "Pol"), mention.start) and _RANK_BEFORE_RE.search(
            text, max(0, mention.start - 24), mention.start
        ):
            continue  # "Marsdya TNI Hendra", "Irjen Pol. Budi": a person's rank, not the body
        after, previous = previous, mention
        if _dateline_place(text, mention):
            # "KOTA BANDUNG -- ...", "Kota Bandung, 4 Maret 2024 -": where the item was
            # written, not a government that acts (it stays a region hint)
            if bare is not None:
                bare.append(mention)
            continue
        if mention.strength in ("weak", "bare"):
            if after is not None and _regional_office_of(text, after, mention):
                # "Kantor Perwakilan Bank Indonesia Provinsi Bali", "Kanwil Kemenag Provinsi
                # Bali": the office of a national body in that region, not the region's
                # government (the region stays a hint)
                if bare is not None:
                    bare.append(mention)
                continue
            if (
                regional_unit_before(text, mention.start)
                or _listed_after_units(text, mention.start)
                or _shares_government_head(text, kept, mention)
            ):
                mention = BodyMention(
                    mention.start, mention.end, mention.entries, "strong", mention.surface
                )
            elif mention.strength == "bare":
                if bare is not None:
                    bare.append(mention)
                continue
        kept.append(mention)
    return kept


# Military and police ranks written with their force before a name: "Marsdya TNI", "Mayjen TNI
# (Purn.)", "Laksamana TNI", "Irjen Pol."; the force word is part of the rank.
_RANK_BEFORE_RE = re.compile(
    r"(?<![\w.])(?:(?:Jenderal|Kolonel|Mayor|Laksamana|Marsekal|Letnan|Brigadir|Inspektur"
    r"|Komisaris)(?:\s(?:Jenderal|Muda|Madya|Pertama|Kolonel|Besar))?"
    r"|Letjen|Mayjen|Brigjen|Kol\.|Letkol|Kapten|Laksdya|Laksda|Laksma|Marsdya|Marsda|Marsma"
    r"|Komjen|Irjen|Kombes|AKBP|Kompol)\s$"
)


# After a dateline's place: a dash, a bracketed agency, or a date ("Kota Bandung, 4 Maret").
_DATELINE_AFTER_RE = re.compile(
    r"\s?(?:\([^()\n]{1,30}\)\s?)?(?:-{1,2}\s|–|—|,\s(?:\d{1,2}[\s/]|Senin|Selasa|Rabu|Kamis"
    r"|Jumat|Jum'at|Sabtu|Minggu|\(\d))"
)
# Before it on its line: nothing, or a site's name ("TRIBUNNEWS.COM, ").
_DATELINE_BEFORE_RE = re.compile(r"(?:^|\n)(?:[\w.]+,\s)?$")
_GOVERNMENT_SURFACE_RE = re.compile(
    r"(?:pemerintah|pemkot|pemkab|pemprov|pemda|bupati|wali|walikota|gubernur|dinas|bappeda"
    r"|sekretariat|badan|kantor|biro|wakil)(?!\w)",
    re.IGNORECASE,
)


def _dateline_place(text: str, mention: BodyMention) -> bool:
    """Whether a regional mention is the place of a dateline opening a line."""
    if not any(e.kind in REGIONAL_KINDS for e in mention.entries):
        return False
    if not _DATELINE_BEFORE_RE.search(text, max(0, mention.start - 40), mention.start):
        return False
    if _GOVERNMENT_SURFACE_RE.match(text, mention.start, mention.end):
        return False
    return _DATELINE_AFTER_RE.match(text, mention.end) is not None


# Regional offices of several regions, then the regions listed: "Dinas Lingkungan Hidup dari
# tiga provinsi, yaitu Riau, Jambi dan Kalimantan Barat" (each a provincial government).
_UNITS_OF_REGIONS_RE = re.compile(
    r"(?<!\w)(?:Dinas|Bappeda|BPBD|Badan|Biro|Pemerintah|Pemda|Sekretariat\sDaerah|OPD"
    r"|perangkat\sdaerah|Bapelitbangda|Bapperida)(?!\w)[^.;\n]{0,80}?\s(?:dari|di)\s"
    r"(?:[\w-]+\s)?(?:provinsi|kabupaten|kota|kabupaten/kota|daerah)\s?,?\s(?:yaitu|yakni"
    r"|antara\slain|meliputi|masing-masing|:)\s?",
    re.IGNORECASE,
)
_LIST_WORDS = frozenset(["dan", "serta", "&", "provinsi", "kabupaten", "kota"])


def _listed_after_units(text: str, start: int) -> bool:
    """Whether the bare region name at `start` is one of the regions listed after their
    offices (`_UNITS_OF_REGIONS_RE`)."""
    window = max(0, start - 240)
    intros = list(_UNITS_OF_REGIONS_RE.finditer(text, window, start))
    if not intros:
        return False
    intro = intros[-1]
    for word in re.findall(r"[^\s,]+", text[intro.end() : start]):
        if not (word[:1].isupper() or word.lower() in _LIST_WORDS):
            return False
    return True


# A list of regions under one "Pemerintah" head: "Pemerintah Kabupaten Berau dan Kabupaten
# Kutai Barat", "Pemerintah Provinsi Maluku, Maluku Utara, Papua Barat, dan NTT" (each a
# government of the same level as the head).
_LIST_JOIN_RE = re.compile(
    r"(?:,\s?(?:dan\s|serta\s)?|\s(?:dan|serta|&)\s)(?:(?:Kabupaten|Kota|Provinsi)\s)?"
)
_HEAD_SURFACE_RE = re.compile(r"(?:Pemerintah|Pemkab|Pemkot|Pemprov)\s", re.IGNORECASE)


def _shares_government_head(text: str, kept: list[BodyMention], mention: BodyMention) -> bool:
    """Whether a weak region name continues a list opened by a regional government."""
    if not kept or not _LIST_JOIN_RE.fullmatch(text, kept[-1].end, mention.start):
        return False
    kinds = {e.kind for e in kept[-1].entries} & set(REGIONAL_KINDS)
    if not kinds or not kinds & {e.kind for e in mention.entries}:
        return False
    head = kept[-1]
    for earlier in reversed(kept[:-1]):  # the list's first member carries the head word
        if not _LIST_JOIN_RE.fullmatch(text, earlier.end, head.start):
            break
        head = earlier
    # "Dinas Tenaga Kerja dari Provinsi Jawa Barat dan Jawa Tengah": a unit heads the list
    return _HEAD_SURFACE_RE.match(text, head.start) is not None or regional_unit_before(
        text, head.start
    )


# Words between a national body and the region of one of its offices.
_OFFICE_GAP_RE = re.compile(r"\s(?:(?:Perwakilan|Wilayah|Cabang|Regional|Daerah)\s)?")


def _regional_office_of(text: str, national: BodyMention, region: BodyMention) -> bool:
    if any(e.kind in REGIONAL_KINDS for e in national.entries):
        return False
    return _OFFICE_GAP_RE.fullmatch(text, national.end, region.start) is not None


def _roles(
    gazetteer: Gazetteer, mentions: list[BodyMention], on: date | None, text: str
) -> dict[str, BodyRole]:
    roles: dict[str, BodyRole] = {}
    for mention in mentions:
        body = gazetteer.resolve(mention.entries, on)
        role = roles.get(body.key)
        if role is None:
            name = _name_as_written(body, text)
            role = roles[body.key] = BodyRole(body.key, name, (mention.start, mention.end))
        role.mentions.append(mention)
    return roles


def _name_as_written(body: BodyEntry, text: str) -> str:
    """The body's name, or its own legal name where the text writes that one ("Pemerintah
    Aceh", not followed by a regency's name)."""
    own = OWN_LEGAL_NAMES.get(body.key)
    if own is not None and re.search(rf"(?<!\w){re.escape(own)}(?![\w-]|\s[A-Z])", text):
        return own
    return body.name


def _host_fallback(roles: dict[str, BodyRole]) -> list[BodyRole]:
    strong = [
        r for r in roles.values() if any(not m.is_weak for m in r.mentions) and not r.attend_cues
    ]
    if not strong:
        return []
    best = max(strong, key=lambda r: (len(r.mentions), -r.first_mention[0]))
    return [best]


def _from_registry(known: KnownOrganization | None, registry: Sequence[KnownOrganization]) -> bool:
    # Equality, not identity: parties.py caches its index per (equal) registry, so the entry
    # found may be an equal object from an earlier call with a freshly loaded registry.
    return known is not None and any(known == k for k in registry)
