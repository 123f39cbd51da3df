"""Change notices as the notification system tells them (issue 15 §1).

The registry (`mitra.organizations`) sits below notifications, so its services call the hook
`organizations.hooks.change_notice_told(event, notice, actor)`; `PermitsConfig.ready()`
installs `tell` below, which calls `notify`. Who is told:

- filed (awaiting acceptance) or noted (in effect at once): the TPOA secretariat;
- accepted or refused: the organization's representatives;
- an accepted change of regions (or one in effect at once, if the change table says so): the
  regional governments (with their units, e.g. Kesbangpol) of every province added or dropped,
  and Kemendagri's Ditjen Polpum: the N5 notice (PP 59/2016 Ps 19(2); domain.md N5).
"""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mitra.bodies.models import GovernmentBody
from mitra.notifications.recipients import agency_officials, officials_of, representatives_of
from mitra.notifications.registry import Event, register_event
from mitra.notifications.services import notify
from mitra.organizations.models import ChangeNotice

from .roles import secretariat_key

CHANGE_FILED = "organizations.change_filed"
CHANGE_NOTED = "organizations.change_noted"
CHANGE_ACCEPTED = "organizations.change_accepted"
CHANGE_REFUSED = "organizations.change_refused"
REGIONS_CHANGED = "organizations.regions_changed"
POLPUM_KEY = "kemendagri-ditjen-polpum"  # Kemendagri's Ditjen Polpum (domain.md N5)

_EVENTS = {
    "filed": CHANGE_FILED,
    "noted": CHANGE_NOTED,
    "accepted": CHANGE_ACCEPTED,
    "refused": CHANGE_REFUSED,
}


def concerned_provinces(notice: ChangeNotice) -> list[int]:
    """The provinces a change of regions adds or drops."""
    if notice.kind != ChangeNotice.Kind.REGIONS:
        return []
    before = set(notice.previous.get("regions") or [])
    after = set(notice.proposed.get("regions") or [])
    return sorted(before ^ after)


def tell(event: str, notice: ChangeNotice, actor: Any) -> None:
    """The hook the registry calls (organizations.hooks)."""
    notify(event=_EVENTS[event], subject=notice, actor=actor, key=event)
    if event in ("accepted", "noted") and concerned_provinces(notice):
        notify(event=REGIONS_CHANGED, subject=notice, actor=actor)


# --- who ------------------------------------------------------------------------------------


def secretariat(notice: ChangeNotice, context: dict[str, Any]) -> Any:
    return agency_officials([secretariat_key("tpoa")])


def representatives(notice: ChangeNotice, context: dict[str, Any]) -> Any:
    return representatives_of([notice.organization_id])


def regional_governments(notice: ChangeNotice, context: dict[str, Any]) -> Any:
    """The governments of the provinces concerned (with their units) and Ditjen Polpum."""
    bodies = GovernmentBody.objects.filter(
        province_id__in=concerned_provinces(notice),
        kind=GovernmentBody.Kind.PROVINCIAL_GOVERNMENT,
    ).values_list("pk", flat=True)
    return officials_of(list(bodies)) | agency_officials([POLPUM_KEY])


# --- what -----------------------------------------------------------------------------------


def params(notice: ChangeNotice, context: dict[str, Any]) -> dict[str, Any]:
    from mitra.regions.models import Province

    names = Province.objects.filter(pk__in=concerned_provinces(notice)).values_list(
        "name", flat=True
    )
    return {
        "organization": notice.organization.legal_name,
        "kind": str(notice.get_kind_display()),
        "regions": ", ".join(names),
    }


def url(notice: ChangeNotice, context: dict[str, Any]) -> str:
    return reverse("organizations:change_detail", args=[notice.organization_id, notice.pk])


def public_url(notice: ChangeNotice, context: dict[str, Any]) -> str:
    return reverse("organizations:detail", args=[notice.organization_id])


def register() -> None:
    from mitra.organizations.hooks import register_change_notifier

    for event in (
        Event(
            name=CHANGE_FILED,
            label=_("An organization reported a change for acceptance"),
            recipients=secretariat,
            title=_("%(organization)s reported a change (%(kind)s) for your acceptance"),
            params=params,
            url=url,
        ),
        Event(
            name=CHANGE_NOTED,
            label=_("An organization reported a change in effect at once"),
            recipients=secretariat,
            title=_("%(organization)s reported a change (%(kind)s), in effect at once"),
            params=params,
            url=url,
        ),
        Event(
            name=CHANGE_ACCEPTED,
            label=_("A reported change was accepted"),
            recipients=representatives,
            title=_("The secretariat accepted your change (%(kind)s)"),
            params=params,
            url=url,
        ),
        Event(
            name=CHANGE_REFUSED,
            label=_("A reported change was refused"),
            recipients=representatives,
            title=_("The secretariat refused your change (%(kind)s)"),
            params=params,
            url=url,
        ),
        Event(
            name=REGIONS_CHANGED,
            label=_("An organization's regions of activity changed (N5)"),
            recipients=regional_governments,
            title=_("N5: %(organization)s changed its regions of activity (%(regions)s)"),
            params=params,
            url=public_url,
        ),
    ):
        register_event(event)
    register_change_notifier(tell)
