"""Who may see which work plans and activities. Every view and API reads through these."""

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    # The models name the QuerySet["..."] bases below (strings ruff does not read as a use).
    from .models import Activity, ActivityTally, RegionalNotification, WorkPlan  # noqa: F401


def visible_work_plan_ids(user: Any) -> models.QuerySet:
    """SECURITY: deny by default. The ids of the work plans `user` may see, as a subquery.
    One condition per line:

    - anyone sees the work plans of the agreements they may see
      (`Agreement.objects.visible_to`: owner, party or shared agency; the partner
      organization's representative for agreements past drafting);
    - a government user also sees the RKTs their agency signs as the regional government
      (the Pemprov officer sees the RKTs of their province);
    - anyone else sees nothing. (Operators, who see everything, never get here.)
    """
    from mitra.agreements.querysets import visible_agreement_ids

    from .models import WorkPlan

    if _anonymous_or_inactive(user):
        return WorkPlan.objects.none().values("pk")
    of_visible_agreements = WorkPlan.objects.filter(
        agreement_id__in=visible_agreement_ids(user)
    ).values("pk")
    if not (user.is_government and user.agency is not None):
        return of_visible_agreements
    signed_as_region = WorkPlan.objects.filter(
        kind="rkt", regional_government_id=user.agency.pk
    ).values("pk")
    # A UNION, not an OR: for an OR PostgreSQL cannot estimate how many plans match (at
    # national scale it guessed three times too many) and reads the whole activity table
    # instead of its work plan index (ADR 0013). UNION ALL: only ever used with `__in`, which
    # ignores duplicates; SQLite otherwise sorts every id once more to remove them.
    return of_visible_agreements.union(signed_as_region, all=True)


def _anonymous_or_inactive(user: Any) -> bool:
    return not getattr(user, "is_authenticated", False) or not user.is_active


class WorkPlanQuerySet(models.QuerySet["WorkPlan"]):
    def visible_to(self, user: Any) -> "WorkPlanQuerySet":
        """SECURITY: operators see everything; others `visible_work_plan_ids`; deny by default."""
        if _anonymous_or_inactive(user):
            return self.none()
        if user.is_operator:
            return self
        return self.filter(pk__in=visible_work_plan_ids(user))


class ActivityQuerySet(models.QuerySet["Activity"]):
    def visible_to(self, user: Any) -> "ActivityQuerySet":
        """SECURITY: the activities of the work plans `user` may see (nothing else)."""
        if _anonymous_or_inactive(user):
            return self.none()
        if user.is_operator:
            return self
        return self.filter(work_plan_id__in=visible_work_plan_ids(user))


class ActivityTallyQuerySet(models.QuerySet["ActivityTally"]):
    def visible_to(self, user: Any) -> "ActivityTallyQuerySet":
        """SECURITY: the counts of the work plans `user` may see (nothing else)."""
        if _anonymous_or_inactive(user):
            return self.none()
        if user.is_operator:
            return self
        return self.filter(work_plan_id__in=visible_work_plan_ids(user))


def rollup_holds_visible_plans(user: Any) -> bool:
    """Whether the plans `user` sees are exactly those of the agreements they see, so that the
    agreements' roll-up (`AgreementActivityTally`, read for the agreements they see) counts
    what `ActivityTally.visible_to` does. Not for a government user with an agency: it also
    sees the RKTs it signs as a regional government (`visible_work_plan_ids`), of agreements
    it may not see."""
    if _anonymous_or_inactive(user) or user.is_operator:
        return True
    return not (user.is_government and user.agency is not None)


def addressed_body_ids(user: Any) -> set[int]:
    """SECURITY: the bodies whose N5 notices reach `user` (the N5 inbox): their own body, the
    units beneath it and the bodies above it (their agency). Read the other way round: a notice
    addressed to a body is for the officials of that body, of its units and of its parent
    agency (a Pemprov's notice reaches its Kesbangpol; Kemendagri's reaches its directorates).
    Government users only; anyone else: nothing. One query (the tree has a few hundred rows)."""
    from mitra.bodies.models import GovernmentBody

    if _anonymous_or_inactive(user) or not user.is_government:
        return set()
    parents = dict(GovernmentBody.objects.values_list("pk", "parent_id"))
    children: dict[int, list[int]] = {}
    for pk, parent_id in parents.items():
        if parent_id is not None:
            children.setdefault(parent_id, []).append(pk)
    found: set[int] = set()
    stack = [user.body_id]
    while stack:  # the body and its units
        pk = stack.pop()
        if pk not in found:
            found.add(pk)
            stack.extend(children.get(pk, []))
    above = parents.get(user.body_id)
    while above is not None and above not in found:  # its parents, up to the agency
        found.add(above)
        above = parents.get(above)
    return found


class RegionalNotificationQuerySet(models.QuerySet["RegionalNotification"]):
    def addressed_to(self, user: Any) -> "RegionalNotificationQuerySet":
        """SECURITY: the N5 inbox. Deny by default: operators see every notice; a government
        user the notices addressed to their body, its units or its agency
        (`addressed_body_ids`); anyone else nothing."""
        if _anonymous_or_inactive(user):
            return self.none()
        if user.is_operator:
            return self
        return self.filter(notified_body_id__in=addressed_body_ids(user))

    def visible_to(self, user: Any) -> "RegionalNotificationQuerySet":
        """SECURITY: the notices of the work plans `user` may see, and those addressed to them."""
        if _anonymous_or_inactive(user):
            return self.none()
        if user.is_operator:
            return self
        return self.filter(
            models.Q(work_plan_id__in=visible_work_plan_ids(user))
            | models.Q(notified_body_id__in=addressed_body_ids(user))
        )

    def unacknowledged(self) -> "RegionalNotificationQuerySet":
        return self.filter(acknowledged_at__isnull=True)
