"""Operators' view of the registry. Case work happens in Mitra's own pages (ADR 0008)."""

from django.contrib import admin

from .models import ForeignOrganization, Person, Sector


@admin.register(ForeignOrganization)
class ForeignOrganizationAdmin(admin.ModelAdmin):
    list_display = ["legal_name", "acronym", "kind", "country", "status", "is_published"]
    list_filter = ["kind", "status", "is_published"]
    search_fields = ["legal_name", "acronym", "search_text"]
    readonly_fields = ["search_text"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "body", "organization"]
    search_fields = ["name", "title"]
    autocomplete_fields = ["body", "organization"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_id", "name_en"]
