"""The error summary (issue 16 §1): every error, linked to its field by id, with the field's
label and its row in a formset, never a field path; the box takes the focus without script."""

from django import forms
from django.template import Context, Template

from mitra.core.forms import BootstrapFormMixin
from mitra.core.templatetags.form_errors import error_summary_items


class RowForm(BootstrapFormMixin, forms.Form):
    government_body = forms.CharField(label="Government body")
    reasons = forms.MultipleChoiceField(
        label="Reasons", choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )


RowFormSet = forms.formset_factory(RowForm, extra=0)


def test_items_link_to_fields_with_labels_and_rows():
    data = {
        "agreements-TOTAL_FORMS": "2",
        "agreements-INITIAL_FORMS": "2",
        "agreements-0-government_body": "Kemendagri",
        "agreements-0-reasons": ["a"],
        "agreements-1-government_body": "",
    }
    formset = RowFormSet(data, prefix="agreements")
    items = error_summary_items(formset)
    assert [(i.text, i.anchor) for i in items] == [
        ("Row 2: Government body: This field is required.", "id_agreements-1-government_body"),
        ("Row 2: Reasons: This field is required.", "id_agreements-1-reasons_0"),
    ]
    html = Template("{% load form_errors %}{% error_summary formset %}").render(
        Context({"formset": formset})
    )
    assert "There is a problem" in html
    assert 'href="#id_agreements-1-government_body"' in html
    assert 'tabindex="-1" autofocus' in html
    assert "agreements.1" not in html
    assert "government_body:" not in html


def test_no_errors_no_box():
    html = Template("{% load form_errors %}{% error_summary form %}").render(
        Context({"form": RowForm()})
    )
    assert html.strip() == ""


def test_choice_lists_are_checkboxes_not_text_boxes():
    form = RowForm()
    assert form.fields["reasons"].widget.attrs["class"] == "form-check-input"
    assert 'class="form-check-input"' in str(form["reasons"])


def test_summary_in_the_users_language(client, db):
    from django.utils import translation

    with translation.override("id"):
        html = Template("{% load form_errors %}{% error_summary form %}").render(
            Context({"form": RowForm({})})
        )
    assert "Ada masalah" in html or "There is a problem" in html  # catalogue pending (lead)
