"""Who may read each agreement, recomputed from scratch in plain Python, apart from the SQL of
`mitra.agreements.access`: the owner, the parties' agencies, the sharing and the visibility
grants in force, read straight from their definitions (ADR 0011, 0015). Tests compare the
access table and `visible_to` with this."""

from datetime import date
from typing import Any

from django.conf import settings

from mitra.agreements.models import Agreement
from mitra.bodies.models import GovernmentBody
from mitra.grants.models import VisibilityGrant
from mitra.grants.reference import DEFAULT_GRANTS

REGIONAL = {"provincial_government", "regency_government", "city_government"}


def grants_on(on: date) -> list[VisibilityGrant]:
    """Per code, the active version with the latest valid_from on or before `on`."""
    best: dict[str, VisibilityGrant] = {}
    rows = list(VisibilityGrant.objects.all())
    if not rows:  # the shipped defaults apply while the table is empty
        rows = [VisibilityGrant(code=r["code"], **{k: v for k, v in r.items() if k != "code"})
                for r in DEFAULT_GRANTS]  # fmt: skip
    for grant in (g for g in rows if g.active):
        if grant.valid_from > on:
            continue
        held = best.get(grant.code)
        if held is None or (grant.valid_from, grant.version) > (held.valid_from, held.version):
            best[grant.code] = grant
    return list(best.values())


def grantee_ids(grant: VisibilityGrant) -> set[int]:
    keys = list(grant.grantee_keys)
    if grant.grantee_setting:
        keys += list(settings.MITRA.get(grant.grantee_setting, []))
    return set(GovernmentBody.objects.filter(key__in=keys).values_list("pk", flat=True))


def readers(on: date) -> dict[int, set[int]]:
    """agreement id → the bodies whose users (and their units' users) may read it."""
    grants = grants_on(on)
    bodies = list(GovernmentBody.objects.all())
    provincial = [b for b in bodies if b.kind == "provincial_government"]
    local = [b for b in bodies if b.kind in ("regency_government", "city_government")]
    result: dict[int, set[int]] = {}
    agreements = Agreement.objects.select_related("owner").prefetch_related(
        "parties__organization", "parties__body", "shared_with", "provinces", "regencies",
        "meetings__invited__body", "meetings__attendees__body", "meetings__organizer",
    )  # fmt: skip
    for agreement in agreements:
        who = {agreement.owner_id}
        parties = list(agreement.parties.all())
        who |= {p.body.root().pk for p in parties if p.body is not None}
        who |= {b.pk for b in agreement.shared_with.all()}
        kinds = {p.organization.kind for p in parties if p.organization is not None}
        provinces = {p.pk for p in agreement.provinces.all()}
        regencies = list(agreement.regencies.all())
        named_region = bool(provinces or regencies)
        for grant in grants:
            rule = grant.rule
            if rule == "org_kind" and kinds & set(grant.organization_kinds):
                who |= grantee_ids(grant)
            elif rule == "regional_ormas":
                wanted = set(grant.organization_kinds) or {"foreign_ngo"}
                if named_region and kinds & wanted:
                    who |= grantee_ids(grant)
            elif rule == "regional_cooperation" and agreement.owner.kind in REGIONAL:
                who |= grantee_ids(grant)
            elif rule == "territory":
                in_provinces = provinces | {r.province_id for r in regencies}
                who |= {b.pk for b in provincial if b.province_id in in_provinces}
                who |= {b.pk for b in local if b.regency_id in {r.pk for r in regencies}}
            elif rule == "meeting_agenda":
                for meeting in agreement.meetings.all():
                    who.add(meeting.organizer.root().pk)
                    who |= {i.body.root().pk for i in meeting.invited.all() if i.body}
                    who |= {a.body.root().pk for a in meeting.attendees.all() if a.body}
        result[agreement.pk] = who
    return result


def chain(body: GovernmentBody | None) -> set[int]:
    ids = set()
    while body is not None:
        ids.add(body.pk)
        body = body.parent
    return ids


def visible_ids(user: Any, table: dict[int, set[int]]) -> set[int]:
    """What `visible_to` must give a government user: agreements whose readers include the
    user's body or a body above it."""
    mine = chain(user.body)
    return {pk for pk, who in table.items() if who & mine}
