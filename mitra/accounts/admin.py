"""Operators administer users: their body or organization and role."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import User


@admin.register(User)
class MitraUserAdmin(UserAdmin):
    list_display = ["username", "get_full_name", "role", "body", "organization", "is_active"]
    list_filter = ["role", "is_active"]
    autocomplete_fields = ["body", "organization"]
    fieldsets = [
        *(UserAdmin.fieldsets or ()),
        ("Mitra", {"fields": ["role", "body", "organization", "preferred_language"]}),
    ]
