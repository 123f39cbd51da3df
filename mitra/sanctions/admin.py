"""Read-only admin for sanction cases: moves go through the services (audit, effects)."""

from django.contrib import admin

from .models import SanctionCase


@admin.register(SanctionCase)
class SanctionCaseAdmin(admin.ModelAdmin):
    list_display = ["reference", "organization", "status", "ladder", "reported_on"]
    list_filter = ["status", "ladder"]
    search_fields = ["reference", "organization__legal_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
