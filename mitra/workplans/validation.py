"""The rules a work plan, an activity or a notification must satisfy before it is written.

One place for the HTML forms and the API (both go through the services, which call these):

- containment (domain.md §3.5, N3, N7): RKT ⊆ its RIK ⊆ the agreement ⊆ the organization's izin
  prinsip, and an activity ⊆ its work plan, in time and in space. Every comparison of periods is
  `mitra.core.periods.check_within`, of regions `mitra.core.areas.check_area_within`, and the
  izin prinsip link is the agreements' own rule (`agreements.validation.cover_problems`, which
  asks the licensing app through its hook), so the messages read the same everywhere;
- an RKT covers one calendar year and one region; one RKT per agreement, year and region;
- N5: an activity starts in a region only after Kemendagri and that region's government were
  notified (`missing_notifications`).
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from mitra.agreements.licensing import REFUSE, cover_mode
from mitra.agreements.validation import agreement_area, cover_problems, izin_prinsip_frames
from mitra.core.areas import Area, check_area_within
from mitra.core.currencies import is_currency
from mitra.core.periods import Period, check_within

from .models import AGE_GROUPS, SEXES, Activity, RegionalNotification, WorkPlan

PERIOD = "period"  # the key containment messages are filed under (shown above the form)


@dataclass
class Check:
    errors: dict[str, list[str]] = field(default_factory=dict)
    # Set when a plan like this one exists already (a uniqueness rule): refused with 409.
    duplicate: bool = False

    def error(self, field_name: str, message: str) -> None:
        self.errors.setdefault(field_name, []).append(message)

    def extend(self, field_name: str, messages: list[str]) -> None:
        for message in messages:
            self.error(field_name, message)


# --- the izin prinsip ------------------------------------------------------------------------


def agreement_organizations(agreement: Any) -> list[Any]:
    return [
        party.organization
        for party in agreement.parties.filter(organization__isnull=False).select_related(
            "organization"
        )
    ]


def izin_prinsip_problems(
    *, agreement: Any, start: date | None, end: date | None, label: str
) -> list[str]:
    """The last link of the chain: a work plan of an agreement with an ormas asing lies within
    its izin prinsip (N3, N7). In "warn" mode (migrating legacy records) the agreement itself
    is on the violations list instead, and its work plans are not refused for it."""
    if cover_mode() != REFUSE:
        return []
    organizations = agreement_organizations(agreement)
    return cover_problems(organizations=organizations, start=start, end=end, label=label)


# --- containment ----------------------------------------------------------------------------


def kind_label(kind: str) -> str:
    return _("The RKT") if kind == WorkPlan.Kind.RKT else _("The RIK")


def outer_periods(
    *, kind: str, agreement: Any, parent: WorkPlan | None, on: date | None
) -> list[Period]:
    """The periods a work plan must lie within, innermost first."""
    outers = []
    if kind == WorkPlan.Kind.RKT and parent is not None:
        outers.append(Period(parent.start_date, parent.end_date, _("the RIK")))
    outers.append(Period(agreement.start_date, agreement.end_date, _("the agreement")))
    return outers


def frame_periods(
    *, kind: str, agreement: Any, parent: WorkPlan | None, on: date | None
) -> list[Period]:
    """For the detail page's timeline: `outer_periods` and, widest, the izin prinsip."""
    return outer_periods(kind=kind, agreement=agreement, parent=parent, on=on) + (
        izin_prinsip_frames(organizations=agreement_organizations(agreement), on=on)
    )


def workplan_containment(
    *,
    kind: str,
    agreement: Any,
    parent: WorkPlan | None,
    start: date | None,
    end: date | None,
) -> list[str]:
    """THE containment rule for work plans: RKT ⊆ RIK ⊆ agreement ⊆ izin prinsip.

    Messages for every broken link (empty when the plan fits). Forms, the API and the detail
    page's containment status all call this.
    """
    problems: list[str] = []
    if start and end and end < start:
        return [_("The end date is before the start date.")]
    if kind == WorkPlan.Kind.RKT and start and end and start.year != end.year:
        problems.append(
            _("An RKT covers one calendar year: %(start)s and %(end)s are in different years.")
            % {"start": start.isoformat(), "end": end.isoformat()}
        )
    inner = Period(start, end, kind_label(kind))
    for outer in outer_periods(kind=kind, agreement=agreement, parent=parent, on=start):
        problems += check_within(inner, outer)
    problems += izin_prinsip_problems(
        agreement=agreement, start=start, end=end, label=kind_label(kind)
    )
    return problems


