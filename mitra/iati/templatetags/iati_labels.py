"""Labels for the codes a job's stored result holds (its JSON keeps codes, the page shows words
in the reader's language)."""

from django import template

from mitra.iati.models import Finding

register = template.Library()


@register.filter
def finding_kind_label(code: str) -> str:
    """ "after_end" → "Spending after the end" (the kind's label); an unknown code as it is."""
    try:
        return str(Finding.Kind(code).label)
    except ValueError:
        return code
