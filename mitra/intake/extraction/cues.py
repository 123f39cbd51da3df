"""Sentence cues around a name: cooperation words, links between two names, attendance,
witnessing, visits and organising verbs (used by roles.py and the foreign-name finders)."""

from __future__ import annotations

import re
from collections.abc import Callable

from .countries import COUNTRY_PATTERN
from .scan import Triggered

FOREIGN_CUE_RE = re.compile(
    r"(?:ormas|organisasi(?:\smasyarakat)?|lembaga|LSM|yayasan|NGO)\s(?:\(ormas\)\s)?asing"
    r"|organisasi\s(?:non[\s-]?pemerintah\s)?internasional|lembaga\s(?:donor|internasional)"
    r"|mitra\spembangunan|INGO|NGO\sinternasional|badan\sPBB",
    re.IGNORECASE,
)
# Looked for before every capitalised name: tried only where its first words stand (scan.py).
FOREIGN_CUE = Triggered(
    FOREIGN_CUE_RE, r"ormas|organisasi|lembaga|lsm|yayasan|ngo|ingo|mitra|badan"
)
# A description of what the organization is, ending in where it comes from, right before its
# name: "organisasi nirlaba asal Belanda, Wetlands International", "perusahaan teknologi asal
# Jerman, Siemens AG", "organisasi kesehatan global Resolve to Save Lives", "badan kerja sama
# pembangunan Jerman, GIZ". A bare country closes it only before a comma.
_DESCRIBED_NOUNS = (
    r"organisasi|lembaga|LSM|NGO|yayasan|perusahaan|badan|institusi|ormas|asosiasi|jaringan"
    r"|konsorsium|firma|korporasi|perhimpunan|federasi|universitas|kampus|perguruan\stinggi"
    r"|pusat\sriset|pusat\spenelitian|dana|program|inisiatif|aliansi|koalisi|kelompok"
    r"|BUMN|badan\susaha(?:\smilik\snegara)?"
)
FOREIGN_DESCRIPTION_RE = re.compile(
    rf"(?<!\w)(?:{_DESCRIBED_NOUNS})(?-i:\s[a-z][\w-]*){{0,5}}?"
    r"(?:\s(?:asing|internasional|global|dunia|multinasional|mancanegara|regional)"
    rf"|\s(?:asal|dari|milik|berbasis\sdi|yang\sberbasis\sdi|yang\sberkantor(?:\spusat)?\sdi"
    rf"|yang\sbermarkas(?:\sbesar)?\sdi|berkantor\spusat\sdi)\s(?:{COUNTRY_PATTERN})"
    rf"|\s(?:{COUNTRY_PATTERN})(?=,))"
    r",?\s$",
    re.IGNORECASE,
)
FOREIGN_DESCRIPTION = Triggered(
    FOREIGN_DESCRIPTION_RE,
    r"organisasi|lembaga|lsm|ngo|yayasan|perusahaan|badan|institusi|ormas|asosiasi|jaringan"
    r"|konsorsium|firma|korporasi|perhimpunan|federasi|universitas|kampus|perguruan|pusat|dana"
    r"|program|inisiatif|aliansi|koalisi|kelompok|bumn",
)
# The same description right after the name, set off by a comma: "Rijkswaterstaat, badan
# pelaksana Kementerian Infrastruktur dan Pengelolaan Air Belanda", "Nationaal Archief,
# lembaga kearsipan nasional Kerajaan Belanda" (not "..., lembaga yang bermitra dengan
# Jepang": the country named after a link word is another side).
FOREIGN_DESCRIPTION_AFTER_RE = re.compile(
    rf",\s(?:{_DESCRIBED_NOUNS})"
    r"(?:\s(?!(?:dengan|oleh|bersama|dari|untuk|kepada|di|ke|yang|antara)\s)[\w-]+){0,8}?"
    rf"\s(?:(?:Kerajaan|Republik|Pemerintah)\s)?(?:{COUNTRY_PATTERN})(?=[\s,.;)])",
    re.IGNORECASE,
)


# Inside such a description: "F, badan pelaksana <Kementerian X Belanda>" names whom F serves,
# not a second side.
IN_DESCRIPTION_BEFORE_RE = re.compile(
    rf",\s(?:{_DESCRIBED_NOUNS})"
    r"(?:\s(?!(?:dengan|oleh|bersama|dari|untuk|kepada|di|ke|yang|antara)\s)[\w-]+){0,6}?\s$",
    re.IGNORECASE,
)