def activity_containment(*, work_plan: WorkPlan, start: date | None, end: date | None) -> list[str]:
    """An activity's dates lie within its work plan's."""
    if start and end and end < start:
        return [_("The end date is before the start date.")]
    label = _("the RKT") if work_plan.is_rkt else _("the RIK")
    return check_within(
        Period(start, end, _("The activity")),
        Period(work_plan.start_date, work_plan.end_date, label),
    )


def check_rkt_region(
    check: Check, *, province: Any, regency: Any, agreement: Any, year: int, exclude_pk: int | None
) -> None:
    if province is None:
        check.error("province", _("An RKT covers one province (and optionally one regency/city)."))
        return
    if regency is not None and regency.province_id != province.pk:
        check.error(
            "regency",
            _("%(regency)s is not in %(province)s.") % {"regency": regency, "province": province},
        )
        return
    # RKT ⊆ MSP in space: the RKT's region lies within the agreement's provinces and
    # regencies/cities (the RIK covers the whole agreement, so it adds no bound).
    rkt_area = Area.of(_("The RKT"), [province], [regency] if regency else [])
    check.extend("province", check_area_within(rkt_area, agreement_area(agreement)))
    duplicates = WorkPlan.objects.filter(
        kind=WorkPlan.Kind.RKT, agreement=agreement, year=year, province=province, regency=regency
    )
    if exclude_pk:
        duplicates = duplicates.exclude(pk=exclude_pk)
    if duplicates.exists():
        check.duplicate = True
        region = f"{regency}, {province}" if regency else str(province)
        check.error(
            PERIOD,
            _("There is already an RKT for %(region)s in %(year)s under this agreement.")
            % {"region": region, "year": year},
        )


# --- activities: locations, beneficiaries, partners, money ----------------------------------


def clean_beneficiaries(value: Any, field_name: str, check: Check) -> dict[str, dict[str, int]]:
    """Counts by sex (female/male) and age group (child/youth/adult/elderly); missing = 0."""
    result = {sex: dict.fromkeys(AGE_GROUPS, 0) for sex in SEXES}
    if value in (None, ""):
        return result
    if not isinstance(value, dict) or set(value) - set(SEXES):
        check.error(field_name, _("Give counts by sex: female and male."))
        return result
    for sex, groups in value.items():
        if not isinstance(groups, dict) or set(groups) - set(AGE_GROUPS):
            check.error(field_name, _("Give counts by age group: child, youth, adult and elderly."))
            return result
        for group, count in groups.items():
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                check.error(field_name, _("Counts are whole numbers, zero or more."))
                return result
            result[sex][group] = count
    return result


def clean_local_partners(value: Any, check: Check) -> list[dict[str, str]]:
    """A list of {"name", "type", "registration"}; the name is required."""
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        check.error("local_partners", _("Give local partners as a list."))
        return []
    partners = []
    for item in value:
        if not isinstance(item, dict) or not str(item.get("name", "")).strip():
            check.error("local_partners", _("Each local partner needs a name."))
            return []
        partners.append(
            {
                "name": str(item["name"]).strip()[:255],
                "type": str(item.get("type", "")).strip()[:100],
                "registration": str(item.get("registration", "")).strip()[:100],
            }
        )
    return partners


def check_currency(check: Check, currency: str) -> None:
    if not is_currency(currency):
        check.error(
            "currency",
            _("%(code)s is not an ISO 4217 currency code.") % {"code": currency or "—"},
        )


def check_amount(check: Check, field_name: str, amount: Decimal | None) -> None:
    if amount is not None and amount < 0:
        check.error(field_name, _("An amount cannot be negative."))


