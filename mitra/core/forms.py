"""Form helpers: Bootstrap classes and accessible error markup on every widget."""

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from . import bounds
from .exceptions import ApplicationError


def apply_application_errors(form: forms.Form, error: ApplicationError) -> None:
    """Put a service's refusal on the form: each message next to its field when the form has
    that field, otherwise at the top; the bare message when the service named no field."""
    for name, problems in error.extra.items():
        for problem in problems if isinstance(problems, list) else [problems]:
            form.add_error(name if name in form.fields else None, problem)
    if not error.extra:
        form.add_error(None, error.message)


# A number typed into a form without its own limits stays within a 32-bit column (counts,
# amounts in units); past it PostgreSQL answers "integer out of range" as a 500 (issue 13 §4).
INT_MAX = 2**31 - 1


def _bound(field: forms.Field) -> None:
    """Give every date and number field of a Mitra form the project's input bounds, once here."""
    if isinstance(field, (forms.DateField, forms.DateTimeField)):
        field.validators.append(bounds.validate_date_in_range)
    elif isinstance(field, forms.IntegerField):
        if field.max_value is None:
            field.validators.append(MaxValueValidator(INT_MAX))
        if field.min_value is None:
            field.validators.append(MinValueValidator(-INT_MAX))


class BootstrapFormMixin:
    """Adds Bootstrap classes; marks invalid fields with aria-invalid for screen readers."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            _bound(field)
            widget = field.widget
            if isinstance(widget, (forms.Select, forms.SelectMultiple)):
                css = "form-select"
            elif isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            else:
                css = "form-control"
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in getattr(self, "_errors", {}) or {}:
            if name in self.fields:  # type: ignore[attr-defined]
                widget = self.fields[name].widget  # type: ignore[attr-defined]
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"
                widget.attrs["aria-invalid"] = "true"
