"""Keep the activity tally (`tally.py`) current whenever an activity or its regions change.

Activities are never deleted and never move to another work plan (no service does either), so
saving one and changing its provinces or regencies are the only events."""

from typing import Any

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver

from .models import Activity
from .tally import refresh_tally


@receiver(post_save, sender=Activity)
def on_activity_saved(sender: Any, instance: Activity, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # fixtures: `rebuild_all_tallies` after loading
        refresh_tally([instance.work_plan_id])


@receiver(m2m_changed, sender=Activity.provinces.through)
@receiver(m2m_changed, sender=Activity.regencies.through)
def on_activity_regions_changed(
    sender: Any, instance: Activity, action: str, **kwargs: Any
) -> None:
    # The links have related_name="+": they change only from the activity's side.
    if action in ("post_add", "post_remove", "post_clear"):
        refresh_tally([instance.work_plan_id])
