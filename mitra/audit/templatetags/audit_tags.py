"""Template filters for histories."""

from django import template

from mitra.audit.events import event_label as label_for

register = template.Library()


@register.filter
def event_label(event: str) -> str:
    """`agreement.signed` → "Marked signed" in the current language."""
    return label_for(event)
