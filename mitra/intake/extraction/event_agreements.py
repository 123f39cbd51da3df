"""The agreements of the reported event: which found documents belong to which partner and
government body, with their years and durations, taken from the sentences that tell them
(split out of extractor.py, which calls `agreements_of_the_event`)."""

from __future__ import annotations

import bisect
import re
from typing import cast

from . import agreements as agr
from . import meetings
from .bodies import BodyMention
from .cues import FUNDS_FROM_BEFORE_RE, FUNDS_FROM_WINDOW, signs_for_another
from .document import Document
from .model import Agreement, Evidence
from .names import OrgCandidate
from .roles import witnessed

AGREEMENT_SUBJECT_RE = re.compile(
    r"(?<!\w)(?:kerja\s?sama|kemitraan|MoU|MSP|PKS|MoC|LoI|LoA|nota\skesepahaman|perjanjian"
    r"|memorandum"
    # the document called by another name in a later sentence: "Kesepakatan tersebut berlaku
    # selama empat tahun", "Dokumen itu berlaku ...", "The agreement is valid for ..."
    r"|kesepakatan|naskah|dokumen|pengaturan|agreement|arrangement|document"
    # "Hibah berlaku selama dua tahun, 2022-2024", "Dengan pembaruan tersebut, ..."
    r"|hibah|grant|pinjaman|loan|pembaruan|perpanjangan|rencana\skerja|work\s?plan"
    # "Masa berlakunya lima tahun, dari 2023 sampai 2028"
    r"|masa\sberlaku(?:nya)?|jangka\swaktu(?:nya)?|periodenya"
    # "Program berlangsung 2024 hingga 2026", "Program ini berjalan selama tiga tahun"
    r"|program(?:\s[a-z]+)?(?:\s(?:ini|tersebut|itu))?\s(?:akan\s)?(?:berlangsung|berjalan"
    r"|dilaksanakan)"
    # "Proyek ... akan berlangsung selama lima tahun", "Program untuk lima tahun ke depan",
    # "Dalam draf yang dibahas, JDoI diusulkan berlaku tiga tahun"
    r"|proyek|project|program(?=\s(?:untuk|selama)\s)|draf|draft|rancangan)"
    r"(?!\w)",
    re.IGNORECASE,
)
_ANTARA_RE = re.compile(r"(?<!\w)antara\s")
# "Pada periode 2013-2017, F pernah mendanai ...": what the partner once did.
_ONCE_RE = re.compile(r"(?<!\w)(?:pernah|sempat)(?!\w)", re.IGNORECASE)
_FUNDED_BY_BEFORE_RE = re.compile(
    r"(?<!\w)(?:didanai|dibiayai|funded|financed)(?:\s(?:sebagian|penuh|bersama))?\s(?:oleh|by)\s"
    r"(?:the\s)?$",
    re.IGNORECASE,
)
# The partners signing one document together: "Ketiga pihak menandatangani ...", "para
# pihak", "ditandatangani oleh seluruh pihak", "all parties". Not "kedua pihak", which with
# two foreign partners may mean the host and one of them.
JOINT_PARTIES_RE = re.compile(
    r"(?<!\w)(?:(?:ketiga|keempat|kelima|para|semua|seluruh)\s(?:pihak|mitra|lembaga)"
    r"|ketiganya|keempatnya|(?:all|the\sthree|the\sfour)\s(?:parties|partners))(?!\w)",
    re.IGNORECASE,
)


# The document an event is held under (README: an agreement "named as the framework under
# which the meeting is held"): "Pertemuan ini digelar dalam kerangka nota kesepahaman ...",
# "di bawah payung MoU", "within the framework of the Memorandum of Understanding".
FRAMEWORK_BEFORE_RE = re.compile(
    r"(?<!\w)(?:(?:dalam|di\sbawah)\s(?:kerangka|payung)(?:\s(?:kerja\s?sama|hukum))?"
    # "AWP 2024 merupakan bagian dari pelaksanaan Country Programme Action Plan (CPAP)"
    r"|bagian\sdari(?:\spelaksanaan|\simplementasi)?"
    r"|(?:within|under)\sthe\sframework\sof|under)\s(?:the\s|sebuah\s)?$",
    re.IGNORECASE,
)


# A framework named by its own name, with its term: "dalam kerangka Country Planning Framework
# (CPF) 2021-2025", "under the UN Sustainable Development Cooperation Framework 2021-2025" (a
# framework named without "dalam kerangka" may be only a topic: "menyiapkan bahan CPF").
NAMED_FRAMEWORK_RE = re.compile(
    r"(?:(?<!\w)(?:dalam|di\sbawah)\s(?:kerangka|payung)|within\sthe\sframework\sof|under)"
    r"\s(?:the\s)?(?P<name>(?:[A-Z][\w-]*\s){1,8}Framework)(?:\s\([A-Z][\w-]{1,10}\))?"
    r"\s(?:tahun\s|periode\s)?(?:19|20)\d\d(?!\d)"
)


