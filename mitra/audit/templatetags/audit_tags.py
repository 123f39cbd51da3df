"""Template filters and tags for histories."""

from collections.abc import Iterable

from django import template

from mitra.audit.events import event_label as label_for
from mitra.audit.history import HistoryEntry, history_describe
from mitra.audit.models import AuditEvent

register = template.Library()


@register.filter
def event_label(event: str) -> str:
    """`agreement.signed` → "Marked signed" in the current language."""
    return label_for(event)


@register.simple_tag
def history_entries(events: Iterable[AuditEvent] | None) -> list[HistoryEntry]:
    """`{% history_entries history as entries %}`: the events in words (mitra.audit.history)."""
    return history_describe(events or [])
