"""Who may see and change sanction cases. Every view and API reads through these."""

from typing import Any

from django.conf import settings
from django.db import models


def secretariat_key() -> str:
    return getattr(settings, "MITRA", {}).get("TPOA_SECRETARIAT", "kemlu")


def oversight_keys() -> list[str]:
    """Agencies that see every case besides the secretariat: Kemendagri (ormas oversight)."""
    return list(getattr(settings, "MITRA", {}).get("SANCTION_OVERSIGHT", ["kemendagri"]))


def is_secretariat(user: Any) -> bool:
    return bool(
        getattr(user, "is_government", False)
        and user.agency is not None
        and user.agency.key == secretariat_key()
    )


# Statuses a representative sees: from persuasion on (the organization has been approached).
REPRESENTATIVE_STATUSES = (
    "persuasion", "written_warning", "cessation_of_activities", "revoked", "lifted", "annulled",
)  # fmt: skip
PUBLIC_STATUSES = ("lifted", "revoked")


class SanctionCaseQuerySet(models.QuerySet["Any"]):
    def visible_to(self, user: Any) -> "SanctionCaseQuerySet":
        """SECURITY: deny by default. One condition per line:

        - operators see every case;
        - the TPOA secretariat (settings.MITRA["TPOA_SECRETARIAT"]) and the oversight agencies
          (settings.MITRA["SANCTION_OVERSIGHT"], default Kemendagri) see every case;
        - another government user sees the cases of organizations their agency has an
          agreement with (owner or party), the cases their agency reported, and the cases of
          organizations of a kind a visibility grant lets their body read (the TPOA members:
          ormas asing; ADR 0015);
        - a representative sees their own organization's cases once the organization has been
          approached (persuasion or later), never a report still being assessed;
        - anyone else sees nothing.
        """
        from mitra.agreements.access import organization_kinds_read_by
        from mitra.agreements.models import Agreement, AgreementParty

        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_operator:
            return self
        if user.is_government and user.agency is not None:
            agency = user.agency
            if agency.key == secretariat_key() or agency.key in oversight_keys():
                return self
            agreements = Agreement.objects.filter(
                models.Q(owner_id=agency.pk)
                | models.Q(
                    pk__in=AgreementParty.objects.filter(agency_id=agency.pk).values("agreement_id")
                )
            ).values("pk")
            partner_orgs = AgreementParty.objects.filter(
                agreement_id__in=agreements, organization_id__isnull=False
            ).values("organization_id")
            condition = models.Q(organization_id__in=partner_orgs) | models.Q(
                reported_by_agency_id=agency.pk
            )
            granted_kinds = organization_kinds_read_by(user.reading_body_ids)
            if granted_kinds:
                condition |= models.Q(organization__kind__in=granted_kinds)
            return self.filter(condition)
        if user.role == user.Role.ORG_REPRESENTATIVE and user.organization_id:
            return self.filter(
                organization_id=user.organization_id, status__in=REPRESENTATIVE_STATUSES
            )
        return self.none()

    def editable_by(self, user: Any) -> "SanctionCaseQuerySet":
        """SECURITY: the secretariat's officers and operators move cases; nobody else."""
        if not getattr(user, "is_authenticated", False) or not user.can_edit_records:
            return self.none()
        if user.is_operator or is_secretariat(user):
            return self
        return self.none()

    def public(self) -> "SanctionCaseQuerySet":
        """SECURITY: concluded with a sanction (lifted after compliance, or revoked), of a
        published organization. Dismissed reports never appear."""
        return self.filter(
            status__in=PUBLIC_STATUSES,
            organization__is_published=True,
        ).exclude(organization__status="archived")
