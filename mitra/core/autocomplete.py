"""Long lists as an accessible autocomplete (issue 16 §1; ADR 0021).

A choice of government bodies, provinces, regencies or foreign organizations renders as a
plain `<select>` marked `data-autocomplete`; `mitra/static/mitra/autocomplete.js` turns it into a
Tom Select combobox when scripts run. Each option carries what the box searches besides its
text (`data-search`: name, English name, acronym and aliases, the record's `search_text`) and,
for a body no longer in existence, `data-ended` (hidden from the suggestions unless the user
asks for them). Without scripts the select works as before.

`BootstrapFormMixin` applies this to every such field; core imports no domain app, so the
models are named by their labels."""

from typing import Any

from django import forms
from django.utils.translation import gettext as _

from .dates import today

# The long lists, by model label.
AUTOCOMPLETE_MODELS = frozenset(
    {
        "bodies.GovernmentBody",
        "regions.Province",
        "regions.Regency",
        "organizations.ForeignOrganization",
    }
)


class AutocompleteOptionsMixin:
    """Adds `data-search` and `data-ended` to each option of a model choice."""

    def create_option(self, name: str, value: Any, label: Any, *args: Any, **kwargs: Any) -> Any:
        option = super().create_option(name, value, label, *args, **kwargs)  # type: ignore[misc]
        instance = getattr(value, "instance", None)
        if instance is None:
            return option
        search = getattr(instance, "search_text", "")
        if search:
            option["attrs"]["data-search"] = search
        until = getattr(instance, "valid_until", None)
        if until is not None and until < today():
            option["attrs"]["data-ended"] = until.isoformat()
            option["label"] = _("%(name)s (until %(year)s)") % {
                "name": label,
                "year": until.year,
            }
        return option


class AutocompleteSelect(AutocompleteOptionsMixin, forms.Select):
    pass


class AutocompleteSelectMultiple(AutocompleteOptionsMixin, forms.SelectMultiple):
    pass


_ENHANCED = {forms.Select: AutocompleteSelect, forms.SelectMultiple: AutocompleteSelectMultiple}


def autocomplete_long_list(field: forms.Field) -> None:
    """Mark a model choice over a long list for the autocomplete (the form's own copy of the
    field). Checkboxes, radios and custom widgets are left alone."""
    if not isinstance(field, forms.ModelChoiceField):
        return
    queryset = getattr(field, "queryset", None)
    if queryset is None or queryset.model._meta.label not in AUTOCOMPLETE_MODELS:
        return
    enhanced = _ENHANCED.get(type(field.widget))
    if enhanced is None:
        return
    field.widget.__class__ = enhanced
    field.widget.attrs["data-autocomplete"] = ""
    field.widget.attrs["data-autocomplete-ended"] = _("Include bodies no longer in existence")
    field.widget.attrs["data-autocomplete-empty"] = _("No match. Try a name, acronym or alias.")
