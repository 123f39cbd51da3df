"""The foreign staff reminder rules (version 1, as mitra.deadlines.reference ships them): the
passport and stay-permit expiry reminders. The 4.5-year alert (`staff.assignment_alert`) came
with deadlines/0004."""

from datetime import date

from django.db import migrations

RULES = [
    (
        "staff.passport_expiry",
        "Foreign staff passport renewal reminder",
        6,
        "passport expiry",
        "Design default (a stay permit needs a passport valid 6 months ahead); domain.md N9",
    ),
    (
        "staff.stay_permit_expiry",
        "Foreign staff stay permit (KITAS) extension reminder",
        2,
        "stay permit expiry",
        "Design default (extension filed before expiry); domain.md N9 immigration-permit alert",
    ),
]


def add_rules(apps, schema_editor):
    DeadlineRule = apps.get_model("deadlines", "DeadlineRule")
    for code, name, months, anchor, basis in RULES:
        if DeadlineRule.objects.filter(code=code).exists():
            continue
        DeadlineRule.objects.create(
            code=code,
            version=1,
            name=name,
            kind="months",
            amount=months,
            direction="before",
            anchor=anchor,
            valid_from=date(2013, 7, 22),
            legal_basis=basis,
            confidence="D",
            uncertain=True,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_foreign_staff_people"),
        ("deadlines", "0004_rules_and_leave_from_package"),
    ]

    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