def foreign_description_after(text: str, end: int) -> bool:
    """Whether a description that ends in a foreign country follows the name ending at `end`."""
    return text.startswith(", ", end) and bool(
        FOREIGN_DESCRIPTION_AFTER_RE.match(text, end, end + 120)
    )


def foreign_cue_before(text: str, start: int, floor: int = 0) -> bool:
    """Whether a foreign cue ("ormas asing", "lembaga donor") or a foreign description
    ("organisasi nirlaba asal Belanda,") ends right before `start`, after `floor`."""
    # Searched in the window cut out: the scans lower-case the text they are given, and the
    # callers ask this for every mention while scanning other windows in between (a whole
    # text lower-cased at every mention would make long inputs quadratic).
    # One character more before the window lets a lookbehind see the word it would cut.
    low = max(floor, start - 90)
    lead = 1 if low > 0 else 0
    window = text[low - lead : start]
    cue = FOREIGN_CUE.search(window, max(lead, len(window) - 40))
    if cue is not None and not window[cue.end() :].strip(" ,"):
        return True
    return FOREIGN_DESCRIPTION.search(window, lead) is not None


# A description before the name and its country after it: "lembaga riset Deltares dari
# Belanda", "perusahaan Koppert asal Belanda" (a bare name after "dari" is a place or person).
_DESCRIBED_BEFORE_RE = re.compile(
    rf"(?<!\w)(?:{_DESCRIBED_NOUNS})(?-i:\s[a-z][\w-]*){{0,3}}\s$", re.IGNORECASE
)
_FROM_COUNTRY_AFTER_RE = re.compile(
    rf",?\s(?:asal|dari|yang\sberbasis\sdi|berbasis\sdi)\s(?:{COUNTRY_PATTERN})(?!\w)"
)


def described_from_country(text: str, start: int, end: int) -> bool:
    """Whether the name at [start, end) stands between a description of what it is and the
    foreign country it comes from."""
    return bool(_FROM_COUNTRY_AFTER_RE.match(text, end)) and bool(
        _DESCRIBED_BEFORE_RE.search(text, max(0, start - 60), start)
    )


# The next name of a list the description opened: "dua perusahaan asal Jepang, Toyota Tsusho
# dan Denso", "organisasi nirlaba asal Belanda, Wetlands International, dan lembaga riset
# Deltares" (the name before the link, then the link and a short description of its own).
_LISTED_AFTER_RE = re.compile(
    r"(?P<name>(?:(?:[A-Z][\w&.-]*|&)\s){1,6}?)?(?P<last>[A-Z][\w&.-]*),?\s(?:dan|serta|and)\s"
    rf"(?:(?:{_DESCRIBED_NOUNS})(?-i:\s[a-z][\w-]*){{0,2}}\s)?$"
)


def listed_after_foreign_cue(text: str, start: int, floor: int = 0) -> bool:
    """Whether the name at `start` continues a list of names that a foreign cue or
    description opens ("perusahaan asal Jepang, A dan <B>")."""
    low = max(floor, start - 80)
    near = text[max(low, start - 40) : start]
    if " dan " not in near and " serta " not in near and " and " not in near:
        return False  # most names: no list word right before them
    listed = _LISTED_AFTER_RE.search(text, low, start)
    if listed is None:
        return False
    first = listed.start("name") if listed.group("name") else listed.start("last")
    # a list of organizations, not of a programme's parts ("program pelatihan internasional
    # Kerja Sama Selatan-Selatan dan Triangular")
    if _PROGRAMME_BEFORE_RE.search(text, max(floor, first - 60), first):
        return False
    return foreign_cue_before(text, first, floor)


_PROGRAMME_BEFORE_RE = re.compile(r"(?<!\w)(?:program|programme|inisiatif|proyek)\s", re.I)