# A country programme the event serves, with its period: "di bawah payung Program Kerja Sama
# Pemerintah Indonesia dan UNICEF periode 2021-2025", "merupakan bagian dari pelaksanaan
# Program Negara (Country Programme) ke-10 UNFPA untuk Indonesia periode 2021-2025".
NAMED_PROGRAMME_RE = re.compile(
    r"(?:(?<!\w)(?:dalam|di\sbawah)\s(?:kerangka|payung)|bagian\sdari(?:\spelaksanaan)?"
    r"|within\sthe\sframework\sof|under)\s(?:the\s)?"
    r"(?P<name>(?:Program|Programme|Country\sProgramme)\s(?:[\w()/-]+\s){0,10}?)"
    r"(?:tahun\s|periode\s|for\s)(?:19|20)\d\d\s?[-–—]\s?(?:19|20)\d\d(?!\d)"
)


def named_framework(text: str, s_start: int, s_end: int) -> agr.Found | None:
    """The framework the sentence names by its own name and term, as a document ("other")."""
    match = NAMED_FRAMEWORK_RE.search(text, s_start, s_end) or NAMED_PROGRAMME_RE.search(
        text, s_start, s_end
    )
    if match is None:
        return None
    return agr.Found(match.start("name"), match.end("name"), "other")


def framework_document(text: str, s_start: int, s_end: int) -> agr.Found | None:
    """The document the sentence names as the event's framework, if it does."""
    for found in agr.document_types(text, s_start, s_end):
        if FRAMEWORK_BEFORE_RE.search(text, max(s_start, found.start - 40), found.start):
            return found
    return None


