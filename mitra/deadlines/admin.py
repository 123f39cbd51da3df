"""Operators keep deadline rule versions and working-day calendar overrides here (ADR 0008)."""

from django.contrib import admin

from .models import CollectiveLeaveDay, DeadlineRule


@admin.register(CollectiveLeaveDay)
class CollectiveLeaveDayAdmin(admin.ModelAdmin):
    """Only what the `holidays` package does not know yet: a cuti bersama decreed after its
    release, or (day off unticked) a listed day the government cancelled."""

    list_display = ["date", "name", "day_off", "source"]
    list_filter = ["day_off"]
    date_hierarchy = "date"
    search_fields = ["name"]


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    """Change a rule by adding a new version with a later `valid_from`: deadlines already
    counted under the old version keep it, and from that day the workflow, pages and calendar
    feeds follow the new one."""

    list_display = [
        "code", "version", "kind", "amount", "direction", "valid_from", "confidence",
        "uncertain", "active",
    ]  # fmt: skip
    list_filter = ["kind", "confidence", "uncertain", "active"]
    search_fields = ["code", "name", "legal_basis"]
