"""Keep the activity tally (`tally.py`) current whenever an activity or its regions change.

No service deletes activities or moves them to another work plan; the delete receiver is there
so that a future one (or the admin, or a test) cannot leave the tally stale. Fixtures
(`loaddata`) pass through here too: the activity's save and then its links."""

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .models import Activity
from .tally import activity_changed


@receiver(post_save, sender=Activity)
@receiver(post_delete, sender=Activity)
def on_activity_saved_or_deleted(sender: Any, instance: Activity, **kwargs: Any) -> None:
    activity_changed(instance.work_plan_id)


@receiver(m2m_changed, sender=Activity.provinces.through)
@receiver(m2m_changed, sender=Activity.regencies.through)
def on_activity_regions_changed(
    sender: Any, instance: Activity, action: str, **kwargs: Any
) -> None:
    # The links have related_name="+": they change only from the activity's side.
    if action in ("post_add", "post_remove", "post_clear"):
        activity_changed(instance.work_plan_id)
