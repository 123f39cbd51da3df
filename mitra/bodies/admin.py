"""Reference data maintenance for operators (the loader remains the source of truth)."""

from django.contrib import admin

from .models import GovernmentBody


@admin.register(GovernmentBody)
class GovernmentBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "kind", "parent", "valid_from", "valid_until"]
    list_filter = ["kind"]
    search_fields = ["name", "acronym", "search_text"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["search_text"]
