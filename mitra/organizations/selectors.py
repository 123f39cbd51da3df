"""Reading the registry."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from .models import ForeignOrganization


def organization_list(
    *,
    viewer: Any,
    q: str = "",
    kind: str = "",
    country: str = "",
    sector: int | None = None,
    status: str = "",
) -> QuerySet[ForeignOrganization]:
    """The registry is shared among government users; representatives see their own only."""
    qs = organization_visible_qs(viewer)
    if q:
        qs = qs.search(q)
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if country:
        qs = qs.filter(country=country.upper())
    if sector:
        qs = qs.filter(sectors__id=sector)
    return qs.order_by("legal_name", "id")


def organization_visible_qs(viewer: Any) -> Any:
    """SECURITY: government users and operators see the whole registry (it is a shared
    reference); a foreign organization's representative sees only their organization."""
    if not getattr(viewer, "is_authenticated", False) or not viewer.is_active:
        return ForeignOrganization.objects.none()
    if viewer.is_operator or viewer.is_government:
        return ForeignOrganization.objects.all()
    if viewer.organization_id:
        return ForeignOrganization.objects.filter(pk=viewer.organization_id)
    return ForeignOrganization.objects.none()


def organization_suspension_message(*, organization_ids: list[int]) -> str | None:
    """The refusal for new agreements or work plans when a party is suspended by a sanction's
    cessation of activities (domain.md §3.9); None when every party may start new work."""
    from django.utils.translation import gettext as _

    suspended = ForeignOrganization.objects.filter(
        pk__in=organization_ids, status=ForeignOrganization.Status.SUSPENDED
    ).first()
    if suspended is None:
        return None
    return _("%(name)s is suspended by a sanction and cannot start new agreements.") % {
        "name": suspended.display_name
    }


def organization_get_for_user(*, user: Any, pk: int) -> ForeignOrganization:
    org = (
        organization_visible_qs(user)
        .prefetch_related("sectors", "people", "regions")
        .filter(pk=pk)
        .first()
    )
    if org is None:
        raise Http404
    return org


def change_notices_for(*, organization: ForeignOrganization) -> Any:
    """Every change notice of an organization (already scoped by organization_get_for_user),
    newest first, with who filed and who decided (one query)."""
    from .models import ChangeNotice

    return ChangeNotice.objects.filter(organization=organization).select_related(
        "created_by", "decided_by"
    )


def change_notice_get(*, organization: ForeignOrganization, pk: int) -> Any:
    """SECURITY: a notice of an organization the user may see (404 otherwise)."""
    notice = change_notices_for(organization=organization).filter(pk=pk).first()
    if notice is None:
        raise Http404
    return notice


def change_values_display(notice: Any, values: dict[str, Any]) -> list[tuple[str, str]]:
    """(label, text) rows for a notice's before or after values, names for ids."""
    from mitra.regions.models import Province

    from .models import Sector

    labels = {
        "indonesian_office": _("Indonesian office"),
        "headquarters": _("Headquarters"),
        "email": _("Contact email"),
        "phone": _("Contact phone"),
        "website": _("Website"),
        "representative": _("Head of the representative office"),
        "country_director": _("Country director"),
        "funding_sources": _("Sources of funds"),
        "sectors": _("Sectors"),
        "regions": _("Regions of activity"),
    }
    rows = []
    for name, value in values.items():
        if name in ("sectors", "regions"):
            model: Any = Sector if name == "sectors" else Province
            text = ", ".join(str(o) for o in model.objects.filter(pk__in=value or []))
        else:
            text = str(value or "")
        rows.append((str(labels.get(name, name)), text or "—"))
    return rows