def agreements_of_the_event(
    doc: Document,
    counterparts: list[OrgCandidate],
    gov_party: str | None,
    mentions: list[BodyMention],
    evidence: list[Evidence],
) -> list[Agreement]:
    """One agreement per partner tied to a document, period, signing or extension."""
    text = doc.text
    results: list[Agreement] = []
    per_sentence: dict[tuple[int, int], tuple] = {}

    def sentence_facts(s_start: int, s_end: int) -> tuple:
        facts = per_sentence.get((s_start, s_end))
        if facts is None:
            facts = per_sentence[(s_start, s_end)] = _sentence_facts(text, s_start, s_end)
        return facts

    # Mentions of every partner per sentence, built once (sentence start -> sorted spans).
    in_sentence: dict[int, list[tuple[int, int, int]]] = {}
    for index, cand in enumerate(counterparts):
        for start, end in cand.mentions:
            in_sentence.setdefault(doc.sentence_span(start)[0], []).append((start, end, index))
    sole_partner: dict[int, int | None] = {}
    for s_start, spans in in_sentence.items():
        spans.sort()
        partners = {who for _, _, who in spans}
        sole_partner[s_start] = partners.pop() if len(partners) == 1 else None
    gov_starts = [m.start for m in mentions]  # mentions are in text order

    for index, cand in enumerate(counterparts):
        if signs_for_another(text, cand.mentions, doc.sentence_span, in_sentence, index):
            continue  # "F, yang menandatangani atas nama Bloomberg": Bloomberg is the side
        name = cand.display_name()
        agreement: Agreement | None = None
        signing_phrases = 0
        seen_sentences: set[int] = set()
        # documents signed with the partner, each right after its signing verb, and the end
        # of its sentence: a second one of another type is a second agreement
        signed: list[tuple[agr.Found, int]] = []
        for start, _end in cand.mentions:
            s_start, s_end = doc.sentence_span(start)
            # Every fact below is a property of the sentence: look at each sentence once.
            if s_start in seen_sentences:
                continue
            if witnessed(text, s_start, start):
                continue  # "... serta disaksikan oleh Kepala Delegasi Uni Eropa": no side
            seen_sentences.add(s_start)
            docs, signing, extension, all_periods, all_durations = sentence_facts(s_start, s_end)
            framework = framework_document(text, s_start, s_end) if docs else None
            named = named_framework(text, s_start, s_end) if all_periods and not docs else None
            if named is not None:
                docs = [named]
                framework = named
            negotiated = framework is not None or (
                not (docs or all_periods or all_durations or signing or extension)
                and _negotiated_document(text, s_start, s_end)
            )
            if not (docs or all_periods or all_durations or signing or extension or negotiated):
                continue
            owned = in_sentence.get(s_start, [])
            first_here = next((s for s, _, who in owned if who == index), start)
            if (
                not (docs or signing or extension)
                and _FUNDED_BY_BEFORE_RE.search(text, max(s_start, first_here - 30), first_here)
            ) or FUNDS_FROM_BEFORE_RE.search(
                # "Hibah senilai 10 juta euro tersebut bersumber dari F ... Perjanjian
                # ditandatangani ...": the money's source, whatever else the sentence tells
                text,
                max(s_start, first_here - FUNDS_FROM_WINDOW),
                first_here,
            ):
                # "Program ... didanai oleh F dan berjalan pada 2019 hingga 2021": the term is
                # the programme's, F only pays for it
                continue
            sole = sole_partner.get(s_start) == index
            periods = [p for p in all_periods if _owns(text, owned, sole, index, p.start)]
            durations = [d for d in all_durations if _owns(text, owned, sole, index, d.start)]
            if not (docs or periods or durations or signing or extension or negotiated):
                continue
            if agreement is None:
                agreement = Agreement(name, gov_party, None)
                results.append(agreement)
                evidence.append(
                    Evidence(
                        "agreements", name, s_start, s_end, 0.6, "partner-in-agreement-sentence"
                    )
                )
            if (
                framework is not None
                and agreement.document_type is not None
                and (
                    agreement.document_type != framework.value
                    or framework is named
                    or _own_other_term(text, framework, s_end, agreement)
                )
            ):
                # "Rapat evaluasi RKT 2024 ... dalam kerangka Nota Kesepahaman ... periode
                # 2022-2025": the plan and the framework it serves are two documents
                _framework_agreement(text, s_end, name, gov_party, framework, results, evidence)
                continue
            number = results.index(agreement)
            # A value in a sentence that names only this partner is surely its own; with
            # several partners it goes to the nearest one named before it (less sure).
            owned_confidence = 0.8 if sole else 0.65
            if docs and agreement.document_type is None:
                nearest = _document_of(text, docs, owned, start)
                agreement.document_type = str(nearest.value)
                evidence.append(_found(number, "document_type", nearest, 0.8, "document-type"))
            if periods and agreement.start_year is None and agreement.end_year is None:
                agreement.start_year, agreement.end_year = periods[0].value
                evidence.append(
                    _found(number, "period", periods[0], owned_confidence, "period-of-partner")
                )
            if durations and agreement.duration_years is None:
                agreement.duration_years = int(durations[0].value)
                evidence.append(
                    _found(number, "duration", durations[0], owned_confidence, "duration")
                )
            if sole and agreement.document_type is not None:
                # "sesuai dengan MSP antara F dan Kemendagri periode 2018-2021, serta Rencana
                # Kerja antara F dan Pemprov NTB tahun 2019-2020": each document its own term
                for second in _documents_with_own_terms(text, docs, s_end)[1:]:
                    if second.value != agreement.document_type:
                        _framework_agreement(
                            text, s_end, name, gov_party, second, results, evidence,
                            "document-with-own-term",
                        )  # fmt: skip
            if signing and sole and not doc.in_title(start):
                # only where no other partner is named: the document could be the other's
                signed += [
                    (found, s_end)
                    for found in docs
                    if _SIGNED_OBJECT_RE.search(text, max(s_start, found.start - 45), found.start)
                ]
                signing_phrases = max(
                    signing_phrases,
                    _distinct_signing_pairs(text, s_start, s_end, cand, mentions, gov_starts),
                )
        if agreement is not None and agreement.document_type is not None:
            for found, s_end in signed:
                if found.value != agreement.document_type:
                    # "... juga menandatangani Implementing Arrangement dengan F": another
                    # document signed with the same partner
                    _framework_agreement(
                        text, s_end, name, gov_party, found, results, evidence, "signed-too"
                    )
        if agreement is None and len(counterparts) == 1:
            # "WHO berkunjung ... Kedua pihak menandatangani nota kesepahaman": with a single
            # partner, a document signed (or extended, or given a term) now is its agreement
            # even when the sentence does not name it.
            found_doc = _document_of_the_event(doc, sentence_facts)
            if found_doc is not None:
                agreement = Agreement(name, gov_party, str(found_doc.value))
                results.append(agreement)
                number = len(results) - 1
                evidence.append(
                    Evidence("agreements", name, found_doc.start, found_doc.end, 0.5,
                             "document-of-the-sole-partner")
                )  # fmt: skip
                evidence.append(_found(number, "document_type", found_doc, 0.7, "document-type"))
        if agreement is not None and len(counterparts) == 1:
            number = results.index(agreement)
            for name_, found in _fill_from_partnerless_sentences(
                doc, cand, agreement, sentence_facts
            ):
                evidence.append(_found(number, name_, found, 0.65, "sentence-without-partner"))
            for name_, found in _term_of_the_document_planned(doc, agreement, sentence_facts):
                evidence.append(_found(number, name_, found, 0.6, "term-of-the-planned-signing"))
            _other_documents_of_the_sole_partner(
                doc, agreement, seen_sentences, sentence_facts, results, evidence
            )
        # Two separate signings with the same partner in one event are two documents.
        if agreement is not None and signing_phrases > 1:
            prefix = f"agreements.{results.index(agreement)}."
            own = [e for e in evidence if e.field.startswith(prefix)]
            for _ in range(signing_phrases - 1):
                results.append(Agreement(**agreement.as_dict()))
                copy = f"agreements.{len(results) - 1}."
                evidence += [
                    Evidence(copy + e.field[len(prefix) :], e.value, e.start, e.end,
                             e.confidence, e.rule)
                    for e in own
                ]  # fmt: skip
    if not results and len(counterparts) > 1:
        results = _joint_agreements(doc, counterparts, gov_party, sentence_facts, evidence)
    elif len(counterparts) > 1:
        _fill_by_document_named(doc, results, set(in_sentence), sentence_facts, evidence)
    return results


