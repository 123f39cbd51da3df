"""The error summary at the top of every form page (issue 16 §1, GOV.UK pattern):
`{% load form_errors %}{% error_summary form formset other_form %}`.

A box "There is a problem" listing every error of the forms given, each a link to its field
(`#<field id>`, which moves the focus to the field), with the field's label and, for a row of a
formset, its row number: never a field path such as `agreements.0.government_body`. Errors that
belong to no field are listed without a link. The box takes the focus when the page loads
(`autofocus` on a `tabindex="-1"` element: no script). Nothing is rendered without errors.
"""

from dataclasses import dataclass
from typing import Any

from django import forms, template
from django.utils.translation import gettext as _

register = template.Library()

CHOICE_LIST_WIDGETS = (forms.CheckboxSelectMultiple, forms.RadioSelect)


@dataclass(frozen=True)
class SummaryItem:
    text: str
    anchor: str  # the field's id, "" for an error of the whole form


def field_anchor(bound: Any) -> str:
    """The id a link to the field should point at: the widget itself, or the first choice of a
    list of checkboxes or radio buttons (their group has no id of its own)."""
    widget = bound.field.widget
    if isinstance(widget, CHOICE_LIST_WIDGETS):
        return f"{bound.auto_id}_0" if bound.auto_id else ""
    return str(bound.id_for_label or bound.auto_id or "")


def _form_items(form: Any, row: int | None) -> list[SummaryItem]:
    items: list[SummaryItem] = []
    if not getattr(form, "is_bound", False) or not form.errors:
        return items
    for message in form.non_field_errors():
        text = str(message)
        if row is not None:
            text = _("Row %(row)s: %(message)s") % {"row": row, "message": text}
        items.append(SummaryItem(text, ""))
    for name, messages in form.errors.items():
        if name not in form.fields:
            continue
        bound = form[name]
        label = str(bound.label or name)
        if row is not None:
            label = _("Row %(row)s: %(label)s") % {"row": row, "label": label}
        for message in messages:
            text = _("%(label)s: %(message)s") % {"label": label, "message": str(message)}
            items.append(SummaryItem(text, field_anchor(bound)))
    return items


def error_summary_items(*forms_: Any) -> list[SummaryItem]:
    """Every error of the forms and formsets given, in order, as the summary lists them."""
    items: list[SummaryItem] = []
    for form in forms_:
        if form is None or form == "":
            continue
        if hasattr(form, "forms") and hasattr(form, "management_form"):  # a formset
            if not form.is_bound:
                continue
            for message in form.non_form_errors():
                items.append(SummaryItem(str(message), ""))
            for index, member in enumerate(form.forms):
                items += _form_items(member, index + 1)
        else:
            items += _form_items(form, None)
    return items


@register.inclusion_tag("components/error_summary.html")
def error_summary(*forms_: Any, extra: Any = None) -> dict[str, Any]:
    """`extra`: more problems as text (a service's refusal that names no field), listed first."""
    items = [SummaryItem(str(m), "") for m in (extra or []) if str(m).strip()]
    items += error_summary_items(*forms_)
    return {"error_summary": items}
