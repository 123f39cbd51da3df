"""Signals for search-index style invalidation only (conventions §3.3): other apps keep copies
of an organization's names and refresh them when these fire."""

from django.dispatch import Signal

# Sent after an organization's names changed; kwargs: organization_id.
organization_names_changed = Signal()

# Sent after an organization's kind changed; kwargs: organization_id. Agreements keep the
# partner kind (ADR 0012) and derive who may read them from it (visibility grants, ADR 0015).
organization_kind_changed = Signal()