# A signing verb right before the document it signs: "menandatangani Implementing
# Arrangement", "juga meneken naskah PKS", "penandatanganan nota kesepahaman".
_SIGNED_OBJECT_RE = re.compile(
    r"(?<!\w)(?:menandatangani|meneken|penandatanganan|ditandatangani|signed|signing)"
    r"\s(?:(?:juga|pula|sebuah|naskah|dokumen|dua|the|an?)\s){0,2}$",
    re.IGNORECASE,
)


def _other_documents_of_the_sole_partner(
    doc: Document,
    agreement: Agreement,
    partner_sentences: set[int],
    sentence_facts,  # noqa: ANN001
    results: list[Agreement],
    evidence: list[Evidence],
) -> None:
    """More agreements of the sole partner, told in sentences that do not name it: the
    framework named with its term ("Program kerja sama itu dilaksanakan dalam kerangka Country
    Planning Framework 2021-2025"), and another document signed in the event ("Pada
    kesempatan yang sama juga ditandatangani Letter of Agreement ...", "Dokumen kedua berupa
    LoI ...")."""
    text = doc.text
    name, gov_party = agreement.partner, agreement.government_party
    for s_start, s_end in doc.sentences:
        if s_start in partner_sentences or s_end <= doc.body_start or doc.in_title(s_start):
            continue
        named = named_framework(text, s_start, s_end)
        if named is not None:
            _framework_agreement(
                text, s_end, name, gov_party, named, results, evidence,
                "framework-of-the-sole-partner",
            )  # fmt: skip
            continue
        if agreement.document_type is None:
            continue
        docs, signing, *_ = sentence_facts(s_start, s_end)
        second = _SECOND_DOCUMENT_RE.search(text, s_start, s_end) is not None
        other = next(
            (
                d
                for d in docs
                if d.value != agreement.document_type
                and (
                    second
                    or signing
                    and _SIGNED_OBJECT_RE.search(text, max(s_start, d.start - 45), d.start)
                )
                # "juga menandatangani PKS dengan Universitas X": signed with someone else
                and not _WITH_SOMEONE_ELSE_RE.match(text, d.end, s_end)
            ),
            None,
        )
        if other is not None:
            _framework_agreement(
                text, s_end, name, gov_party, other, results, evidence,
                "signed-in-the-same-event",
            )  # fmt: skip


_WITH_SOMEONE_ELSE_RE = re.compile(
    r"[^.;:!?\n]{0,80}?\s(?:dengan|bersama|antara|with)\s(?:pihak\s)?[A-Z]"
)
# A second document of the event: "Dokumen kedua berupa LoI", "naskah kedua".
_SECOND_DOCUMENT_RE = re.compile(
    r"(?<!\w)(?:dokumen|naskah|document)\s(?:kedua|lain(?:nya)?|second)(?!\w)", re.IGNORECASE
)


def _documents_with_own_terms(text: str, docs: list[agr.Found], s_end: int) -> list[agr.Found]:
    """The documents of a sentence when each of two or more types is followed by a term of
    its own before the next document: they are told apart as separate agreements."""
    # "Memorandum Saling Pengertian (MSP)": the name and its acronym are one document
    docs = [d for i, d in enumerate(docs) if i == 0 or d.value != docs[i - 1].value]
    if len(docs) < 2:
        return []
    bounds = [*(d.start for d in docs[1:]), s_end]
    for found, bound in zip(docs, bounds, strict=True):
        if not (agr.periods(text, found.end, bound) or agr.durations(text, found.end, bound)):
            return []
    return docs


