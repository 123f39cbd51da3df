"""Operators may inspect agreements here; changes go through Mitra's pages and services.
Operators edit visibility grants here (ADR 0015)."""

from django import forms
from django.contrib import admin

from mitra.grants.models import VisibilityGrant
from mitra.grants.services import grant_save, grant_validate

from .access import agreement_rebuild_all_access
from .models import Agreement


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "type", "status", "owner", "start_date", "end_date"]
    list_filter = ["status", "type"]
    search_fields = ["title", "reference", "search_text"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- visibility grants ---------------------------------------------------------------------
# Registered here, not in mitra.grants: a grant edit must rebuild the agreement access table,
# and grants sits below agreements (it imports only core, audit and bodies; ADR 0015).


class VisibilityGrantForm(forms.ModelForm):
    class Meta:
        model = VisibilityGrant
        fields = [
            "code", "version", "name", "rule", "grantee_keys", "grantee_setting",
            "organization_kinds", "role", "legal_basis", "confidence",
            "read_right_is_design_decision", "valid_from", "active", "notes",
        ]  # fmt: skip

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        candidate = VisibilityGrant(**{k: v for k, v in cleaned.items() if k in _GRANT_FIELDS})
        for field, messages in grant_validate(candidate).items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
        return cleaned


_GRANT_FIELDS = {f.name for f in VisibilityGrant._meta.fields if f.name != "id"}


@admin.register(VisibilityGrant)
class VisibilityGrantAdmin(admin.ModelAdmin):
    """Change a grant by adding a version with a later `valid_from` (or switch a version off
    with `active`); the version in force today applies. Saving rebuilds who reads what."""

    form = VisibilityGrantForm
    list_display = [
        "code", "version", "rule", "name", "valid_from", "confidence",
        "read_right_is_design_decision", "active",
    ]  # fmt: skip
    list_filter = ["rule", "confidence", "active"]
    search_fields = ["code", "name", "legal_basis", "role"]

    def save_model(self, request, obj, form, change):
        grant_save(grant=obj, actor=request.user)
        agreement_rebuild_all_access()

    def has_delete_permission(self, request, obj=None):
        return False  # versions are switched off with `active`, never deleted (audit)
