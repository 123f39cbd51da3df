"""Reference data of the deadlines app: the default deadline rules (domain.md §5), loaded
idempotently by `load_reference` and used by the engine for a code with no row.

The migrations create these rows (0004); the public holidays and collective leave days come
from the `holidays` package (`calendar`), so there is no leave list to load here.
"""

from datetime import date

from .models import DeadlineRule

UU_17_2013 = date(2013, 7, 22)
UU_16_2017 = date(2017, 7, 10)  # Perppu 2/2017 (in force from 10 July 2017), enacted as UU 16/2017

# domain.md §3.2 row 3: unknown for ormas asing; the domestic ormas analogue gives 15 working
# days to verify and 15 for the applicant to complete [C].
VERIFICATION_BASIS = (
    "Domestic ormas analogue UU 17/2013 Ps 17 (15 working days to verify); "
    "PP 59/2016 limit not retrieved; domain.md §3.2 row 3, §7 q1"
)
QUERY_BASIS = (
    "Domestic ormas analogue UU 17/2013 Ps 17 (15 working days to complete); "
    "domain.md §3.2 rows 3 and 3a, §7 q1"
)

K = DeadlineRule.Kind
BEFORE, AFTER = DeadlineRule.Direction.BEFORE, DeadlineRule.Direction.AFTER
# code, name, kind, amount, direction, anchor, valid_from, legal basis, confidence, uncertain
DEFAULT_RULES: list[tuple[str, str, str, int, str, str, date, str, str, bool]] = [
    (
        "permit.extension_filing",
        "Izin prinsip extension filing",
        K.MONTHS,
        3,
        BEFORE,
        "izin prinsip expiry",
        UU_17_2013,
        "UU 17/2013 Ps 45(3); domain.md N2",
        "A",
        False,
    ),
    (
        "permit.extension_window",
        "Izin prinsip extension window opens",
        K.MONTHS,
        6,
        BEFORE,
        "izin prinsip expiry",
        UU_17_2013,
        "Reminder cadence from T-6 months; domain.md N2",
        "D",
        True,
    ),
    (
        "permit.max_validity",
        "Izin prinsip maximum validity",
        K.MONTHS,
        36,
        AFTER,
        "izin prinsip start",
        UU_17_2013,
        "UU 17/2013 Ps 45(2); domain.md N1",
        "A",
        False,
    ),
    (
        "application.query_response",
        "Applicant's answer to a secretariat query",
        K.WORKING_DAYS,
        15,
        AFTER,
        "query sent",
        UU_17_2013,
        QUERY_BASIS,
        "C",
        True,
    ),
    (
        "verification",
        "Secretariat verification of a submitted application",
        K.WORKING_DAYS,
        15,
        AFTER,
        "application submitted or answered",
        UU_17_2013,
        VERIFICATION_BASIS,
        "C",
        True,
    ),
    (
        "review.member_opinion",
        "TPOA member agency opinion",
        K.WORKING_DAYS,
        15,
        AFTER,
        "application circulated",
        UU_17_2013,
        "Permenlu 11/2020 (not retrieved); domain.md §7 q2",
        "D",
        True,
    ),
    (
        "decision",
        "Minister's decision",
        K.WORKING_DAYS,
        30,
        AFTER,
        "TPOA recommendation",
        UU_17_2013,
        "PP 59/2016 (time limit not retrieved); domain.md §7 q1",
        "D",
        True,
    ),
    (
        "report.submission",
        "Periodic activity and financial report",
        K.CALENDAR_DAYS,
        30,
        AFTER,
        "end of the reporting period",
        UU_17_2013,
        "UU 17/2013 Ps 51(e)(f); frequency unknown, domain.md N8",
        "D",
        True,
    ),
    (
        "meeting.action_item",
        "Meeting follow-up task",
        K.WORKING_DAYS,
        10,
        AFTER,
        "meeting date",
        UU_17_2013,
        "Practice; domain.md §3.12",
        "D",
        True,
    ),
    (
        "agreement.renewal_consultation",
        "MSP renewal consultation with TPOA",
        K.MONTHS,
        6,
        BEFORE,
        "agreement end",
        UU_17_2013,
        "Practice; domain.md N11",
        "D",
        True,
    ),
    (
        "staff.assignment_alert",
        "Foreign staff 4.5-year alert",
        K.MONTHS,
        54,
        AFTER,
        "assignment start",
        UU_17_2013,
        "PP 59/2016 Ps 25; domain.md N9",
        "B",
        False,
    ),
    (
        "staff.passport_expiry",
        "Foreign staff passport renewal reminder",
        K.MONTHS,
        6,
        BEFORE,
        "passport expiry",
        UU_17_2013,
        "Design default (a stay permit needs a passport valid 6 months ahead); domain.md N9",
        "D",
        True,
    ),
    (
        "staff.stay_permit_expiry",
        "Foreign staff stay permit (KITAS) extension reminder",
        K.MONTHS,
        2,
        BEFORE,
        "stay permit expiry",
        UU_17_2013,
        "Design default (extension filed before expiry); domain.md N9 immigration-permit alert",
        "D",
        True,
    ),
    (
        "sanction.written_warning",
        "Written warning compliance period",
        K.WORKING_DAYS,
        7,
        AFTER,
        "warning issued",
        UU_16_2017,
        "UU 16/2017 Ps 62(1); domain.md N10",
        "B",
        False,
    ),
    (
        "sanction.written_warning_legacy",
        "Tiered written warning compliance period (legacy)",
        K.CALENDAR_DAYS,
        30,
        AFTER,
        "warning issued",
        UU_17_2013,
        "UU 17/2013 (original) Ps 62; domain.md N10",
        "A",
        False,
    ),
    # The organization's side of a sanction case (issue 15 §3; docs/dev/sanctions.md): the
    # reply period of a step without a compliance period and the objection route's periods.
    # domain.md §7 q2 leaves the route open: UU 30/2014 Ps 77 by analogy, uncertain (D).
    # The same rows as sanctions' data migration 0003, so load_reference restores them.
    (
        "sanction.reply",
        "Reply to a sanction step without a compliance period",
        K.WORKING_DAYS,
        7,
        AFTER,
        "sanction step issued",
        UU_17_2013,
        "Design default mirroring UU 16/2017 Ps 62(1) (7 working days); domain.md §3.9, §7 q5",
        "D",
        True,
    ),
    (
        "sanction.objection_filing",
        "Objection (keberatan) to a sanction step",
        K.WORKING_DAYS,
        21,
        AFTER,
        "sanction step issued",
        UU_17_2013,
        "Analogue of UU 30/2014 Ps 77(1) (keberatan); Permenlu 11/2020 not retrieved; "
        "domain.md §7 q2",
        "D",
        True,
    ),
    (
        "sanction.objection_decision",
        "Decision on an objection to a sanction step",
        K.WORKING_DAYS,
        10,
        AFTER,
        "objection filed",
        UU_17_2013,
        "Analogue of UU 30/2014 Ps 77(4); Permenlu 11/2020 not retrieved; domain.md §7 q2",
        "D",
        True,
    ),
    (
        "n5.acknowledgement",
        "Regional government's acknowledgement of an N5 notice",
        K.WORKING_DAYS,
        14,
        AFTER,
        "N5 notice sent",
        UU_17_2013,
        "Practice; no period in PP 59/2016 Ps 19(2); domain.md N5, issue 9 §3",
        "D",
        True,
    ),
]


def default_rule(code: str) -> DeadlineRule | None:
    """Version 1 of a shipped rule as an unsaved instance, or None."""
    for row in DEFAULT_RULES:
        if row[0] == code:
            return _rule_from(row)
    return None


def _rule_from(row: tuple) -> DeadlineRule:
    code, name, kind, amount, direction, anchor, valid_from, basis, grade, unsure = row
    return DeadlineRule(
        code=code,
        version=1,
        name=name,
        kind=kind,
        amount=amount,
        direction=direction,
        anchor=anchor,
        valid_from=valid_from,
        legal_basis=basis,
        confidence=grade,
        uncertain=unsure,
    )


def load_default_rules() -> int:
    """Create version 1 of each default rule when the code has no version yet."""
    created = 0
    for row in DEFAULT_RULES:
        if DeadlineRule.objects.filter(code=row[0]).exists():
            continue
        _rule_from(row).save()
        created += 1
    return created


def load_deadline_reference() -> int:
    """The default rules missing from the database (none after the migrations ran)."""
    return load_default_rules()
