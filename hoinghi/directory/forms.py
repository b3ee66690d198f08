"""The sign-in forms: the password, then the second factor; the password change."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hoinghi.core import audit
from hoinghi.core.forms import Styled
from hoinghi.core.refusals import client_address

from . import throttle
from .sign_in_log import tried

WRONG = _("Wrong user name or password, or the account may not log in now.")


class SignInForm(Styled, AuthenticationForm):
    error_messages = {"invalid_login": WRONG, "inactive": WRONG}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("User name")
        self.fields["password"].label = _("Password")

    def clean(self):
        username = self.cleaned_data.get("username", "")
        address = client_address(self.request)
        if wait := throttle.wait_seconds(username, address):
            # Refused before the password is read, and not counted against this address: only slowed.
            audit.record(
                None, "account.sign_in_failed", tried(username), name_tried=username, address=address, reason="slowed"
            )
            message = ngettext(
                "This account has had many failed sign-ins from other places: try again in %(n)d second.",
                "This account has had many failed sign-ins from other places: try again in %(n)d seconds.",
                wait,
            )
            raise ValidationError(message % {"n": wait}, code="slowed")
        return super().clean()


class CodeForm(Styled, forms.Form):
    code = forms.CharField(
        label=_("Code from the authenticator app, or a recovery code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}),
    )


class SetupForm(Styled, forms.Form):
    code = forms.CharField(
        label=_("The six digits the app shows now"),
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class PasswordForm(Styled, PasswordChangeForm):
    pass
