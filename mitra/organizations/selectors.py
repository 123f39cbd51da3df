"""Reading the registry."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from .models import ForeignOrganization


def organization_list(
    *, viewer: Any, q: str = "", kind: str = "", country: str = "", sector: int | None = None
) -> QuerySet[ForeignOrganization]:
    """The registry is shared among government users; representatives see their own only."""
    qs = organization_visible_qs(viewer)
    if q:
        qs = qs.search(q)
    if kind:
        qs = qs.filter(kind=kind)
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
    org = organization_visible_qs(user).prefetch_related("sectors", "people").filter(pk=pk).first()
    if org is None:
        raise Http404
    return org