def _framework_agreement(
    text: str,
    s_end: int,
    name: str,
    gov_party: str | None,
    framework: agr.Found,
    results: list[Agreement],
    evidence: list[Evidence],
    rule: str = "framework-of-the-event",
) -> None:
    """A second agreement of the partner: the framework document (or another document signed
    with it), with the period or term written after it in its sentence."""
    periods = agr.periods(text, framework.end, s_end)
    term = _years(periods[0]) if periods else None
    if any(
        a.partner == name
        and a.document_type == framework.value
        # two work plans ("other") told apart by their terms are two documents
        and (term is None or a.start_year is None or (a.start_year, a.end_year) == term)
        for a in results
    ):
        return
    agreement = Agreement(name, gov_party, str(framework.value))
    results.append(agreement)
    number = len(results) - 1
    evidence.append(Evidence("agreements", name, framework.start, framework.end, 0.55, rule))
    evidence.append(_found(number, "document_type", framework, 0.7, "document-type"))
    if periods:
        agreement.start_year, agreement.end_year = _years(periods[0])
        evidence.append(_found(number, "period", periods[0], 0.6, "period-of-framework"))
    durations = agr.durations(text, framework.end, s_end)
    if durations:
        agreement.duration_years = cast(int, durations[0].value)
        evidence.append(_found(number, "duration", durations[0], 0.6, "duration-of-framework"))


def _term_of_the_document_planned(
    doc: Document,
    agreement: Agreement,
    sentence_facts,  # noqa: ANN001
) -> list[tuple[str, agr.Found]]:
    """A document drafted in the event, its signing still a plan: "Kedua pihak membahas
    rancangan MoU ... MoU direncanakan ditandatangani pada Agustus dan berlaku selama tiga
    tahun" gives the drafted MoU its term. Only when nothing is signed now (else the planned
    document is another one) and the plan names the same type of document."""
    if agreement.document_type is None or (
        agreement.duration_years is not None or agreement.start_year is not None
    ):
        return []
    text = doc.text
    if any(sentence_facts(s, e)[1] for s, e in doc.sentences if e > doc.body_start):
        return []
    taken: list[tuple[str, agr.Found]] = []
    for s_start, s_end in doc.sentences:
        if s_end <= doc.body_start or doc.in_title(s_start):
            continue
        if _told_not_now(text, s_start, s_end) != "planned":
            continue
        if not any(
            d.value == agreement.document_type for d in agr.document_types(text, s_start, s_end)
        ):
            continue
        found_periods = agr.periods(text, s_start, s_end)
        found_durations = agr.durations(text, s_start, s_end)
        if found_periods and agreement.start_year is None:
            agreement.start_year, agreement.end_year = _years(found_periods[0])
            taken.append(("period", found_periods[0]))
        if found_durations and agreement.duration_years is None:
            agreement.duration_years = cast(int, found_durations[0].value)
            taken.append(("duration", found_durations[0]))
        if taken:
            break
    return taken


def _own_other_term(text: str, framework: agr.Found, s_end: int, agreement: Agreement) -> bool:
    """Whether the framework has a term of its own, other than the agreement's: "AWP 2018 ...
    dalam kerangka CPAP ... periode 2016-2020" are two documents of one type."""
    periods = agr.periods(text, framework.end, s_end)
    return (
        bool(periods)
        and agreement.start_year is not None
        and _years(periods[0]) != (agreement.start_year, agreement.end_year)
    )


def _completes(agreement: Agreement, years: tuple[int | None, int | None]) -> bool:
    """Whether a term found later fills what the agreement lacks without contradicting what
    it has: no start yet and the same end (or none), or the other way round."""
    start_year, end_year = years
    if agreement.start_year is None and agreement.end_year is None:
        return True
    if agreement.start_year is None:
        return start_year is not None and end_year in (None, agreement.end_year)
    if agreement.end_year is None:
        return end_year is not None and start_year in (None, agreement.start_year)
    return False


def _years(found: agr.Found) -> tuple[int | None, int | None]:
    """(start year, end year) of a found period."""
    return cast(tuple[int | None, int | None], found.value)


# A grant or a loan named without its document word ("Hibah itu berlaku selama tiga tahun").
_GRANT_OR_LOAN_RE = re.compile(r"(?<!\w)(?:hibah|grant|pinjaman|loan)(?!\w)", re.IGNORECASE)


