"""Operators keep collective leave days and deadline rule versions here (ADR 0008)."""

from django.contrib import admin

from .models import CollectiveLeaveDay, DeadlineRule


@admin.register(CollectiveLeaveDay)
class CollectiveLeaveDayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "source"]
    date_hierarchy = "date"
    search_fields = ["name"]


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    """Change a rule by adding a new version with a later `valid_from`: deadlines already
    counted under the old version keep it."""

    list_display = [
        "code", "version", "kind", "amount", "direction", "valid_from", "confidence",
        "uncertain", "active",
    ]  # fmt: skip
    list_filter = ["kind", "confidence", "uncertain", "active"]
    search_fields = ["code", "name", "legal_basis"]
