"""Meeting querysets: who may see and change which meetings. Every view and API reads here."""

from typing import TYPE_CHECKING, Any

from django.db import models

from mitra.accounts.ownership import editable_owner_q, user_may_edit_any

if TYPE_CHECKING:
    # The models name the QuerySet["..."] bases below (strings ruff does not read as a use).
    from .models import ActionItem, Meeting  # noqa: F401


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def visible_to(self, user: Any) -> "MeetingQuerySet":
        """SECURITY: deny by default. One condition per line:

        - operators see every meeting;
        - a government user sees meetings their agency organizes, is invited to or attends,
          and meetings linked to an agreement they may see;
        - a foreign organization's representative sees meetings their organization attends
          or is linked to;
        - anyone else sees nothing.
        """
        from mitra.agreements.querysets import visible_agreement_ids

        from .models import Attendee, InvitedBody

        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_operator:
            return self
        if user.is_government and user.agency is not None:
            agency_id = user.agency.pk
            invited = InvitedBody.objects.filter(agency_id=agency_id).values("meeting_id")
            attending = Attendee.objects.filter(agency_id=agency_id).values("meeting_id")
            via_agreement = self.model.agreements.through.objects.filter(
                agreement_id__in=visible_agreement_ids(user)
            ).values("meeting_id")
            return self.filter(
                models.Q(organizer_agency_id=agency_id)
                | models.Q(pk__in=invited)
                | models.Q(pk__in=attending)
                | models.Q(pk__in=via_agreement)
            )
        if user.role == user.Role.ORG_REPRESENTATIVE and user.organization_id:
            attending = Attendee.objects.filter(organization_id=user.organization_id).values(
                "meeting_id"
            )
            linked = self.model.organizations.through.objects.filter(
                foreignorganization_id=user.organization_id
            ).values("meeting_id")
            return self.filter(models.Q(pk__in=attending) | models.Q(pk__in=linked))
        return self.none()

    def editable_by(self, user: Any) -> "MeetingQuerySet":
        """SECURITY: officers change the meetings their unit (or their agency as a whole)
        organizes; operators any (`accounts.ownership`)."""
        if not user_may_edit_any(user):
            return self.none()
        editable = editable_owner_q(
            user, agency_field="organizer_agency", unit_field="organizer_unit"
        )
        return self if editable is None else self.filter(editable)


class ActionItemQuerySet(models.QuerySet["ActionItem"]):
    def visible_to(self, user: Any) -> "ActionItemQuerySet":
        """SECURITY: the action items of meetings the user may see."""
        from .models import Meeting

        return self.filter(meeting__in=Meeting.objects.visible_to(user).values("pk"))