def _fill_by_document_named(
    doc: Document,
    results: list[Agreement],
    partner_sentences: set[int],
    sentence_facts,  # noqa: ANN001
    evidence: list[Evidence],
) -> None:
    """Several partners: a sentence that names no partner gives its term to the one document
    all of them signed, or, when they signed several, to the one agreement whose document it
    names ("BNPB menandatangani perjanjian hibah dengan USAID serta nota kesepahaman dengan
    UNDP. Hibah itu berlaku selama tiga tahun, 2022-2025.")."""
    text = doc.text
    for s_start, s_end in doc.sentences:
        if s_start in partner_sentences or s_end <= doc.body_start or doc.in_title(s_start):
            continue
        if not AGREEMENT_SUBJECT_RE.search(text, s_start, s_end):
            continue
        docs, _signing, _extension, found_periods, found_durations = sentence_facts(s_start, s_end)
        if not (found_periods or found_durations):
            continue
        named = {str(d.value) for d in docs}
        if _GRANT_OR_LOAN_RE.search(text, s_start, s_end):
            named.add("other")
        types = {a.document_type for a in results}
        if (
            len(types) == 1
            and len({(a.start_year, a.end_year, a.duration_years) for a in results}) == 1
        ):
            # one document signed with every partner ("Kemenkes, Gates Foundation dan PATH
            # menandatangani MoU. Kesepakatan berlaku selama empat tahun."): its term is theirs
            targets = list(results)
        else:
            targets = [a for a in results if a.document_type in named]
            if len(targets) != 1 or len(types) < 2:
                continue  # the document is not told apart from the others
        for agreement in targets:
            number = results.index(agreement)
            if found_periods and agreement.start_year is None and agreement.end_year is None:
                agreement.start_year, agreement.end_year = found_periods[0].value
                evidence.append(_found(number, "period", found_periods[0], 0.6, "document-named"))
            if found_durations and agreement.duration_years is None:
                agreement.duration_years = int(found_durations[0].value)
                evidence.append(
                    _found(number, "duration", found_durations[0], 0.6, "document-named")
                )


def _joint_agreements(
    doc: Document,
    counterparts: list[OrgCandidate],
    gov_party: str | None,
    sentence_facts,  # noqa: ANN001
    evidence: list[Evidence],
) -> list[Agreement]:
    """Several partners, no document tied to any of them by name, and one document signed
    (or extended, or given a term) now by all of them together ("Ketiga pihak
    menandatangani nota kesepahaman untuk periode 2024-2027"): one agreement per partner
    (README: one document with several foreign co-signers gives one entry per partner)."""
    found_doc = _document_of_the_event(doc, sentence_facts, JOINT_PARTIES_RE)
    if found_doc is None:
        return []
    s_start, s_end = doc.sentence_span(found_doc.start)
    _docs, _signing, _extension, found_periods, found_durations = sentence_facts(s_start, s_end)
    results: list[Agreement] = []
    for cand in counterparts:
        name = cand.display_name()
        agreement = Agreement(name, gov_party, str(found_doc.value))
        results.append(agreement)
        number = len(results) - 1
        evidence.append(
            Evidence("agreements", name, found_doc.start, found_doc.end, 0.5,
                     "document-of-the-partners-together")
        )  # fmt: skip
        evidence.append(_found(number, "document_type", found_doc, 0.7, "document-type"))
        if found_periods:
            agreement.start_year, agreement.end_year = found_periods[0].value
            evidence.append(_found(number, "period", found_periods[0], 0.6, "joint-period"))
        if found_durations:
            agreement.duration_years = int(found_durations[0].value)
            evidence.append(_found(number, "duration", found_durations[0], 0.6, "joint-duration"))
        for name_, found in _fill_from_partnerless_sentences(doc, cand, agreement, sentence_facts):
            evidence.append(_found(number, name_, found, 0.6, "sentence-without-partner"))
    return results


def _sentence_facts(text: str, s_start: int, s_end: int) -> tuple:
    """(documents, signing now, extension now, periods, durations) of one sentence.

    A sentence that only tells a signing or an extension as a plan ("MoU direncanakan
    ditandatangani pada awal 2026", "akan ditandatangani") speaks of a future document: none
    of its facts are the event's. One that tells it only as history ("MoU yang ditandatangani
    pada 2015 dan diperpanjang pada 2019") names an earlier document: kept only with a term
    (a framework in force, "berlaku untuk 2021-2024")."""
    docs = agr.document_types(text, s_start, s_end)
    signing = _signing_now(text, s_start, s_end)
    extension = meetings.extension_now(text, s_start, s_end)
    periods = agr.periods(text, s_start, s_end)
    durations = agr.durations(text, s_start, s_end)
    if (periods or durations) and not (docs or signing or extension):
        first = min(f.start for f in (*periods, *durations))
        if agr.PAST_MARKERS_RE.search(text, s_start, first) or _ONCE_RE.search(text, first, s_end):
            # "Wetlands International sebelumnya terlibat dalam program X pada 2015-2021":
            # years of what the partner did before, in a sentence that names no document
            return ([], False, None, [], [])
    if (docs or periods or durations) and not (signing or extension):
        told = _told_not_now(text, s_start, s_end)
        if told and not _negotiated_now(text, s_start, s_end):
            if told == "planned":
                return ([], False, None, [], [])
            if not (periods or durations):
                docs = []
    return (docs, signing, extension, periods, durations)


