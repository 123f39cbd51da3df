"""Who is a party, who attends: role cues around each mention.

Party cues: the mention is linked to a foreign organization in one cooperation phrase
("kerja sama antara G dengan F", "G dan F", "F dengan G"), it stands in the headline,
it is the subject of an organising verb ("G menggelar / menerima / menandatangani"), or
it signs. Attendance cues: "dihadiri", "turut diundang", "menghadiri" earlier in the
sentence, "G menghadiri" right after, or being the host of a visit ("berkunjung ke
kantor G"). A body with any party cue is a party; otherwise attendance makes it an
attending agency; a body merely named is neither.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from .agreements import DOCUMENT
from .bodies import BodyMention
from .countries import COUNTRY_PATTERN
from .cues import (
    ACTS_AFTER_RE,
    ATTEND,
    ATTEND_AFTER_RE,
    COOPERATION,
    FUNDER_AFTER_RE,
    FUNDS_FROM_BEFORE_RE,
    FUNDS_FROM_WINDOW,
    GRANT_BEFORE_RE,
    GRANT_LINK_RE,
    IN_DESCRIPTION_BEFORE_RE,
    LINK_MAX_GAP,
    LINK_WORDS_RE,
    ORGANIZER_VERBS,
    SUPPORT_BEFORE_RE,
    VERB_LIKE_RE,
    VISIT_RE,
    VISIT_TO_RE,
    WITNESS_BEFORE_RE,
    WITNESS_WORD_RE,
    described_from_country,
    foreign_cue_before,
    listed_after_foreign_cue,
)
from .document import Document
from .foreign_places import address_of_a_city
from .meetings import EXTENSION, SIGNING, background_sentence
from .name_words import TITLE_WORDS
from .names import OrgCandidate

# "... dengan F", "... bersama F" in a sentence about a meeting: F met the host.
MEETING_WITH_RE = re.compile(r"(?<!\w)(?:dengan|bersama)\s(?:pihak\s)?$", re.IGNORECASE)
MEETING_NOUN_RE = re.compile(
    r"(?<!\w)(?:rapat|pertemuan|diskusi|dialog|bertemu|konferensi|audiensi|FGD|lokakarya|"
    r"workshop|video\s?conference|teleconference|webinar)(?!\w)",
    re.IGNORECASE,
)

# Words that open an attendance list: "F ... dihadiri oleh A dan G" lists guests, so the "dan"
# before G joins two guests and does not link G to the partner F.
ATTEND_LIST_RE = re.compile(
    r"(?<!\w)(?:dihadiri|hadir|diundang|undangan|diikuti|peserta|melibatkan|mengikutsertakan"
    r"|didampingi|menghadirkan|beranggotakan|terdiri\sdari|terdiri\satas)(?!\w)",
    re.IGNORECASE,
)

# Cues that say what this very mention does in its sentence (it attends or witnesses), as
# opposed to an attendance word somewhere earlier in the sentence: they outweigh a
# cooperation link ("Mercy Corps dengan disaksikan oleh Kepala BNPB" links no BNPB).
LOCAL_ATTEND_CUES = frozenset(["witness", "attends"])


@dataclass
class BodyRole:
    key: str
    name: str
    first_mention: tuple[int, int]
    mentions: list[BodyMention] = field(default_factory=list)
    party_cues: list[tuple[str, int]] = field(default_factory=list)
    attend_cues: list[tuple[str, int]] = field(default_factory=list)
    # An official of the body quoted ("kata Kepala Dinas X"): a guest when other bodies hold
    # the event, the host when no body does.
    quote_cues: list[tuple[str, int]] = field(default_factory=list)


def _linked(text: str, left_end: int, right_start: int) -> bool:
    gap = text[left_end:right_start]
    if len(gap) > LINK_MAX_GAP or any(c in gap for c in ".;\n"):
        return False
    # "X dan Y dengan disaksikan oleh G": the witness is not the partner's counterpart.
    # A dash or slash links only the two names it joins ("RI-UNICEF"), not a word with a
    # hyphen between them ("kunjungan ke desa-desa di Kabupaten X").
    link = LINK_WORDS_RE.search(gap)
    if link is not None and link.group() in "-–/" and gap.strip() not in ("-", "–", "/"):
        link = _WORD_LINK_RE.search(gap)
    return (
        (link is not None or GRANT_LINK_RE.search(gap) is not None)
        and WITNESS_WORD_RE.search(gap) is None
        and ATTEND_LIST_RE.search(gap) is None
    )


_WORD_LINK_RE = re.compile(r"(?<!\w)(?:dengan|dan|bersama|antara|serta|with|and)(?!\w)")


# Representatives listed at the head of their sentence, who take part ("Perwakilan dari A,
# B, dan C turut memberikan masukan"): guests, whatever the list holds.
_REPRESENTATIVES_OPEN_RE = re.compile(
    r"\s*(?:Para\s|Selain\situ,\s)?(?:Perwakilan|Wakil|Utusan)(?:\s(?:dari|para))?\s"
    r"[^.;:\n]*$",
    re.IGNORECASE,
)
_CONTRIBUTE_RE = re.compile(
    r"(?<!\w)(?:turut|ikut|juga)\s(?:(?:memberikan|memberi|menyampaikan)\s(?:masukan|tanggapan"
    r"|pandangan|saran|paparan)|berpartisipasi|berdiskusi|membahas|hadir)(?!\w)",
    re.IGNORECASE,
)


def attend_context(doc: Document, start: int, end: int) -> str | None:
    text = doc.text
    s_start, s_end = doc.sentence_span(start)
    # The first attendance cue of the sentence, found once per sentence: asking "is there a
    # cue before this mention?" for every mention must not rescan the sentence each time.
    key = ("attend", s_start)
    first_cue_end = doc.memo.get(key)
    if first_cue_end is None:
        cue = ATTEND.search(text, s_start, s_end)
        first_cue_end = doc.memo[key] = cue.end() if cue else s_end + 1
    if WITNESS_BEFORE_RE.search(text, max(s_start, start - 60), start):
        return "witness"
    if first_cue_end <= start:
        return "attend-trigger-before"
    if ATTEND_AFTER_RE.match(text[end : end + 40]):
        return "attends"
    if _REPRESENTATIVES_OPEN_RE.match(text, s_start, start) and _CONTRIBUTE_RE.search(
        text, end, s_end
    ):
        return "attends"  # "Perwakilan dari A, B, dan C turut memberikan masukan"
    if VISIT_TO_RE.search(text[max(s_start, start - 40) : start]):
        return "visited-host"
    return None


class ForeignMentionIndex:
    """Mentions of foreign candidates sorted by position, for window queries."""

    def __init__(self, foreign: list[OrgCandidate]):
        spans = sorted(
            (start, end, index)
            for index, cand in enumerate(foreign)
            for start, end in cand.mentions
        )
        self.foreign = foreign
        self.spans = spans
        self.starts = [s for s, _, _ in spans]
        self.longest = max((e - s for s, e, _ in spans), default=0)

    def near(self, start: int, end: int) -> list[tuple[int, int, int]]:
        """Mentions that start within LINK_MAX_GAP characters of [start, end)."""
        low = bisect.bisect_left(self.starts, start - LINK_MAX_GAP - self.longest)
        high = bisect.bisect_right(self.starts, end + LINK_MAX_GAP)
        return self.spans[low:high]


def _has_cooperation_word(doc: Document, s_start: int, s_end: int) -> bool:
    key = ("cooperation", s_start)
    found = doc.memo.get(key)
    if found is None:
        found = doc.memo[key] = COOPERATION.search(doc.text, s_start, s_end) is not None
    return found


def _is_background(doc: Document, s_start: int, s_end: int) -> bool:
    key = ("background", s_start)
    found = doc.memo.get(key)
    if found is None:
        found = doc.memo[key] = background_sentence(doc.text, s_start, s_end)
    return found


def link_cues(
    doc: Document,
    mention: tuple[int, int],
    foreign: list[OrgCandidate],
    index: ForeignMentionIndex | None = None,
) -> list[OrgCandidate]:
    """Foreign candidates tied to this mention by a cooperation phrase in one sentence."""
    text = doc.text
    s_start, s_end = doc.sentence_span(mention[0])
    # Without a cooperation word only a joint subject links: "G dan F menggelar dialog".
    joint_only = not _has_cooperation_word(doc, s_start, s_end) and not doc.in_title(mention[0])
    if _is_background(doc, s_start, s_end):
        return []  # "Sebelumnya, G telah menandatangani MoU dengan F": not this event
    index = index or ForeignMentionIndex(foreign)
    linked: set[int] = set()
    for f_start, f_end, cand_index in index.near(*mention):
        if cand_index in linked or not s_start <= f_start < s_end:
            continue
        if passing_mention(doc, s_start, f_start):
            continue  # "G telah lama bekerja sama dengan F", "seperti G bersama F"
        if joint_only:
            if _joint_subject(text, mention, (f_start, f_end)):
                linked.add(cand_index)
            continue
        after = f_start >= mention[1] and _linked(text, mention[1], f_start)
        if not (after or f_end <= mention[0] and _linked(text, f_end, mention[0])):
            continue
        left, right = (mention, (f_start, f_end)) if after else ((f_start, f_end), mention)
        if _both_in_guest_list(doc, left, right):
            continue
        linked.add(cand_index)
    return [foreign[i] for i in sorted(linked)]


# A pairing word that ties two names as the sides of one cooperation, not as two items of a
# list: "antara G dan F", "G dengan F", "G bersama F".
_PAIRING_GAP_RE = re.compile(r"(?<!\w)(?:dengan|bersama|with|dan\s(?:mitranya|counterpart))(?!\w)")
_PAIRING_BEFORE_RE = re.compile(r"(?<!\w)(?:antara|between)\s(?:[\w.-]+\s){0,3}$", re.IGNORECASE)


def _both_in_guest_list(doc: Document, left: tuple[int, int], right: tuple[int, int]) -> bool:
    """ "Hadir pula perwakilan Konsulat Jenderal Jepang serta perwakilan Kementerian Dalam
    Negeri": two guests after the sentence's attendance cue, joined as a list, are not the two
    sides of the cooperation ("Turut hadir dalam penandatanganan MoU antara G dan F, ..." still
    pairs G and F)."""
    text = doc.text
    s_start, s_end = doc.sentence_span(left[0])
    cue = ATTEND.search(text, s_start, left[0])
    if cue is None:
        return False
    if _PAIRING_GAP_RE.search(text, left[1], right[0]):
        return False
    return _PAIRING_BEFORE_RE.search(text, max(s_start, left[0] - 40), left[0]) is None


# "G dan F", "G (KemenPPPA) bersama F": the first name's acronym in brackets may stand between;
# so may the proper name that follows a unit's head ("Balai Taman Nasional Gunung Leuser
# bersama F", where the gazetteer names the unit by its head).
JOINT_GAP_RE = re.compile(r"(?:\s[A-Z][\w'-]*){0,4}(?:\s?\([^()\n]{1,20}\))?\s(?:dan|bersama|&)\s")
# "G, F dan F2 menggelar ...": the first two items of a list that ends in "dan" before the
# verb; the list must go on to its "dan" (a comma alone may open an apposition).
_LIST_GAP_RE = re.compile(r"(?:\s[A-Z][\w'-]*){0,4}(?:\s?\([^()\n]{1,20}\))?,\s")
_LIST_GOES_ON_RE = re.compile(
    r"(?:\s?\([^()\n]{1,20}\))?(?:,\s[^,.;:\n]{2,60}?){0,8},?\s(?:dan|serta|&)\s[^.;:\n]{2,60}?"
    r"(?:\s?\([^()\n]{1,20}\))?(?=\s(?:me|ber)[a-z]{3,})"
)
_ACRONYM_AFTER_RE = re.compile(r"\s?\([^()]{1,20}\)")


def _joint_subject(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """'G dan F menggelar ...': two names joined by "dan" as the subject of an organising
    verb act together (the sides of one event), whatever the sentence is about. So do the
    first items of a list joined by "dan" before the verb ("G, F, dan F2 meluncurkan")."""
    left, right = sorted((first, second))
    end = right[1]
    if not JOINT_GAP_RE.fullmatch(text, left[1], right[0]):
        if not _LIST_GAP_RE.fullmatch(text, left[1], right[0]):
            return False
        rest = _LIST_GOES_ON_RE.match(text, end)
        if rest is None:
            return False
        end = rest.end()
    bracket = _ACRONYM_AFTER_RE.match(text, end)
    return organiser_verb_after(
        text, bracket.end() if bracket else end, JOINT_VERBS, any_active=True
    )


# A speech tag before a body's official: '"...," kata Budi dari Kementerian X',
# 'ujar Direktur Jenderal Pajak Kementerian X', 'tutur Siti, perwakilan Kementerian X'.
SPEAKER_BEFORE_RE = re.compile(
    r"(?<!\w)(?:kata|ujar|ungkap|tutur|ucap|jelas|terang|imbuh|tambah|papar|sebut|pungkas"
    r"|tegas|lanjut|katanya|ujarnya|ungkapnya|tuturnya|jelasnya|said)"
    r"\s(?P<gap>(?:[^\s.;:!?\"\u201c\u201d]+\s){0,10})$",
    re.IGNORECASE,
)
_SPEAKER_GAP_WORDS = frozenset(
    ["dari", "selaku", "sebagai", "perwakilan", "wakil", "bidang", "dan"]
)


def quoted_speaker(text: str, s_start: int, start: int) -> bool:
    """Whether the mention at `start` names the body of a speaker in a speech tag."""
    match = SPEAKER_BEFORE_RE.search(text, max(s_start, start - 90), start)
    if not match:
        return False
    for word in match.group("gap").split():
        word = word.strip(",()")
        if word[:1].islower() and word not in _SPEAKER_GAP_WORDS:
            return False
    return True


DELEGATION_BEFORE_RE = re.compile(r"(?<!\w)(?:delegasi|rombongan)\s$", re.IGNORECASE)


# Verbs two joined subjects do together ("G dan F membahas ...", "G dan F sepakat ...").
JOINT_VERBS = ORGANIZER_VERBS | frozenset(
    ["membahas", "menyepakati", "bersepakat", "sepakat", "bertemu", "berdiskusi", "meresmikan",
     "menyusun", "meninjau", "mengevaluasi", "memperpanjang", "memperbarui", "berkomitmen"]
)  # fmt: skip


def organiser_verb_after(
    text: str, end: int, verbs: frozenset[str] = ORGANIZER_VERBS, any_active: bool = False
) -> bool:
    """Whether the predicate right after a subject is an organising verb.

    "G melalui <unit>, <person>, menggelar ...": the body acts through its unit, so the
    words of the "melalui" phrase are skipped. "G yang menyambut baik ...": a relative
    clause, G is not the subject of the sentence's predicate.
    """
    window = text[end : end + 160]
    through = False
    for word in re.findall(r"[^\W\d_]+|[.;:!?]", window):
        if word in ".;:!?":
            return False
        lower = word.lower()
        if lower == "bekerja" or lower in verbs:
            return True
        if any_active and lower in STATIVE_VERBS:
            return False  # "G dan Jepang merupakan wilayah rawan gempa": no act at all
        if any_active and lower not in NOT_A_PREDICATE and _ACTIVE_VERB_RE.fullmatch(lower):
            return True  # "G dan F menjalankan program ...": any act of the two together
        if lower == "yang" and not through:
            return False
        if lower == "melalui":
            through = True
            continue
        if lower in NOT_A_PREDICATE:
            continue
        if word[:1].islower() and VERB_LIKE_RE.fullmatch(lower) and not through:
            return False
    return False


# Verbs of active shape that tell what the subject is or has, not what it does.
STATIVE_VERBS = frozenset(
    ["merupakan", "menjadi", "memiliki", "mempunyai", "mengalami", "berada", "berbatasan",
     "bernama", "berjarak", "menghadapi", "berstatus", "bersebelahan", "menempati"]
)  # fmt: skip
# An active verb (me-, ber-): what a subject does.
_ACTIVE_VERB_RE = re.compile(r"(?:me|ber)[a-z]{3,}")


# Words of verb shape that are no predicate ("tersebut" = the said), read past after a subject
# ("Kegiatan G bersama F tersebut turut mengundang ...").
NOT_A_PREDICATE = frozenset(["tersebut", "termasuk", "terkait", "bersama-sama", "disini"])


def classify_bodies(
    doc: Document,
    roles: dict[str, BodyRole],
    foreign: list[OrgCandidate],
) -> None:
    text = doc.text
    index = ForeignMentionIndex(foreign)
    for role in roles.values():
        previous_end, previous_attend = -10, None
        for mention in role.mentions:
            span = (mention.start, mention.end)
            attend = attend_context(doc, *span)
            # "Biro KTLN Kementerian Sekretariat Negara": one phrase, one role.
            if attend is None and text[previous_end : mention.start].strip(" ,()") == "":
                attend = previous_attend
            previous_end, previous_attend = mention.end, attend
            if attend in LOCAL_ATTEND_CUES:
                role.attend_cues.append((attend, mention.start))
                continue
            linked = link_cues(doc, span, foreign, index)
            if linked:
                role.party_cues.append(("cooperation-link", mention.start))
                for cand in linked:
                    cand.counterpart_cues.append("cooperation-link")
            if DELEGATION_BEFORE_RE.search(text, max(0, mention.start - 12), mention.start):
                # "kedatangan delegasi G": the visiting side, a party, not a guest
                role.party_cues.append(("delegation", mention.start))
                continue
            if attend:
                role.attend_cues.append((attend, mention.start))
                continue
            if mention.is_weak:
                continue
            if not linked and quoted_speaker(
                text, doc.sentence_span(mention.start)[0], mention.start
            ):
                role.quote_cues.append(("quoted-speaker", mention.start))
                continue
            if doc.in_title(mention.start):
                role.party_cues.append(("headline", mention.start))
            elif ORGANISED_BY_BEFORE_RE.search(text, max(0, mention.start - 40), mention.start):
                # "Acara yang diselenggarakan G bersama F": the organiser, told in the passive
                role.party_cues.append(("organiser-passive", mention.start))
            elif organiser_verb_after(text, mention.end) and not _is_background(
                doc, *doc.sentence_span(mention.start)
            ):
                role.party_cues.append(("organiser", mention.start))
    coordinated_partners(doc, foreign)


_THROUGH_ITS_AGENCY_BEFORE_RE = re.compile(
    rf"(?<!\w)Pemerintah\s(?:(?:Republik|Kerajaan|Federal)\s)?(?:{COUNTRY_PATTERN})"
    r"\s(?:melalui|lewat|through)\s$"
)
# Verbs of taking on a partner, right before it: "menggandeng F", "merangkul F".
PARTNER_VERB_BEFORE_RE = re.compile(
    r"(?<!\w)(?:menggandeng|digandeng|merangkul|menggaet|menggamit)\s$", re.IGNORECASE
)
# "menerima (kunjungan) Direktur Regional F", "menyambut Duta Besar F": F's official visits.
RECEIVED_BEFORE_RE = re.compile(
    r"(?<!\w)(?:menerima|menyambut|bertemu\sdengan|bertemu)\s(?P<between>(?:[\w.]+\s){0,7})$",
    re.IGNORECASE,
)


def _received(before: str) -> bool:
    found = RECEIVED_BEFORE_RE.search(before)
    return found is not None and all(
        word.lower().strip(".") in TITLE_WORDS or word.lower() in _RECEIVED_BETWEEN_WORDS
        for word in found.group("between").split()
    )


# Words between "menerima" and the visitor's organization besides titles: the visit itself and
# the region an officer covers ("menerima kunjungan kehormatan Direktur Regional Asia Pasifik
# F").
_RECEIVED_BETWEEN_WORDS = frozenset(
    ["kunjungan", "kehormatan", "audiensi", "delegasi", "rombongan", "perwakilan", "para", "dari",
     "untuk", "asia", "pasifik", "tenggara", "timur", "selatan", "barat", "utara", "eropa",
     "afrika", "amerika", "kawasan", "wilayah", "regional", "region"]
)  # fmt: skip


# A signing told with its other side after a link word: "Penandatanganan dilakukan bersama
# perwakilan F", "menandatangani nota kesepahaman itu dengan Direktur F", "ditandatangani
# oleh F" (a witness, "disaksikan oleh F", is not a side).
SIGNED_WITH_RE = re.compile(
    r"(?<!\w)(?:penandatanganan|menandatangani|ditandatangani|meneken|diteken|signed|signing)"
    r"(?!\w)(?P<middle>[^.;:!?]{0,80}?)\s(?:dengan|bersama|oleh|with|by)\s"
    r"(?P<between>(?:[\w.]+\s){0,4})$",
    re.IGNORECASE,
)
_WITNESS_RE = re.compile(r"saksi|menyaksikan|witness|hadir|dihadiri", re.IGNORECASE)


def _signed_with(text: str, s_start: int, start: int) -> bool:
    found = SIGNED_WITH_RE.search(text, max(s_start, start - 140), start)
    return (
        found is not None
        and not _WITNESS_RE.search(found.group("middle"))
        and all(
            word.lower().strip(".") in TITLE_WORDS or word.lower() in ("the", "pihak", "dari")
            for word in found.group("between").split()
        )
    )


# Words that may stand in a list of witnesses between the witness word and a name:
# "disaksikan oleh Duta Besar Jepang, UNDP dan WFP".
_WITNESS_LIST_WORDS = frozenset(
    ["oleh", "by", "langsung", "pula", "juga", "dan", "serta", "and", "&", "perwakilan", "dari",
     "pihak", "para", "wakil",
     # the words of an envoy's title: "Duta Besar Prancis untuk Indonesia dan Kepala Delegasi
     # Uni Eropa", "Konsul Jenderal RI di Osaka"
     "untuk", "merangkap", "di", "for", "to"]
)  # fmt: skip
_WITNESS_LIST_BEFORE = 160


def witnessed(text: str, s_start: int, start: int) -> bool:
    """Whether the name at `start` stands in the list after a witness word of its sentence
    ("disaksikan oleh UNDP dan WFP"): only names, commas and list words between them."""
    low = max(s_start, start - _WITNESS_LIST_BEFORE)
    words = list(WITNESS_WORD_RE.finditer(text, low, start))
    if not words:
        return False
    for word in re.findall(r"[^\s,]+", text[words[-1].end() : start]):
        if not (word[:1].isupper() or word.lower() in _WITNESS_LIST_WORDS):
            return False
    return True


# Names given as examples or for comparison: "lembaga donor lain seperti F", "mitra lain,
# termasuk F", "antara lain F", "regulator lain seperti F", "such as F".
EXAMPLE_WORD_RE = re.compile(
    r"(?<!\w)(?:seperti|misalnya|contohnya|semisal|antara\slain|di\santaranya|termasuk"
    r"|such\sas|including|e\.g\.|(?<!kerja\s)sama\sdengan\syang|(?:serupa|mirip)\sdengan|belajar\sdari"
    r"|mencontoh|meniru)(?!\w)",
    re.IGNORECASE,
)
# Words that may stand between the example word and the name: the list before it, and
# "seperti yang dilakukan (oleh) F".
_EXAMPLE_LIST_WORDS = frozenset(
    ["dan", "serta", "atau", "and", "or", "&", "yang", "dilakukan", "dijalankan", "diterapkan",
     "oleh", "the", "pihak", "juga", "pula", "bersama", "dengan"]
)  # fmt: skip
# Another thing than the event's: "mitra lain", "proyek lainnya", "kerja sama serupa".
OTHER_WORD_RE = re.compile(
    r"(?<![\w-])(?<!antara\s)(?:lain|lainnya|serupa|other|similar)(?![\w-])", re.I
)
# History told about the parties, before the name in its clause: "telah lama bekerja sama
# dengan F", "sebelumnya bermitra dengan F", "pernah menerima hibah dari F", "yang dahulu
# sempat didukung F".
HISTORY_WORD_RE = re.compile(
    r"(?<!\w)(?:sebelumnya|telah\slama|sudah\slama|sejak\slama|pernah|selama\sini|sempat"
    # "program yang dahulu sempat didukung F" (not "terlebih dahulu", beforehand)
    r"|(?<!terlebih\s)(?:dahulu|dulu)(?:nya)?"
    # "sejak 2015", "sejak awal 2000-an" (a decade or its start: long ago)
    r"|sejak\s(?:awal\s|akhir\s|pertengahan\s)?(?:tahun\s)?(?:19|20)\d\d(?:-an)?"
    r"|previously|has\slong)(?!\w)",
    re.IGNORECASE,
)
_PASSING_WINDOW = 120


# An officer's title that names where the officer is sent: "Representative and Liaison to
# ASEAN UN Women", "Special Envoy to ASEAN" (Indonesian titles with "untuk" are read by the
# signatory rules and the envoy cues).
_TITLE_ACCREDITED_TO_RE = re.compile(
    r"(?<!\w)(?:Representative|Liaison|Envoy|Ambassador|Permanent\sMission|Observer)"
    r"\s(?:to|at)\s$"
)


def passing_mention(doc: Document, s_start: int, start: int) -> bool:
    """Whether the name at `start` is only mentioned in passing: given as an example or for
    comparison, in a clause about something other ("proyek lain ... dibiayai oleh F"), or in
    history ("Riau telah lama bekerja sama dengan F"; a background sentence)."""
    text = doc.text
    if _is_background(doc, s_start, start):
        return True
    if _TITLE_ACCREDITED_TO_RE.search(text, max(s_start, start - 40), start):
        return True  # "Representative and Liaison to ASEAN": whom an officer is sent to
    if IN_DESCRIPTION_BEFORE_RE.search(text, max(s_start, start - 90), start):
        return True  # "F, badan pelaksana Kementerian X Belanda": a description of F
    low = max(s_start, start - _PASSING_WINDOW)
    clause = max(low, text.rfind(";", low, start) + 1, text.rfind(":", low, start) + 1)
    before = text[clause:start]
    if HISTORY_WORD_RE.search(before) or OTHER_WORD_RE.search(before):
        return True
    examples = list(EXAMPLE_WORD_RE.finditer(before))
    if not examples:
        return False
    words = re.findall(r"[^\s,]+", before[examples[-1].end() :])
    if not all(w[:1].isupper() or w.lower().strip("()") in _EXAMPLE_LIST_WORDS for w in words):
        return False
    # "menandatangani nota kesepahaman dengan tiga mitra, antara lain F": a list of the
    # parties of this signing, not an example
    return SIGNING.search(before, 0, examples[-1].start()) is None


# "bertemu dengan (tiga) badan-badan PBB, yakni F": the members are read as if named right
# after the verb (the umbrella itself is no party).
_UMBRELLA_LEAD_RE = re.compile(
    r"(?<!\w)(?:(?:\d+|dua|tiga|empat|lima|enam|beberapa|sejumlah)\s)?(?:badan|lembaga|organisasi|agensi)(?:-\w+)?\s(?:PBB|internasional|donor"
    r"|mitra|pembangunan)?,?\s?(?:yaitu|yakni|:)\s$",
    re.IGNORECASE,
)


def _without_umbrella(before: str) -> str:
    found = _UMBRELLA_LEAD_RE.search(before)
    return before if found is None else before[: found.start()]


def classify_foreign(doc: Document, foreign: list[OrgCandidate]) -> None:
    text = doc.text
    passing: set[tuple[int, int]] = set()
    for cand in foreign:
        for start, end in cand.mentions:
            s_start, s_end = doc.sentence_span(start)
            if doc.in_title(start):
                cand.counterpart_cues.append("headline")
            elif witnessed(text, s_start, start):
                cand.attend_cues += 1  # a witness of the signing, not its other side
                cand.witness_cues += 1
                continue
            elif passing_mention(doc, s_start, start):
                passing.add((start, end))  # named in passing: no cue from this mention
                continue
            before = _without_umbrella(text[max(s_start, start - 70) : start])[-40:]
            if (
                foreign_cue_before(text, start, s_start)
                or listed_after_foreign_cue(text, start, s_start)
                or described_from_country(text, start, end)
            ):
                # "ormas asing F", "organisasi nirlaba asal Belanda, F"
                cand.counterpart_cues.append("foreign-cue")
            # "kerja sama dengan F", "Program Kerja Sama RI-F", "bermitra dengan F"
            tail = before[-45:]
            if (
                COOPERATION.search(tail)
                and LINK_WORDS_RE.search(tail[-20:])
                or GRANT_BEFORE_RE.search(tail)
                or SUPPORT_BEFORE_RE.search(tail)
                or FUNDS_FROM_BEFORE_RE.search(text, max(s_start, start - FUNDS_FROM_WINDOW), start)
            ):
                cand.counterpart_cues.append("cooperation-with")
            elif MEETING_WITH_RE.search(before) and MEETING_NOUN_RE.search(text, s_start, start):
                # "rapat ... bersama F", "konferensi video dengan F": met with the host
                cand.counterpart_cues.append("meeting-with")
            elif (
                paired_with_indonesia(text, s_start, start)
                and not doc.in_title(start)
                and (
                    _agreement_sentence(doc, s_start, s_end)
                    # a verb of acting together, not any verb ("terus memperhatikan")
                    or organiser_verb_after(text, end, JOINT_VERBS)
                )
            ):
                # "CPAP antara Pemerintah Indonesia dan UNDP", "Indonesia dan FAO
                # menandatangani LoI": the other side of Indonesia itself in an agreement;
                # "Pemerintah Indonesia dan Pemerintah Korea Selatan menyepakati ...": the two
                # acting together
                cand.counterpart_cues.append("paired-with-indonesia")
            if "cooperation-with" not in cand.counterpart_cues and ORGANISED_WITH_BEFORE_RE.search(
                text, max(s_start, start - 120), start
            ):
                # "Kegiatan yang digelar Kementerian Keuangan bersama F": a co-organiser
                cand.counterpart_cues.append("organised-with")
            if _signed_with(text, s_start, start):
                # "Penandatanganan dilakukan bersama perwakilan F": the other signing side
                cand.counterpart_cues.append("signed-with")
            if FUNDER_AFTER_RE.match(text, end, s_end):
                # "Pemerintah Kerajaan Norwegia selaku mitra pendana": a funder, even listed
                # among the guests
                cand.counterpart_cues.append("funder")
            if PARTNER_VERB_BEFORE_RE.search(before):
                # "Kemenkes menggandeng F": taken on as a partner
                cand.counterpart_cues.append("cooperation-with")
            if _THROUGH_ITS_AGENCY_BEFORE_RE.search(before):
                # "Pemerintah Australia melalui Department of Foreign Affairs and Trade": the
                # agency a foreign government acts through is a side as well
                cand.counterpart_cues.append("agency-of-government")
            if (
                VISIT_RE.search(text[max(s_start, start - 30) : start])
                or VISIT_RE.search(text[end : end + 30])
                or _received(text[max(s_start, start - 90) : start])
            ):
                cand.counterpart_cues.append("visit")
            elif _subject_acts(text, s_start, start, end, s_end):
                cand.counterpart_cues.append("partner-acts")
            attended = attend_context(doc, start, end)
            if attended:
                cand.attend_cues += 1
                cand.witness_cues += attended == "witness"
    doc.memo["passing-mentions"] = passing
    coordinated_partners(doc, foreign)


# An event organised by a body, told in the passive: "yang diselenggarakan G", "digelar oleh
# G", and the partner that organised it with the body: "... digelar G bersama F".
_ORGANISED = (
    r"(?<!\w)(?:digelar|diselenggarakan|dilaksanakan|diadakan|diinisiasi|difasilitasi"
    r"|diprakarsai)(?:\s(?:langsung\s)?oleh)?\s"
)
ORGANISED_BY_BEFORE_RE = re.compile(_ORGANISED + r"(?:pihak\s)?$", re.IGNORECASE)
ORGANISED_WITH_BEFORE_RE = re.compile(
    _ORGANISED + r"(?:pihak\s)?(?-i:[A-Z][\w/().,-]*\s){1,10}(?:bersama|dengan|dan|serta)\s"
    r"(?:pihak\s)?$",
    re.IGNORECASE,
)


# Indonesia itself as the other side, right before the name: "antara Pemerintah Indonesia
# dan F", "Pemerintah RI dengan F", "Indonesia dan F menandatangani", "Kerja Sama RI-F"; not
# a name that ends with "Indonesia" ("UNICEF Indonesia dan F" lists two partners).
INDONESIA_PAIR_BEFORE_RE = re.compile(
    r"(?:(?P<lead>[^\s]+)\s)?(?:Republik\s)?(?:Indonesia|RI)\s?(?:dan|dengan|bersama|-|–|&)\s?$"
)
_INDONESIA_LEADS = frozenset(["Pemerintah", "pemerintah", "Negara", "negara", "antara"])


def _agreement_sentence(doc: Document, s_start: int, s_end: int) -> bool:
    """A sentence that names a document or tells a signing or an extension."""
    key = ("agreement-sentence", s_start)
    found = doc.memo.get(key)
    if found is None:
        found = doc.memo[key] = any(
            pattern.search(doc.text, s_start, s_end) is not None
            for pattern in (DOCUMENT, SIGNING, EXTENSION)
        )
    return found


def paired_with_indonesia(text: str, s_start: int, start: int) -> bool:
    """Whether the name at `start` follows "Pemerintah Indonesia dan", "antara RI dengan", or
    "Indonesia dan" opening its sentence."""
    found = INDONESIA_PAIR_BEFORE_RE.search(text, max(s_start, start - 45), start)
    if found is None:
        return False
    lead = found.group("lead")
    if lead is None:
        return text[s_start : found.start()].strip(" \"'“”(-–") == ""
    return lead in _INDONESIA_LEADS


# Words before a name that make it a subordinate part of the clause, not its subject:
# "pernah dinilai oleh F", "contoh dari F", "menurut data F".
_NOT_SUBJECT_BEFORE_RE = re.compile(
    r"(?<!\w)(?:oleh|dari|menurut|versi|data|laporan|riset|studi|contoh|by|of|from|according\sto)"
    r"\s(?:the\s)?$",
    re.IGNORECASE,
)


def _subject_acts(text: str, s_start: int, start: int, end: int, s_end: int) -> bool:
    """F as the subject of a meeting, visit or support verb a few words later (ACTS_AFTER_RE),
    not named inside another phrase ("dinilai oleh F", "data F")."""
    if _NOT_SUBJECT_BEFORE_RE.search(text, max(s_start, start - 25), start):
        return False
    return ACTS_AFTER_RE.match(text, end, min(s_end, end + 90)) is not None


# "bertemu dengan UNDP dan UNFPA", "didukung oleh WFP, UNICEF, serta FAO": names joined in
# one list share the cue of the first.
_COORDINATION_RE = re.compile(
    # after the acronym in brackets of the first name too: "F (UNODC) serta F2"
    r"\)?\s?(?:,\s?|\s(?:dan|serta|and|&)\s|,\s(?:dan|serta|and)\s)\s?"
)


# The region an office covers, after its country: "GIZ Indonesia, ASEAN dan Timor-Leste".
_OFFICE_REGION_RE = re.compile(r"(?<!\w)Indonesia,\s$")
_COVERED_REGIONS = frozenset(["ASEAN", "Asia Tenggara", "Asia Pasifik", "Pasifik", "Timor-Leste"])


def coordinated_partners(doc: Document, foreign: list[OrgCandidate]) -> None:
    """Names joined in one list share the cue of a cued one, before or after it ("Kemendagri,
    UCLG ASPAC, dan Ford Foundation": the list's last item linked to the body gives its
    middle one too). Called again once the bodies' links are known (classify_bodies)."""
    text = doc.text
    passing: set[tuple[int, int]] = doc.memo.get("passing-mentions", set())
    spans = sorted(
        ((start, end, cand) for cand in foreign for start, end in cand.mentions),
        key=lambda item: (item[0], item[1]),
    )
    cued = {id(c) for c in foreign if c.counterpart_cues}
    pairs = list(zip(spans, spans[1:], strict=False))
    # forwards, then backwards: a cue passes along the whole list from any cued item
    for (first_start, end, first), (start, second_end, second) in [*pairs, *reversed(pairs)]:
        if first is second or (id(first) in cued) == (id(second) in cued):
            continue
        if (first_start, end) in passing or (start, second_end) in passing:
            continue  # "seperti ADB dan Bank Dunia": named in passing, not a partner's list
        if (
            _OFFICE_REGION_RE.search(text, max(0, start - 12), start)
            and text[start:second_end] in _COVERED_REGIONS
        ):
            continue  # "Country Director GIZ Indonesia, ASEAN dan Timor-Leste": an office's reach
        if address_of_a_city(text, text[start:second_end], start, second.forms):
            continue  # "Kota Higashiomi, Prefektur Shiga": where the city lies
        if start - end <= 8 and _COORDINATION_RE.fullmatch(text, end, start):
            uncued = second if id(first) in cued else first
            uncued.counterpart_cues.append("listed-with-partner")
            cued.add(id(uncued))


def meeting_participants(foreign: list[OrgCandidate], event_types: set[str]) -> None:
    """At a meeting whose other side is named nowhere else, the foreign organizations taking
    part are that side ("Kemenkes menggelar rapat bersama mitra pembangunan internasional ...
    dihadiri perwakilan WHO, UNICEF, ..."). Guests beside a named partner are not (dev item
    119: guests at a welcome by ABS); at a signing, one that only attends or witnesses is not
    (README: an ambassador at a signing is no party)."""
    if "meeting" not in event_types or event_types & {"signing", "extension"}:
        return
    if any(cand.counterpart_cues for cand in foreign):
        return
    for cand in foreign:
        if not cand.counterpart_cues and cand.attend_cues > cand.witness_cues:
            cand.counterpart_cues.append("meeting-participant")
