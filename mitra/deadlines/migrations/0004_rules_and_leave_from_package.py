"""Data: every deadline rule the workflow reads has a row operators can version, and the
collective leave days the `holidays` package provides leave the override table.

- A rule code with no row yet gets version 1 (frozen below as shipped with this migration:
  name, period, legal basis and confidence grade from domain.md). Codes with rows are left as
  operators keep them, except the two clocks that drove nothing until now (`verification`,
  `application.query_response`): a version 1 still as first shipped takes domain.md's basis,
  the domestic ormas analogue of UU 17/2013 Ps 17 (15 working days) [C].
- A collective leave day the package lists (public holidays and its "government" category) is
  deleted: the calendar reads it from the package. Days the package does not know stay.
Nothing is undone on the way back: the calendar gives the same days either way.
"""

from datetime import date

from django.db import migrations

# code, name, kind, amount, direction, anchor, valid_from, legal basis, confidence, uncertain
RULES = [
    (
        "permit.extension_filing",
        "Izin prinsip extension filing",
        "months",
        3,
        "before",
        "izin prinsip expiry",
        date(2013, 7, 22),
        "UU 17/2013 Ps 45(3); domain.md N2",
        "A",
        False,
    ),
    (
        "permit.extension_window",
        "Izin prinsip extension window opens",
        "months",
        6,
        "before",
        "izin prinsip expiry",
        date(2013, 7, 22),
        "Reminder cadence from T-6 months; domain.md N2",
        "D",
        True,
    ),
    (
        "permit.max_validity",
        "Izin prinsip maximum validity",
        "months",
        36,
        "after",
        "izin prinsip start",
        date(2013, 7, 22),
        "UU 17/2013 Ps 45(2); domain.md N1",
        "A",
        False,
    ),
    (
        "application.query_response",
        "Applicant's answer to a secretariat query",
        "working_days",
        15,
        "after",
        "query sent",
        date(2013, 7, 22),
        (
            "Domestic ormas analogue UU 17/2013 Ps 17 (15 working days to complete); "
            "domain.md §3.2 rows 3 and 3a, §7 q1"
        ),
        "C",
        True,
    ),
    (
        "verification",
        "Secretariat verification of a submitted application",
        "working_days",
        15,
        "after",
        "application submitted or answered",
        date(2013, 7, 22),
        (
            "Domestic ormas analogue UU 17/2013 Ps 17 (15 working days to verify); "
            "PP 59/2016 limit not retrieved; domain.md §3.2 row 3, §7 q1"
        ),
        "C",
        True,
    ),
    (
        "review.member_opinion",
        "TPOA member agency opinion",
        "working_days",
        15,
        "after",
        "application circulated",
        date(2013, 7, 22),
        "Permenlu 11/2020 (not retrieved); domain.md §7 q2",
        "D",
        True,
    ),
    (
        "decision",
        "Minister's decision",
        "working_days",
        30,
        "after",
        "TPOA recommendation",
        date(2013, 7, 22),
        "PP 59/2016 (time limit not retrieved); domain.md §7 q1",
        "D",
        True,
    ),
    (
        "report.submission",
        "Periodic activity and financial report",
        "calendar_days",
        30,
        "after",
        "end of the reporting period",
        date(2013, 7, 22),
        "UU 17/2013 Ps 51(e)(f); frequency unknown, domain.md N8",
        "D",
        True,
    ),
    (
        "meeting.action_item",
        "Meeting follow-up task",
        "working_days",
        10,
        "after",
        "meeting date",
        date(2013, 7, 22),
        "Practice; domain.md §3.12",
        "D",
        True,
    ),
    (
        "agreement.renewal_consultation",
        "MSP renewal consultation with TPOA",
        "months",
        6,
        "before",
        "agreement end",
        date(2013, 7, 22),
        "Practice; domain.md N11",
        "D",
        True,
    ),
    (
        "staff.assignment_alert",
        "Foreign staff 4.5-year alert",
        "months",
        54,
        "after",
        "assignment start",
        date(2013, 7, 22),
        "PP 59/2016 Ps 25; domain.md N9",
        "B",
        False,
    ),
    (
        "sanction.written_warning",
        "Written warning compliance period",
        "working_days",
        7,
        "after",
        "warning issued",
        date(2017, 7, 10),
        "UU 16/2017 Ps 62(1); domain.md N10",
        "B",
        False,
    ),
    (
        "sanction.written_warning_legacy",
        "Tiered written warning compliance period (legacy)",
        "calendar_days",
        30,
        "after",
        "warning issued",
        date(2013, 7, 22),
        "UU 17/2013 (original) Ps 62; domain.md N10",
        "A",
        False,
    ),
    (
        "n5.acknowledgement",
        "Regional government's acknowledgement of an N5 notice",
        "working_days",
        14,
        "after",
        "N5 notice sent",
        date(2013, 7, 22),
        "Practice; no period in PP 59/2016 Ps 19(2); domain.md N5, issue 9 §3",
        "D",
        True,
    ),
]

# The first shipped text of the two clocks whose basis changes (matched exactly: an operator's
# edit is kept).
FIRST_SHIPPED = {
    "verification": (10, "PP 59/2016 (time limit not retrieved); domain.md §7 q1", "D"),
    "application.query_response": (15, "Practice; domain.md §7 q1", "D"),
}


def add_rules(apps, schema_editor):
    DeadlineRule = apps.get_model("deadlines", "DeadlineRule")
    shipped = {row[0]: row for row in RULES}
    for code, name, kind, amount, direction, anchor, valid_from, basis, grade, unsure in RULES:
        if DeadlineRule.objects.filter(code=code).exists():
            continue
        DeadlineRule.objects.create(
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
    for code, (amount, basis, grade) in FIRST_SHIPPED.items():
        row = shipped[code]
        DeadlineRule.objects.filter(
            code=code, version=1, amount=amount, legal_basis=basis, confidence=grade
        ).update(amount=row[3], anchor=row[5], legal_basis=row[7], confidence=row[8])


def drop_leave_days_the_package_knows(apps, schema_editor):
    import holidays
    from holidays.constants import GOVERNMENT, PUBLIC

    CollectiveLeaveDay = apps.get_model("deadlines", "CollectiveLeaveDay")
    years = sorted({d.year for d in CollectiveLeaveDay.objects.values_list("date", flat=True)})
    if not years:
        return
    known = holidays.country_holidays("ID", years=years, categories=(PUBLIC, GOVERNMENT))
    CollectiveLeaveDay.objects.filter(date__in=list(known), day_off=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("deadlines", "0003_collective_leave_day_off"),
    ]

    operations = [
        migrations.RunPython(add_rules, migrations.RunPython.noop),
        migrations.RunPython(drop_leave_days_the_package_knows, migrations.RunPython.noop),
    ]
