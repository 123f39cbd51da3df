"""Agreement querysets: who may see what. Every view and API reads through these."""

from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Exists, OuterRef

if TYPE_CHECKING:
    pass


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def visible_to(self, user: Any) -> "AgreementQuerySet":
        """SECURITY: deny by default. One condition per line:

        - operators see everything;
        - a government user sees agreements their agency owns, is party to, or that were
          shared with it (drafts included: they are its own);
        - a foreign organization's representative sees agreements their organization is
          party to, but not drafts under negotiation;
        - anyone else sees nothing here (the public uses `.public()`).
        """
        from .models import AgreementParty

        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_operator:
            return self
        if user.is_government and user.agency is not None:
            agency_id = user.agency.pk
            party_of_agency = AgreementParty.objects.filter(
                agreement=OuterRef("pk"), agency_id=agency_id
            )
            shared = self.model.shared_with.through.objects.filter(
                agreement=OuterRef("pk"), governmentbody_id=agency_id
            )
            return self.filter(
                models.Q(owner_id=agency_id) | Exists(party_of_agency) | Exists(shared)
            )
        if user.role == user.Role.ORG_REPRESENTATIVE and user.organization_id:
            party_of_org = AgreementParty.objects.filter(
                agreement=OuterRef("pk"), organization_id=user.organization_id
            )
            return self.filter(Exists(party_of_org)).exclude(
                status__in=[self.model.Status.DRAFT, self.model.Status.UNDER_REVIEW]
            )
        return self.none()

    def editable_by(self, user: Any) -> "AgreementQuerySet":
        """SECURITY: officers change only their own agency's agreements; operators any."""
        if not getattr(user, "is_authenticated", False) or not user.can_edit_records:
            return self.none()
        if user.is_operator:
            return self
        return self.filter(owner_id=user.agency.pk)

    def public(self) -> "AgreementQuerySet":
        """SECURITY: what anyone may see: active agreements. No drafts, nothing internal."""
        return self.filter(status=self.model.Status.ACTIVE)
