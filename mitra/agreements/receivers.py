"""Keep the agreement's copies of party names, kinds and agencies current (search-index upkeep),
and the access rows derived from them (ADR 0012, 0015)."""

from typing import Any

from django.db import transaction
from django.dispatch import receiver

from mitra.bodies.signals import bodies_reloaded
from mitra.organizations.signals import organization_kind_changed, organization_names_changed

from .access import agreement_refresh_access
from .models import Agreement, AgreementParty


def refresh_denormalised(agreement_ids: list[int]) -> int:
    """Recompute partner names, partner kind and search text of these agreements."""
    from .services import _denormalise

    count = 0
    for agreement in Agreement.objects.filter(pk__in=agreement_ids):
        _denormalise(agreement)
        agreement.save(update_fields=["partner_names", "partner_kind", "search_text"])
        count += 1
    return count


@receiver(organization_names_changed)
def on_organization_names_changed(sender: Any, organization_id: int, **kwargs: Any) -> None:
    ids = list(
        AgreementParty.objects.filter(organization_id=organization_id).values_list(
            "agreement_id", flat=True
        )
    )
    refresh_denormalised(ids)


@receiver(organization_kind_changed)
def on_organization_kind_changed(sender: Any, organization_id: int, **kwargs: Any) -> None:
    """SECURITY: the kind decides which visibility grants apply (ormas asing → TPOA members,
    multilateral → the working group): refresh the access rows, then the partner kind."""
    ids = list(
        AgreementParty.objects.filter(organization_id=organization_id).values_list(
            "agreement_id", flat=True
        )
    )
    agreement_refresh_access(ids)
    refresh_denormalised(ids)


@receiver(bodies_reloaded)
def on_bodies_reloaded(sender: Any, **kwargs: Any) -> None:
    """SECURITY: a body moved under another parent changes who sees its agreements, so the
    party's top-level agency is recomputed; then the search text."""
    with transaction.atomic():
        changed: list[int] = []
        for party in AgreementParty.objects.filter(body__isnull=False).select_related("body"):
            root = party.body.root()  # type: ignore[union-attr]
            if party.agency_id != root.pk:
                party.agency = root
                party.save(update_fields=["agency"])
                changed.append(party.agreement_id)
        agreement_refresh_access(changed)
        refresh_denormalised(changed)
