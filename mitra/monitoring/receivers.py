"""Keep the report tally (`tally.py`) current whenever a report or a disclosure line changes.

No service deletes reports or lines one by one except a resubmission replacing its lines (in a
`refreshes_deferred()` block, with its bulk insert); the delete receivers are there so that the
admin or a test cannot leave the tally stale. Writes that send no signals (`bulk_create`,
`QuerySet.update`) must call `tally.report_changed` themselves."""

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import FundingDisclosureLine, Report
from .tally import report_changed

# The report's columns the tally counts: a save of others only (the daily job's
# `overdue_recorded_on`) changes nothing in it.
COUNTED_FIELDS = {"agreement", "agreement_id", "kind", "status", "due_date", "first_submitted_on"}


@receiver(post_save, sender=Report)
def on_report_saved(
    sender: Any, instance: Report, update_fields: Any = None, **kwargs: Any
) -> None:
    if update_fields is not None and not COUNTED_FIELDS & set(update_fields):
        return
    report_changed(instance.agreement_id)


@receiver(post_delete, sender=Report)
def on_report_deleted(sender: Any, instance: Report, **kwargs: Any) -> None:
    report_changed(instance.agreement_id)


@receiver(post_save, sender=FundingDisclosureLine)
@receiver(post_delete, sender=FundingDisclosureLine)
def on_line_saved_or_deleted(sender: Any, instance: FundingDisclosureLine, **kwargs: Any) -> None:
    agreement_id = (
        Report.objects.filter(pk=instance.report_id).values_list("agreement_id", flat=True).first()
    )
    if agreement_id is not None:
        report_changed(agreement_id)
