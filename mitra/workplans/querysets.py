"""Who may see which work plans and activities. Every view and API reads through these."""

from typing import Any

from django.db import models


class WorkPlanQuerySet(models.QuerySet["WorkPlan"]):  # type: ignore[name-defined]  # noqa: F821
    def visible_to(self, user: Any) -> "WorkPlanQuerySet":
        """SECURITY: deny by default. One condition per line:

        - operators see everything;
        - anyone sees the work plans of the agreements they may see
          (`Agreement.objects.visible_to`: owner, party or shared agency; the partner
          organization's representative for agreements past drafting);
        - a government user also sees the RKTs their agency signs as the regional government
          (the Pemprov officer sees the RKTs of their province);
        - anyone else sees nothing.
        """
        from mitra.agreements.models import Agreement

        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_operator:
            return self
        condition = models.Q(agreement_id__in=Agreement.objects.visible_to(user).values("pk"))
        if user.is_government and user.agency is not None:
            condition |= models.Q(kind="rkt", regional_government_id=user.agency.pk)
        return self.filter(condition)


class ActivityQuerySet(models.QuerySet["Activity"]):  # type: ignore[name-defined]  # noqa: F821
    def visible_to(self, user: Any) -> "ActivityQuerySet":
        """SECURITY: the activities of the work plans `user` may see (nothing else)."""
        from .models import WorkPlan

        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return self.none()
        if user.is_operator:
            return self
        return self.filter(work_plan_id__in=WorkPlan.objects.visible_to(user).values("pk"))
