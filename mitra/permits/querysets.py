"""Licensing querysets: who may see what. Every view and API reads through these."""

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    # The models name the QuerySet["..."] bases below (strings ruff does not read as a use).
    from .models import AgencyReview, Application, Permit  # noqa: F401


class ApplicationQuerySet(models.QuerySet["Application"]):
    def visible_to(self, user: Any) -> "ApplicationQuerySet":
        """SECURITY: deny by default. One condition per line:

        - operators see everything;
        - the applicant (the organization's representative) sees its own applications;
        - a secretariat agency sees its track's applications once submitted (not drafts);
        - a member agency sees applications it was asked to review;
        - the proposed partner ministry sees applications proposing it, once submitted;
        - anyone else sees nothing (the public uses the status page's own selector).
        """
        from .models import AgencyReview
        from .roles import secretariat_tracks

        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_operator:
            return self
        if user.role == user.Role.ORG_REPRESENTATIVE and user.organization_id:
            return self.filter(organization_id=user.organization_id)
        if not user.is_government or user.agency is None:
            return self.none()
        agency_id = user.agency.pk
        submitted = ~models.Q(status="draft")
        # EXISTS, not `pk IN (subquery)`: SQLite builds the IN list of every review the agency
        # was ever asked for (Biro KTLN: ~9,400 at national scale) before reading a handful of
        # applications; the correlated probe uses the (application, agency) index instead.
        reviewed = models.Exists(
            AgencyReview.objects.filter(agency_id=agency_id, application_id=models.OuterRef("pk"))
        )
        condition = models.Q(reviewed) | (submitted & models.Q(partner_ministry_id=agency_id))
        tracks = secretariat_tracks(user)
        if tracks:
            condition |= submitted & models.Q(track__in=tracks)
        return self.filter(condition)

    def public(self) -> "ApplicationQuerySet":
        """SECURITY: what the public status page may show: submitted applications only."""
        return self.exclude(status="draft")


class AgencyReviewQuerySet(models.QuerySet["AgencyReview"]):
    def visible_to(self, user: Any) -> "AgencyReviewQuerySet":
        """SECURITY: operators all; a secretariat its track's reviews; an agency its own."""
        from .roles import secretariat_tracks

        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_operator:
            return self
        if not user.is_government or user.agency is None:
            return self.none()
        condition = models.Q(agency_id=user.agency.pk)
        tracks = secretariat_tracks(user)
        if tracks:
            condition |= models.Q(application__track__in=tracks)
        return self.filter(condition)

    def open(self) -> "AgencyReviewQuerySet":
        return self.filter(state__in=["requested", "in_progress"])


class PermitQuerySet(models.QuerySet["Permit"]):
    def visible_to(self, user: Any) -> "PermitQuerySet":
        """SECURITY: operators and government users all permits (shared reference data, like
        the registry); a representative its own organization's; anyone else none."""
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_operator or (user.is_government and user.agency is not None):
            return self
        if user.role == user.Role.ORG_REPRESENTATIVE and user.organization_id:
            return self.filter(organization_id=user.organization_id)
        return self.none()

    def valid_on(self, day: Any) -> "PermitQuerySet":
        """Active permits covering `day`: within their dates, or past their end while an
        extension filed in time awaits its decision (EXTENSION_PENDING_KEEPS_VALID)."""
        within = models.Q(valid_until__gte=day)
        if _keeps_valid():
            within |= models.Q(pk__in=held_over_ids())
        return self.filter(within, status="active", valid_from__lte=day)

    def held_over(self) -> "PermitQuerySet":
        """Active permits with an extension filed in time still undecided (whatever the
        setting: the daily job asks the setting before it spares them)."""
        return self.filter(pk__in=held_over_ids())


def _keeps_valid() -> bool:
    from .conf import setting

    return bool(setting("EXTENSION_PENDING_KEEPS_VALID"))


def held_over_ids() -> Any:
    """Subquery: ids of permits an extension was filed for in time and is still pending
    (submitted and not yet approved, rejected or withdrawn; not filed late)."""
    from .models import Application

    pending = [s for s in Application.OPEN if s != Application.Status.DRAFT]
    return Application.objects.filter(
        kind=Application.Kind.EXTENSION,
        extends__isnull=False,
        status__in=pending,
        late_filing=False,
    ).values("extends_id")