COOPERATION_RE = re.compile(
    r"kerja\s?sama|kemitraan|kolaborasi|bermitra|mitra|MoU|MoC|MSP|PKS|LoI|nota\skesepahaman"
    r"|perjanjian|memorandum|sister\s(?:city|province)|penandatanganan|menandatangani"
    r"|pertemuan|kunjungan|courtes+y|audiensi"
    # "G dan F menyepakati rencana kerja", "kedua pihak sepakat": an agreement reached
    r"|(?<!\w)(?:menyepakati|disepakati|bersepakat|sepakat|kesepakatan)(?!\w)"
    # a grant is cooperation: "F menyerahkan hibah kepada G"
    r"|(?<!\w)hibah(?!\w)",
    re.IGNORECASE,
)
# For scans of whole sentences (roles.py may use them): the same matches as the patterns,
# tried only where their first words stand (scan.py).
COOPERATION = Triggered(
    COOPERATION_RE,
    r"kerja|kemitraan|kolaborasi|bermitra|mitra|mou|moc|msp|pks|loi|nota|perjanjian|memorandum"
    r"|sister|penandatanganan|menandatangani|pertemuan|kunjungan|courtes|audiensi|menyepakati"
    r"|disepakati|bersepakat|sepakat|kesepakatan|hibah",
)
LINK_WORDS_RE = re.compile(r"(?<!\w)(?:dengan|dan|bersama|antara|serta|with|and)(?!\w)|[-–/]")
# "F menyerahkan hibah kepada G", "hibah dari F": a grant links its giver and its receiver
# ("dari" and "kepada" alone link nothing: "perwakilan dari G, perwakilan dari F").
GRANT_LINK_RE = re.compile(
    r"(?<!\w)hibah(?:\s[\w-]+){0,3}\s(?:kepada|dari|untuk|bagi)(?!\w)", re.IGNORECASE
)
# "didanai melalui Hibah Pemerintah Jepang", "hibah dari F": F gives the grant.
GRANT_BEFORE_RE = re.compile(r"(?<!\w)hibah\s(?:dari\s(?:pihak\s)?)?$", re.IGNORECASE)
# "mengapresiasi dukungan F", "didukung oleh F", "didanai F", "bantuan dari F", "funded by
# the F", "supported by F": the organization that supports or funds the work is a partner.
SUPPORT_BEFORE_RE = re.compile(
    r"(?<!\w)(?:dukungan|bantuan|didukung|didanai|dibiayai|disponsori|pendanaan|pembiayaan"
    r"|funded|supported|sponsored|financed|support\sof|support\sfrom)"
    r"(?:\s(?:penuh|langsung|pendanaan|dana|sebagian|sepenuhnya|bersama))?"
    r"(?:\s(?:dari|oleh|by|from))?(?:\s(?:pihak|the))?\s$",
    re.IGNORECASE,
)
# "pendanaan program berasal dari F", "dana hibah itu bersumber dari F", "pendanaan program
# beasiswa dalam JDoI akan bersumber dari F", "Hibah senilai 10 juta euro tersebut bersumber
# dari F": the money phrase may be long, so this one is looked for in a wider window.
FUNDS_FROM_BEFORE_RE = re.compile(
    r"(?<!\w)(?:dana|pendanaan|pembiayaan|anggaran|bantuan|hibah|dukungan)(?:\s[\w.,-]+){0,10}"
    r"\s(?:berasal|bersumber|diperoleh|didapat)\sdari\s(?:pihak\s)?$",
    re.IGNORECASE,
)
FUNDS_FROM_WINDOW = 110
# A funder named as such after its name: "Pemerintah Kerajaan Norwegia selaku mitra pendana",
# "F sebagai donor program".
FUNDER_AFTER_RE = re.compile(
    r",?\s(?:selaku|sebagai)\s(?:mitra\s|lembaga\s|negara\s)?(?:pendana|donor|penyandang\sdana"
    r"|pemberi\s(?:hibah|dana|pinjaman))(?!\w)",
    re.IGNORECASE,
)
# The partner as the subject of meeting, visiting, supporting or funding, a few words after
# its name in the same clause: "Kepala Perwakilan F, <nama>, bertemu Menteri ...", "F
# mengunjungi Kantor Gubernur", "F menyampaikan dukungan kepada G", "F siap mendukung
# program G", "F met the Governor".
ACTS_AFTER_RE = re.compile(
    r"[^.;\n]{0,50}?(?<!\w)(?:bertemu|menemui|mengunjungi|menyambangi|beraudiensi"
    r"|bersilaturahmi|mendukung|mendanai|membiayai|met|meets|visited|visits|supports|funds"
    r"|(?:memberikan|menyampaikan|menyatakan|menyalurkan|menyerahkan|memberi|menyetujui"
    r"|mengucurkan|mengalokasikan)\s(?:\w+\s)?(?:dukungan|bantuan|hibah|pinjaman|pendanaan))"
    r"(?!\w)",
    re.IGNORECASE,
)
# Also bodies brought in ("melibatkan", "mengikutsertakan"), accompanying ("didampingi oleh")
# or presented as speakers ("menghadirkan", "pembicara").
ATTEND_RE = re.compile(
    r"(?<!\w)(?:dihadiri|menghadiri|hadir|diundang|undangan|diikuti|peserta|turut|mengundang|"
    r"narasumber|disaksikan|menyaksikan|witnessed|melibatkan|dilibatkan|mengikutsertakan|"
    r"diikutsertakan|didampingi|mendampingi|menghadirkan|dihadirkan|pembicara"
    # the members of a team or forum: "Tim ... beranggotakan perwakilan Bappenas, ..."
    r"|beranggotakan|terdiri\sdari|terdiri\satas)(?!\w)",
    re.IGNORECASE,
)
ATTEND = Triggered(
    ATTEND_RE,
    r"dihadiri|menghadiri|hadir|diundang|undangan|diikuti|peserta|turut|mengundang|narasumber"
    r"|disaksikan|menyaksikan|witnessed|melibatkan|dilibatkan|mengikutsertakan|diikutsertakan"
    r"|didampingi|mendampingi|menghadirkan|dihadirkan|pembicara|beranggotakan|terdiri",
)
ATTEND_AFTER_RE = re.compile(
    r"^[\s,)(A-Za-z]{0,25}?(?:menghadiri|hadir|turut\shadir|ikut\shadir|menyaksikan|"
    r"sebagai\s(?:saksi|narasumber|pembicara|undangan))(?!\w)",
    re.IGNORECASE,
)
# A witness: "disaksikan (langsung) oleh (Kepala) G", "G sebagai saksi", "G turut menyaksikan".
# Witnessing is attendance, never a party role, even when the sentence links G to a partner
# ("ditandatangani oleh X dan Y dengan disaksikan oleh Kepala G").
WITNESS_BEFORE_RE = re.compile(
    r"(?<!\w)(?:disaksikan|menyaksikan|saksi|witnessed)(?:\s(?:langsung|pula|juga))?"
    r"(?:\s(?:oleh|by|dari))?\s(?-i:[A-Z][\w.]*\s){0,4}$",
    re.IGNORECASE,
)
WITNESS_WORD_RE = re.compile(
    r"(?<!\w)(?:disaksikan|menyaksikan|saksi|witnessed|witness)(?!\w)", re.IGNORECASE
)
VISIT_RE = re.compile(
    r"(?<!\w)(?:berkunjung|kunjungan|audiensi|courtes+y\scall|delegasi|rombongan)(?!\w)",
    re.IGNORECASE,
)
VISIT_TO_RE = re.compile(
    r"(?:berkunjung|kunjungan|audiensi)\s(?:kerja\s)?ke\s(?:kantor\s)?$", re.IGNORECASE
)
ORGANIZER_VERBS = frozenset(
    [
        "menggelar",
        "menyelenggarakan",
        "mengadakan",
        "melaksanakan",
        "menerima",
        "menandatangani",
        "meneken",
        "membuka",
        "memimpin",
        "bermitra",
        "bekerjasama",
        "menjalin",
        "memperkuat",
        "melakukan",
        "menyambut",
        "memfasilitasi",
        "meluncurkan",
        "menjajaki",
        "mengundang",
    ]
)
# Indonesian verb morphology: the first such word after a subject is its predicate.
VERB_LIKE_RE = re.compile(r"(?:me|ber|di|ter)[a-z]{3,}")
LINK_MAX_GAP = 70


# "Direktur Regional Vital Strategies, Tara, yang menandatangani atas nama Bloomberg
# Philanthropies": the signer's organization acts for the partner named after the phrase.
_ON_BEHALF_OF_RE = re.compile(
    r"[^.;\n]{0,80}?(?<!\w)(?:atas\snama|on\sbehalf\sof|mewakili|untuk\sdan\satas\snama)\s"
)


def signs_for_another(
    text: str,
    mentions: list[tuple[int, int]],
    sentence_span: Callable[[int], tuple[int, int]],
    in_sentence: dict[int, list[tuple[int, int, int]]],
    who: int,
) -> bool:
    """Whether partner `who` signs on behalf of another partner in one of its sentences
    (`in_sentence`: each sentence's partner mentions as (start, end, partner))."""
    for start, end in mentions:
        s_start, s_end = sentence_span(start)
        phrase = _ON_BEHALF_OF_RE.match(text, end, s_end)
        if phrase is not None and any(
            other_start == phrase.end() and other != who
            for other_start, _, other in in_sentence.get(s_start, [])
        ):
            return True
    return False
