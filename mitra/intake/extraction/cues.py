"""Sentence cues around a name: cooperation words, links between two names, attendance,
witnessing, visits and organising verbs (used by roles.py and the foreign-name finders)."""

from __future__ import annotations

import re

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
    r"(?:\s(?:penuh|langsung|pendanaan|dana))?(?:\s(?:dari|oleh|by|from))?(?:\s(?:pihak|the))?\s$",
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