def _told_not_now(text: str, s_start: int, s_end: int) -> str | None:
    """Whether the sentence tells a signing or an extension as a plan ("planned") or
    otherwise, as history ("past"); none of them is the event's here. "planned" when one
    is told as a plan, "past" when one is told otherwise, None when the sentence tells neither
    or only as a possibility ("dapat diperpanjang")."""
    told = None
    for match in meetings.SIGNING.finditer(text, s_start, s_end):
        if meetings.is_planned(text, match.start(), s_start, match.end(), modal=False):
            return "planned"
        if not meetings.is_planned(text, match.start(), s_start):
            told = "past"
    for match in meetings.EXTENSION.finditer(text, s_start, s_end):
        at = match.start("verb") if match.group("verb") else match.start()
        if meetings.is_planned(text, at, s_start, match.end(), modal=False):
            return "planned"
        if not meetings.is_planned(text, at, s_start):
            # "Kerja sama ini berlaku tiga tahun dan dapat diperpanjang": a clause of the
            # agreement (a possibility) tells neither a plan nor history
            told = "past"
    return told


# An agreement named without its type: "perjanjian kemitraan ekonomi", "kesepakatan dagang".
_AGREEMENT_NOUN_RE = re.compile(
    r"(?<!\w)(?:perjanjian|kesepakatan|persetujuan|agreement|naskah|draf|draft|rancangan)(?!\w)",
    re.IGNORECASE,
)


def _negotiated_document(text: str, start: int, end: int) -> bool:
    """A document negotiated in the event, named or not by its type ("melanjutkan
    perundingan perjanjian kemitraan ekonomi"): the partner's agreement, type unknown."""
    return _AGREEMENT_NOUN_RE.search(text, start, end) is not None and _negotiated_now(
        text, start, end
    )


def _negotiated_now(text: str, start: int, end: int) -> bool:
    """A document drafted or discussed in the event ("dibahas pula draf nota kesepahaman"),
    not only planned to be ("draf ... akan dibahas")."""
    return any(
        not meetings.is_planned(text, match.start(), start, match.end())
        for match in meetings.NEGOTIATION.finditer(text, start, end)
    )


def _signing_now(text: str, start: int, end: int) -> bool:
    """A signing verb in the sentence that is neither history ("sejak ditandatangani pertama
    kali pada tahun 2003", "MoU yang telah ditandatangani": an earlier agreement is no event)
    nor a plan ("MoU direncanakan ditandatangani pada 2026")."""
    return any(
        not meetings.is_history(text, match.start(), match.end(), start)
        and not meetings.is_planned(text, match.start(), start, match.end())
        for match in meetings.SIGNING.finditer(text, start, end)
    )


def _found(number: int, name: str, found: agr.Found, confidence: float, rule: str) -> Evidence:
    """Evidence of one field of agreement `number` ("agreements.0.period")."""
    value = found.value if isinstance(found.value, (int, str)) else list(found.value)  # type: ignore[call-overload]
    return Evidence(f"agreements.{number}.{name}", value, found.start, found.end, confidence, rule)


def _fill_from_partnerless_sentences(
    doc: Document, cand: OrgCandidate, agreement: Agreement, sentence_facts
) -> list[tuple[str, agr.Found]]:  # noqa: ANN001
    """With a single partner, "Kerja sama berlaku selama tiga tahun" refers to it, and so does
    a document named without it. Returns the values taken, as (field, found)."""
    taken: list[tuple[str, agr.Found]] = []
    mentioned = {doc.sentence_span(s) for s, _ in cand.mentions}
    for s_start, s_end in doc.sentences:
        if (s_start, s_end) in mentioned:
            continue
        if not AGREEMENT_SUBJECT_RE.search(doc.text, s_start, s_end):
            continue
        docs, _signing, _extension, found_periods, found_durations = sentence_facts(s_start, s_end)
        known_type = agreement.document_type
        if known_type is not None and docs and all(str(d.value) != known_type for d in docs):
            continue  # another document's sentence: its term is that document's
        if docs and agreement.document_type is None:
            # "Memorandum Saling Pengertian" named in a later sentence: the partner's document
            agreement.document_type = str(docs[0].value)
            taken.append(("document_type", docs[0]))
        if found_periods and _completes(agreement, _years(found_periods[0])):
            # (a half of a term once given is kept: "MoU yang baru ini berlaku hingga 2026"
            # before "Sebelumnya, ... MoU periode 2020-2023"; "mulai 2019" then "hingga 2021")
            start_year, end_year = _years(found_periods[0])
            agreement.start_year = agreement.start_year or start_year
            agreement.end_year = agreement.end_year or end_year
            taken.append(("period", found_periods[0]))
        if found_durations and agreement.duration_years is None:
            agreement.duration_years = int(found_durations[0].value)
            taken.append(("duration", found_durations[0]))
    return taken


