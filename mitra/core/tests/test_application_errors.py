"""A service's refusal shown to a person (issue 18 §2): one helper for forms, one for pages
without a form; the behaviour the six copies had, each case in one place."""

from django import forms

from mitra.core.exceptions import ApplicationError
from mitra.core.forms import (
    application_error_messages,
    application_error_text,
    apply_application_errors,
)


class PlanForm(forms.Form):
    title = forms.CharField(required=False)
    reason = forms.CharField(required=False)


class LineForm(forms.Form):
    amount = forms.IntegerField(required=False)


LineFormSet = forms.formset_factory(LineForm, extra=0)


def _bound_form() -> PlanForm:
    form = PlanForm({"title": "x", "reason": ""})
    assert form.is_valid()
    return form


def test_field_messages_go_next_to_their_fields_others_to_the_top():
    form = _bound_form()
    error = ApplicationError("Not saved.", {"title": ["Too short."], "period": ["Too late."]})
    apply_application_errors(form, error)
    assert form.errors["title"] == ["Too short."]
    assert form.non_field_errors() == ["Too late."]


def test_a_single_message_counts_like_a_list_of_one():
    form = _bound_form()
    apply_application_errors(form, ApplicationError("Not saved.", {"title": "Too short."}))
    assert form.errors["title"] == ["Too short."]


def test_no_field_named_puts_the_message_at_the_top():
    form = _bound_form()
    apply_application_errors(form, ApplicationError("Not possible now."))
    assert form.non_field_errors() == ["Not possible now."]


def test_a_placeholder_carries_the_errors_own_message():
    form = _bound_form()
    apply_application_errors(form, ApplicationError("Give the reason.", {"reason": ["?"]}))
    assert form.errors["reason"] == ["Give the reason."]
    other = _bound_form()
    apply_application_errors(other, ApplicationError("Choose a party.", {"party": ["?"]}))
    assert other.non_field_errors() == ["Choose a party."]


def test_named_fields_without_messages_still_show_the_message():
    form = _bound_form()
    apply_application_errors(form, ApplicationError("Not saved.", {"title": []}))
    assert form.non_field_errors() == ["Not saved."]


def test_a_formset_rows_message_goes_on_that_row():
    form = _bound_form()
    lines = LineFormSet(
        {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "0", "form-0-amount": "1"},
    )
    assert lines.is_valid()
    error = ApplicationError(
        "Not saved.",
        {"lines.1.amount": ["Too much."], "lines.0.note": ["Odd."], "lines.7.amount": ["Gone."]},
    )
    apply_application_errors(form, error, formsets={"lines": lines})
    assert lines.forms[1].errors["amount"] == ["Too much."]
    assert lines.forms[0].non_field_errors() == ["Odd."]
    assert form.non_field_errors() == ["Gone."]


def test_messages_without_a_form_say_each_thing_once_without_placeholders():
    error = ApplicationError(
        "Does not fit.", {"period": ["Does not fit.", "Ends too late."], "party": ["?"]}
    )
    assert application_error_messages(error) == ["Does not fit.", "Ends too late."]
    assert application_error_text(error) == "Does not fit. Ends too late."
    assert application_error_messages(ApplicationError("Not now.")) == ["Not now."]
