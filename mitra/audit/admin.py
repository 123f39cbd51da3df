"""Audit events are read-only for everyone, operators included."""

from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["occurred_at", "event", "target_label", "actor_name", "actor_agency"]
    list_filter = ["event"]
    search_fields = ["target_label", "actor_name", "event"]
    date_hierarchy = "occurred_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