def check_locations(
    check: Check, *, work_plan: WorkPlan, provinces: list[Any], regencies: list[Any]
) -> list[Any]:
    """The activity's provinces (with the regencies' provinces added); inside an RKT's region."""
    all_provinces = {p.pk: p for p in provinces}
    for regency in regencies:
        all_provinces.setdefault(regency.province_id, regency.province)
    if not all_provinces:
        check.error("provinces", _("Give at least one province or regency/city."))
        return []
    # The activity lies within its RKT's region, and within its agreement's regions (an
    # activity of an RIK is bounded by the agreement only).
    inner = Area.of(_("The activity"), all_provinces.values(), regencies)
    if work_plan.is_rkt:
        rkt_area = Area.of(
            _("the RKT"), [work_plan.province], [work_plan.regency] if work_plan.regency_id else []
        )
        check.extend("provinces", check_area_within(inner, rkt_area))
    if "provinces" not in check.errors:
        check.extend("provinces", check_area_within(inner, agreement_area(work_plan.agreement)))
    return list(all_provinces.values())


# --- N5: notifications before activities start in a region ----------------------------------


def kemendagri_key() -> str:
    return settings.MITRA.get("KEMENDAGRI_BODY_KEY", "kemendagri")


def activity_regions(activity: Activity) -> list[tuple[Any, Any]]:
    """(province, regency or None) for each place the activity happens."""
    regencies = list(activity.regencies.all())
    regions: list[tuple[Any, Any]] = []
    for province in activity.provinces.all():
        inside = [r for r in regencies if r.province_id == province.pk]
        regions += [(province, r) for r in inside] or [(province, None)]
    return regions


def missing_notifications(*, activity: Activity, on: date) -> list[str]:
    """Messages for each region of `activity` lacking a notification dated on or before `on`.

    Needed per region, from the agreement's notifications (for all its activities, or for this
    one): one to Kemendagri and one to the regional government. A notification for a whole
    province (no regency) covers every regency/city in it; one for a regency/city covers that
    regency/city.
    """
    notes = list(
        RegionalNotification.objects.filter(
            agreement_id=activity.work_plan.agreement_id, notified_on__lte=on
        ).filter(Q(activity__isnull=True) | Q(activity_id=activity.pk))
    )
    problems = []
    for province, regency in activity_regions(activity):

        def covered(recipient: str, province: Any = province, regency: Any = regency) -> bool:
            return any(
                n.recipient == recipient
                and n.province_id == province.pk
                and (n.regency_id is None or (regency is not None and n.regency_id == regency.pk))
                for n in notes
            )

        region = f"{regency}, {province}" if regency else str(province)
        if not covered(RegionalNotification.Recipient.KEMENDAGRI):
            problems.append(
                _(
                    "The activity cannot start in %(region)s: record the notification of "
                    "Kemendagri for %(region)s first (domain rule N5)."
                )
                % {"region": region}
            )
        if not covered(RegionalNotification.Recipient.REGIONAL_GOVERNMENT):
            body = regional_government_of(province=province, regency=regency)
            problems.append(
                _(
                    "The activity cannot start in %(region)s: record the notification of "
                    "%(body)s first (domain rule N5)."
                )
                % {"region": region, "body": body or _("the regional government")}
            )
    return problems


def regional_government_of(*, province: Any, regency: Any = None) -> Any:
    """The government body of a province or of a regency/city (None when not recorded)."""
    from mitra.bodies.models import GovernmentBody

    if regency is not None:
        return (
            GovernmentBody.objects.filter(
                regency_id=regency.pk,
                kind__in=[
                    GovernmentBody.Kind.REGENCY_GOVERNMENT,
                    GovernmentBody.Kind.CITY_GOVERNMENT,
                ],
            )
            .order_by("id")
            .first()
        )
    return (
        GovernmentBody.objects.filter(
            province_id=province.pk, kind=GovernmentBody.Kind.PROVINCIAL_GOVERNMENT
        )
        .order_by("id")
        .first()
    )


def kemendagri_body() -> Any:
    from mitra.bodies.models import GovernmentBody

    return GovernmentBody.objects.filter(key=kemendagri_key()).first()
