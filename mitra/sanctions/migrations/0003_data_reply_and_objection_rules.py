"""Data: the periods of the organization's side of a sanction case are deadline rules an
operator can version (docs/dev/sanctions.md): the reply period of a step without a compliance
period, and the objection (keberatan) route's two periods. domain.md §7 q2 leaves the route
open, so the defaults are the general administrative-law route of UU 30/2014 Ps 77 (21 working
days to object, 10 working days to decide), marked uncertain (D). A code that has rows is left
as operators keep it. Nothing is undone on the way back (rules may carry later versions)."""

from datetime import date

from django.db import migrations

UU_17_2013 = date(2013, 7, 22)
# code, name, kind, amount, direction, anchor, valid_from, legal basis, confidence, uncertain
RULES = [
    (
        "sanction.reply",
        "Reply to a sanction step without a compliance period",
        "working_days",
        7,
        "after",
        "sanction step issued",
        UU_17_2013,
        "Design default mirroring UU 16/2017 Ps 62(1) (7 working days); domain.md §3.9, §7 q5",
        "D",
        True,
    ),
    (
        "sanction.objection_filing",
        "Objection (keberatan) to a sanction step",
        "working_days",
        21,
        "after",
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
        "working_days",
        10,
        "after",
        "objection filed",
        UU_17_2013,
        "Analogue of UU 30/2014 Ps 77(4); Permenlu 11/2020 not retrieved; domain.md §7 q2",
        "D",
        True,
    ),
]


def add_rules(apps, schema_editor):
    DeadlineRule = apps.get_model("deadlines", "DeadlineRule")
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


class Migration(migrations.Migration):
    dependencies = [
        ("deadlines", "0004_rules_and_leave_from_package"),
        ("sanctions", "0002_replies_and_objections"),
    ]

    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
