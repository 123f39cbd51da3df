"""Flag the agreements in force that lack their ormas asing partner's izin prinsip (N3/N4).

Records written before the rule was enforced may break it; the flag puts them on the
secretariat's violations list at once rather than after the first daily job, which re-checks
every such agreement and writes its full message. The rule is copied here, in its simplest
form, rather than imported from app code (conventions §3.11): izin prinsip that are active or
expired count for their own period, extensions that follow without a gap as one span.
"""

from django.db import migrations

IN_FORCE = ("signed", "active")


def spans(periods):
    merged = []
    for start, end, number in sorted(periods):
        if merged and (start - merged[-1][1]).days <= 1:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end, f"{merged[-1][2]}, {number}")
            continue
        merged.append((start, end, number))
    return merged


def problem(agreement, organization, periods):
    point = agreement.start_date or agreement.signing_date
    if point is None:
        return ""
    if organization.status == "suspended":
        return f"{organization.legal_name} is suspended: its izin prinsip gives no cover."
    span = next((s for s in spans(periods) if s[0] <= point <= s[1]), None)
    if span is None:
        return f"{organization.legal_name} holds no izin prinsip valid on {point.isoformat()}."
    if agreement.end_date and agreement.end_date > span[1]:
        return (
            f"The agreement ends on {agreement.end_date.isoformat()}, after the izin prinsip "
            f"{span[2]} of {organization.legal_name} ends ({span[1].isoformat()})."
        )
    return ""


def backfill(apps, schema_editor):
    Agreement = apps.get_model("agreements", "Agreement")
    AgreementParty = apps.get_model("agreements", "AgreementParty")
    Permit = apps.get_model("permits", "Permit")
    parties = AgreementParty.objects.filter(
        agreement__status__in=IN_FORCE, organization__kind="foreign_ngo"
    ).select_related("agreement", "organization")
    periods = {}
    for organization_id, start, end, number in Permit.objects.filter(
        status__in=["active", "expired"]
    ).values_list("organization_id", "valid_from", "valid_until", "number"):
        periods.setdefault(organization_id, []).append((start, end, number))
    flags = {}
    for party in parties.iterator():
        found = problem(party.agreement, party.organization, periods.get(party.organization_id, []))
        if found:
            flags.setdefault(party.agreement_id, []).append(found)
    for agreement_id, found in flags.items():
        Agreement.objects.filter(pk=agreement_id).update(cover_problem=" ".join(found))


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0010_cover_problem"),
        ("permits", "0001_licensing"),
    ]

    # Reversing drops the column in 0010; nothing to undo here.
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