def _document_of_the_event(
    doc: Document,
    sentence_facts,  # noqa: ANN001
    required: re.Pattern[str] | None = None,
) -> agr.Found | None:
    """The first document type named in a body sentence that reports it now: signed, extended
    or given a period or term, and not told as background ("Sebelumnya, ..."); with
    `required`, only in a sentence where that pattern is found."""
    for s_start, s_end in doc.sentences:
        if s_end <= doc.body_start or doc.in_title(s_start):
            continue
        docs, signing, extension, periods, durations = sentence_facts(s_start, s_end)
        if not docs or not (
            signing
            or extension
            or periods
            or durations
            or _negotiated_now(doc.text, s_start, s_end)
            or framework_document(doc.text, s_start, s_end)
        ):
            continue
        if required is not None and not required.search(doc.text, s_start, s_end):
            continue
        if meetings.background_sentence(doc.text, s_start, s_end):
            continue
        return docs[0]
    return None


# Between a document and its partner: "perjanjian hibah dengan USAID", "MoU antara G dan F".
_DOCUMENT_TO_PARTNER_RE = re.compile(r"[^.;:!?\n]{0,60}?\s(?:dengan|bersama|antara|with)\s")


def _document_of(
    text: str, docs: list[agr.Found], owned: list[tuple[int, int, int]], start: int
) -> agr.Found:
    """The document of the partner named at `start`: the one written right before it with a
    link word ("perjanjian hibah dengan USAID serta nota kesepahaman dengan UNDP": USAID's is
    the grant), else the nearest one."""
    before = [d for d in docs if d.end <= start]
    if before:
        last = before[-1]
        between = [s for s, _, _ in owned if last.end <= s < start]
        if not between and _DOCUMENT_TO_PARTNER_RE.match(text, last.end, start):
            return last
    return min(docs, key=lambda d: abs(d.start - start))


def _owns(text: str, spans: list[tuple[int, int, int]], sole: bool, owner: int, pos: int) -> bool:
    """A period/duration belongs to the nearest partner mentioned before it.

    `spans`: (start, end, partner index) of every partner mention in the sentence, sorted.
    With no partner before it, it belongs to `owner` when that is the sentence's `sole` partner.
    """
    index = bisect.bisect_left(spans, (pos, -1, -1))  # spans that start before `pos`
    for i in range(index - 1, -1, -1):
        if spans[i][1] <= pos:
            if spans[i][2] == owner:
                return True
            # "A, dan lembaga riset B mematangkan draf ... periode 2021-2024": partners
            # listed together as the subject share what follows
            while i > 0 and _JOINED_RE.fullmatch(text, spans[i - 1][1], spans[i][0]):
                i -= 1
                if spans[i][2] == owner:
                    return True
            return False
    return sole


# Between two partners listed together: ", ", " dan ", ", dan lembaga riset ".
_JOINED_RE = re.compile(
    r",\s(?:dan\s|serta\s)?(?:(?:lembaga|organisasi|perusahaan|yayasan|universitas|institut)"
    r"(?:\s[a-z][\w-]*)?\s)?"
)


def _distinct_signing_pairs(
    text: str,
    s_start: int,
    s_end: int,
    cand: OrgCandidate,
    mentions: list[BodyMention],
    gov_starts: list[int],
) -> int:
    """Count 'antara <government side> dengan <cand>' pairs with different government text."""
    sides: set[str] = set()
    partner_starts = [s for s, _ in cand.mentions]  # sorted
    for match in _ANTARA_RE.finditer(text, s_start, s_end):
        pos = match.end()
        first_gov = bisect.bisect_left(gov_starts, pos)
        if first_gov >= len(mentions) or mentions[first_gov].start >= pos + 200:
            continue
        first_partner = bisect.bisect_left(partner_starts, pos)
        if first_partner >= len(partner_starts) or partner_starts[first_partner] >= s_end:
            continue
        following = mentions[first_gov]
        if following.start < partner_starts[first_partner]:
            sides.add(text[pos : following.end].lower())
    return len(sides)
