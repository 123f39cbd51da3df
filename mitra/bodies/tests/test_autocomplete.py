"""Long lists of bodies and regions render as selects the autocomplete enhances (issue 16 §1)."""

from datetime import date

import pytest
from django import forms

from mitra.bodies.models import GovernmentBody
from mitra.bodies.tests.factories import GovernmentBodyFactory
from mitra.core.autocomplete import AutocompleteSelect, AutocompleteSelectMultiple
from mitra.core.forms import BootstrapFormMixin
from mitra.regions.models import Province

pytestmark = pytest.mark.django_db


class BodiesForm(BootstrapFormMixin, forms.Form):
    owner = forms.ModelChoiceField(queryset=GovernmentBody.objects.order_by("name"))
    members = forms.ModelMultipleChoiceField(queryset=GovernmentBody.objects.order_by("name"))
    provinces = forms.ModelMultipleChoiceField(queryset=Province.objects.all(), required=False)
    ticked = forms.ModelMultipleChoiceField(
        queryset=GovernmentBody.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    kind = forms.ChoiceField(choices=GovernmentBody.Kind.choices)


def test_long_lists_are_marked_and_options_carry_acronyms_and_aliases() -> None:
    GovernmentBodyFactory(
        key="kemenhut", name="Kementerian Kehutanan", acronym="Kemenhut", aliases=["Dephut"]
    )
    form = BodiesForm()
    assert isinstance(form.fields["owner"].widget, AutocompleteSelect)
    assert isinstance(form.fields["members"].widget, AutocompleteSelectMultiple)
    assert isinstance(form.fields["provinces"].widget, AutocompleteSelectMultiple)
    # Checkboxes and short fixed choices stay as they are.
    assert not isinstance(form.fields["ticked"].widget, AutocompleteSelectMultiple)
    assert "data-autocomplete" not in form.fields["kind"].widget.attrs
    html = str(form["members"])
    assert "data-autocomplete" in html
    assert 'class="form-select"' in html
    assert 'data-search="kementerian kehutanan | kemenhut | dephut"' in html


def test_bodies_no_longer_in_existence_are_marked_ended() -> None:
    GovernmentBodyFactory(
        key="dephut-lama", name="Departemen Kehutanan", acronym="", valid_until=date(2009, 10, 21)
    )
    GovernmentBodyFactory(key="kemenlu-now", name="Kementerian Luar Negeri", acronym="Kemlu")
    html = str(BodiesForm()["owner"])
    assert 'data-ended="2009-10-21"' in html
    assert "Departemen Kehutanan (until 2009)" in html
    assert html.count("data-ended") == 1


def test_the_plain_select_still_submits_without_script() -> None:
    body = GovernmentBodyFactory()
    form = BodiesForm(data={"owner": body.pk, "members": [body.pk], "kind": "ministry"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["members"][0] == body
