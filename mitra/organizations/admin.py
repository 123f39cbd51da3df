"""Operators' view of the registry. Case work happens in Mitra's own pages (ADR 0008)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from . import services
from .models import ForeignOrganization, Person, Sector


@admin.register(ForeignOrganization)
class ForeignOrganizationAdmin(admin.ModelAdmin):
    list_display = ["legal_name", "acronym", "kind", "country", "status", "is_published"]
    list_filter = ["kind", "status", "is_published"]
    search_fields = ["legal_name", "acronym", "search_text"]
    readonly_fields = ["search_text"]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Operators publish and change the status here: through the services, so each
        change is checked and audited like the others (issue 13 §3)."""
        if not change:
            super().save_model(request, obj, form, change)
            return
        stored = ForeignOrganization.objects.get(pk=obj.pk)
        wanted_status, wanted_published = obj.status, obj.is_published
        obj.status, obj.is_published = stored.status, stored.is_published
        super().save_model(request, obj, form, change)
        actor: Any = request.user
        if wanted_status != stored.status:
            services.organization_set_status(
                organization_id=obj.pk, status=wanted_status, actor=actor, reason="admin"
            )
        if wanted_published != stored.is_published:
            services.organization_set_published(
                organization_id=obj.pk, published=wanted_published, actor=actor, reason="admin"
            )
        obj.refresh_from_db()


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "body", "organization"]
    search_fields = ["name", "title"]
    autocomplete_fields = ["body", "organization"]


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["code", "name_id", "name_en"]
