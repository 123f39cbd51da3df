"""Operators administer users: their body or organization and role."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import ApiToken, User


@admin.register(User)
class MitraUserAdmin(UserAdmin):
    list_display = ["username", "get_full_name", "role", "body", "organization", "is_active"]
    list_filter = ["role", "is_active"]
    autocomplete_fields = ["body", "organization"]
    fieldsets = [
        *(UserAdmin.fieldsets or ()),
        ("Mitra", {"fields": ["role", "body", "organization", "preferred_language"]}),
    ]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Read-only: tokens are created by their owner (account page or the API) and revoked
    there; only the hash is stored, so there is nothing to show or edit."""

    list_display = [
        "name",
        "user",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["name", "user__username", "prefix"]
    readonly_fields = ["name", "user", "prefix", "created_at", "expires_at", "last_used_at"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
