"""Sign-in (throttled, then the second factor), password reset mail, tokens, codes."""

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.validators import MaxValueValidator
from django.template import loader
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import services
from .mail import account_mail_send


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's login form, with the username and address throttle (accounts.throttle) and one
    message for every failure that does not tell whether the account exists."""

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        password = self.cleaned_data.get("password") or ""
        if username and password:
            try:
                self.user_cache = services.login_authenticate(
                    username=username, password=password, request=self.request
                )
            except services.LoginRefused as error:
                raise forms.ValidationError(error.message, code="refused") from error
        return self.cleaned_data


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
        help_text=_(
            "The 6 digits your authenticator app shows now, or one of your recovery codes."
        ),
    )


class MitraPasswordResetForm(PasswordResetForm):
    """Django's reset form; the mail goes through notifications (the account mail hook), and
    the link starts with MITRA_SITE_URL rather than the request's host."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        path = reverse(
            "accounts:password_reset_confirm",
            kwargs={"uidb64": context["uid"], "token": context["token"]},
        )
        context = {**context, "reset_url": f"{settings.MITRA_SITE_URL}{path}"}
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        account_mail_send(to=to_email, subject=subject, body=body)


class TokenCreateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    days = forms.IntegerField(label=_("Valid for (days)"), min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = services.api_token_default_days()
        self.fields["days"].initial = limit
        self.fields["days"].widget.attrs["max"] = limit
        self.fields["days"].validators.append(MaxValueValidator(limit))
