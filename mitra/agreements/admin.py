"""Operators may inspect agreements here; changes go through Mitra's pages and services."""

from django.contrib import admin

from .models import Agreement


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "type", "status", "owner", "start_date", "end_date"]
    list_filter = ["status", "type"]
    search_fields = ["title", "reference", "search_text"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False
