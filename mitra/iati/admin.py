"""Operators keep the exchange-rate table and the location crosswalk here; saving goes through
the services (audited)."""

from typing import Any

from django.contrib import admin

from .models import ExchangeRate, LocationCrosswalk, OrganizationIdentifier
from .services import exchange_rate_set


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin):
    list_display = ["currency", "month", "usd_per_unit"]
    list_filter = ["currency"]
    fields = ["currency", "month", "usd_per_unit"]

    def save_model(self, request: Any, obj: ExchangeRate, form: Any, change: bool) -> None:
        saved = exchange_rate_set(
            currency=obj.currency,
            month=obj.month,
            usd_per_unit=obj.usd_per_unit,
            actor=request.user,
        )
        obj.pk = saved.pk

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(LocationCrosswalk)
class LocationCrosswalkAdmin(admin.ModelAdmin):
    list_display = ["vocabulary", "code", "province", "regency"]
    list_filter = ["vocabulary"]


@admin.register(OrganizationIdentifier)
class OrganizationIdentifierAdmin(admin.ModelAdmin):
    list_display = ["identifier", "agency", "organization"]
    readonly_fields = ["identifier", "agency", "organization"]

    def has_add_permission(self, request: Any) -> bool:
        return False
