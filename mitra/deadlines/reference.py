"""Reference data of the deadlines app, loaded idempotently by `load_reference` and `load_demo`:
the default deadline rules (domain.md §5) and the official collective leave days 2024–2026."""

from datetime import date

from .models import CollectiveLeaveDay, DeadlineRule

# Cuti bersama decreed by joint decrees (SKB) of the Minister of Religious Affairs, the Minister
# of Manpower and the Minister of Administrative Reform: 2024 SKB No. 855/2023, 3/2023, 4/2023;
# 2025 SKB No. 1017/2024, 2/2024, 2/2024 (18 Aug 2025 added by SKB of 8 Aug 2025); 2026 SKB of
# 19 Sep 2025. Cross-checked against the `holidays` package's "government" category
# (holidays 0.109). Operators add later years in the admin.
COLLECTIVE_LEAVE_SOURCE = "SKB 3 Menteri tentang Hari Libur Nasional dan Cuti Bersama"
COLLECTIVE_LEAVE_DAYS: list[tuple[date, str]] = [
    (date(2024, 2, 9), "Cuti bersama Tahun Baru Imlek"),
    (date(2024, 3, 12), "Cuti bersama Hari Suci Nyepi"),
    (date(2024, 4, 8), "Cuti bersama Idul Fitri"),
    (date(2024, 4, 9), "Cuti bersama Idul Fitri"),
    (date(2024, 4, 12), "Cuti bersama Idul Fitri"),
    (date(2024, 4, 15), "Cuti bersama Idul Fitri"),
    (date(2024, 5, 10), "Cuti bersama Kenaikan Yesus Kristus"),
    (date(2024, 5, 24), "Cuti bersama Hari Raya Waisak"),
    (date(2024, 6, 18), "Cuti bersama Idul Adha"),
    (date(2024, 12, 26), "Cuti bersama Hari Raya Natal"),
    (date(2025, 1, 28), "Cuti bersama Tahun Baru Imlek"),
    (date(2025, 3, 28), "Cuti bersama Hari Suci Nyepi"),
    (date(2025, 4, 2), "Cuti bersama Idul Fitri"),
    (date(2025, 4, 3), "Cuti bersama Idul Fitri"),
    (date(2025, 4, 4), "Cuti bersama Idul Fitri"),
    (date(2025, 4, 7), "Cuti bersama Idul Fitri"),
    (date(2025, 5, 13), "Cuti bersama Hari Raya Waisak"),
    (date(2025, 5, 30), "Cuti bersama Kenaikan Yesus Kristus"),
    (date(2025, 6, 9), "Cuti bersama Idul Adha"),
    (date(2025, 8, 18), "Cuti bersama Hari Kemerdekaan"),
    (date(2025, 12, 26), "Cuti bersama Hari Raya Natal"),
    (date(2026, 2, 16), "Cuti bersama Tahun Baru Imlek"),
    (date(2026, 3, 18), "Cuti bersama Hari Suci Nyepi"),
    (date(2026, 3, 20), "Cuti bersama Idul Fitri"),
    (date(2026, 3, 23), "Cuti bersama Idul Fitri"),
    (date(2026, 3, 24), "Cuti bersama Idul Fitri"),
    (date(2026, 5, 15), "Cuti bersama Kenaikan Yesus Kristus"),
    (date(2026, 5, 28), "Cuti bersama Idul Adha"),
    (date(2026, 12, 24), "Cuti bersama Hari Raya Natal"),
]

UU_17_2013 = date(2013, 7, 22)
UU_16_2017 = date(2017, 7, 10)  # Perppu 2/2017 (in force from 10 July 2017), enacted as UU 16/2017

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
        "Practice; domain.md §7 q1",
        "D",
        True,
    ),
    (
        "verification",
        "Secretariat verification of a submitted application",
        K.WORKING_DAYS,
        10,
        AFTER,
        "application submitted",
        UU_17_2013,
        "PP 59/2016 (time limit not retrieved); domain.md §7 q1",
        "D",
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


def load_collective_leave_days() -> int:
    """Create the listed days that are missing; never overwrite an operator's edit."""
    from .calendar import clear_cache

    created = 0
    for day, name in COLLECTIVE_LEAVE_DAYS:
        _, was_created = CollectiveLeaveDay.objects.get_or_create(
            date=day, defaults={"name": name, "source": COLLECTIVE_LEAVE_SOURCE}
        )
        created += was_created
    clear_cache()
    return created


def default_rule(code: str) -> DeadlineRule | None:
    """Version 1 of a shipped rule as an unsaved instance, or None."""
    for row in DEFAULT_RULES:
        if row[0] == code:
            return _rule_from(row)
    return None


def _rule_from(row: tuple) -> DeadlineRule:  # type: ignore[type-arg]
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


def load_deadline_reference() -> tuple[int, int]:
    return load_collective_leave_days(), load_default_rules()
