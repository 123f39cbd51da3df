"""Agreement querysets: who may see what. Every view and API reads through these."""

from typing import TYPE_CHECKING, Any

from django.db import models

from mitra.accounts.ownership import editable_owner_q, user_may_edit_any

if TYPE_CHECKING:
    # The models name the QuerySet["..."] bases below (strings ruff does not read as a use).
    from .models import Agreement  # noqa: F401


def _readable_by_bodies(body_ids: list[int]) -> models.QuerySet:
    """SECURITY: the agreements whose access rows name one of these bodies: one indexed lookup
    (`agency_id IN (...)` on the (agency, agreement) unique index)."""
    from .models import AgreementAccess

    return AgreementAccess.objects.filter(agency_id__in=body_ids).values("agreement_id")


def visible_agreement_ids(user: Any) -> models.QuerySet:
    """SECURITY: the ids of the agreements `user` may see (exactly `visible_to`), as the
    leanest subquery for `agreement_id__in=`: for a government user the access rows alone.
    (Through `visible_to` PostgreSQL also read the whole agreement key index, 6 ms at
    national scale, in every query of a dashboard.)"""
    from .models import Agreement

    is_government_user = (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and not user.is_operator
        and user.is_government
        and user.agency is not None
    )
    if is_government_user:
        return _readable_by_bodies(user.reading_body_ids)
    return Agreement.objects.visible_to(user).values("pk")


def visible_agreement_count(user: Any) -> int:
    """How many agreements `user` may see (exactly `visible_to(user).count()`), counted for a
    government user on the access rows' own index: `COUNT(DISTINCT agreement_id)` (one
    agreement may have a row for the user's body and one for a body above it), without the
    join to the agreements (every access row names one: the foreign key cascades). At
    national scale 8 ms instead of 40-60 ms on PostgreSQL for a ministry officer."""
    from .models import AgreementAccess

    ids = visible_agreement_ids(user)
    if ids.model is not AgreementAccess:  # operators, representatives: the agreements
        return ids.count()
    return int(ids.aggregate(n=models.Count("agreement_id", distinct=True))["n"])


def owned_agreement_ids(user: Any) -> models.QuerySet:
    """SECURITY: the ids of the agreements that are the user's own work: their agency owns
    them, is party to them, or they were shared with it (operators: all; representatives:
    what they see). A visibility grant lets a body read more; dashboards and deadlines count
    only these (AgreementAccess.own)."""
    from .models import AgreementAccess

    is_government_user = (
        getattr(user, "is_authenticated", False)
        and user.is_active
        and not user.is_operator
        and user.is_government
        and user.agency is not None
    )
    if is_government_user:
        return AgreementAccess.objects.filter(agency_id=user.agency.pk, own=True).values(
            "agreement_id"
        )
    return visible_agreement_ids(user)


class AgreementQuerySet(models.QuerySet["Agreement"]):
    def visible_to(self, user: Any) -> "AgreementQuerySet":
        """SECURITY: deny by default. One condition per line:

        - operators see everything;
        - a government user sees agreements their agency owns, is party to, or that were
          shared with it (drafts included: they are its own), and those a visibility grant
          gives their body or a body above it (read only; ADR 0015);
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
            # One indexed lookup: AgreementAccess holds owner, party agencies, sharing and the
            # visibility grants (ADR 0015), for the user's body or any body above it.
            return self.filter(pk__in=_readable_by_bodies(user.reading_body_ids))
        if user.role == user.Role.ORG_REPRESENTATIVE and user.organization_id:
            party_of_org = AgreementParty.objects.filter(
                organization_id=user.organization_id
            ).values("agreement_id")
            return self.filter(pk__in=party_of_org).exclude(
                status__in=[self.model.Status.DRAFT, self.model.Status.UNDER_REVIEW]
            )
        return self.none()

    def visible_to_each(self, user: Any) -> "AgreementQuerySet":
        """SECURITY: exactly `visible_to`, with a government user's access rows probed for each
        row (EXISTS on the (agency, agreement) index) instead of listed: for querysets an
        index narrows first to few rows (the flagged agreements, one organization's), where
        listing a big agency's or a grant's tens of thousands of access rows costs more than
        the rest of the query."""
        if (
            getattr(user, "is_authenticated", False)
            and user.is_active
            and not user.is_operator
            and user.is_government
            and user.agency is not None
        ):
            access = _readable_by_bodies(user.reading_body_ids).filter(
                agreement_id=models.OuterRef("pk")
            )
            return self.filter(models.Exists(access))
        return self.visible_to(user)

    def owned_by_each(self, user: Any) -> "AgreementQuerySet":
        """SECURITY: exactly `filter(pk__in=owned_agreement_ids(user))`, with a government
        user's own access rows probed for each row (see `visible_to_each`)."""
        from .models import AgreementAccess

        if (
            getattr(user, "is_authenticated", False)
            and user.is_active
            and not user.is_operator
            and user.is_government
            and user.agency is not None
        ):
            own = AgreementAccess.objects.filter(
                agency_id=user.agency.pk, own=True, agreement_id=models.OuterRef("pk")
            )
            return self.filter(models.Exists(own))
        return self.filter(pk__in=owned_agreement_ids(user))

    def owned_by(self, user: Any) -> "AgreementQuerySet":
        """SECURITY: the user's own agreements (see `owned_agreement_ids`), a subset of
        `visible_to`."""
        if user.is_authenticated and user.is_active and user.is_government and not user.is_operator:
            # Own rows are a subset of the access rows: one lookup, not two.
            return self.filter(pk__in=owned_agreement_ids(user)) if user.agency else self.none()
        return self.visible_to(user)

    def editable_by(self, user: Any) -> "AgreementQuerySet":
        """SECURITY: officers change their agency's agreements held by their unit (or by the
        agency as a whole); operators any (`accounts.ownership`)."""
        if not user_may_edit_any(user):
            return self.none()
        editable = editable_owner_q(user, agency_field="owner", unit_field="owner_unit")
        return self if editable is None else self.filter(editable)

    def public(self) -> "AgreementQuerySet":
        """SECURITY: what anyone may see: active agreements. No drafts, nothing internal."""
        return self.filter(status=self.model.Status.ACTIVE)
