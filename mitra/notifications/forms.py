from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NotificationPreference


class PreferenceForm(forms.Form):
    email = forms.ChoiceField(
        label=_("Email"),
        choices=NotificationPreference.Email.choices,
        widget=forms.RadioSelect,
    )
