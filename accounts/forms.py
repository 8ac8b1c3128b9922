from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordMixin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Invitation, User


class LoginForm(AuthenticationForm):
    """Log in with an e-mail address, whatever its case, and a password."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The e-mail address and password do not match an account. Check both and try "
            "again, or reset your password."
        ),
    }

    def __init__(self, request: HttpRequest | None = None, *args, **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.widget.input_type = "email"
        username.widget.attrs["autocomplete"] = "email"


def login_username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """What django-axes counts failed logins by: the address as typed, in lower case, so that
    "Ana@Example.org" and "ana@example.org" share one counter (AXES_USERNAME_CALLABLE)."""
    if credentials:
        username = credentials.get("username")
    else:
        username = getattr(request, "POST", {}).get("username")
    if not isinstance(username, str) or not username.strip():
        return None
    return username.strip().casefold()


class InvitationSignupForm(SetPasswordMixin, forms.Form):
    """A newcomer names themselves and chooses a password; the address is the invitation's."""

    first_name = forms.CharField(
        label=_("Given name"),
        max_length=150,
        widget=forms.TextInput({"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Family name"),
        max_length=150,
        required=False,
        widget=forms.TextInput({"autocomplete": "family-name"}),
    )
    password1, password2 = SetPasswordMixin.create_password_fields()

    def __init__(self, *args, invitation: Invitation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean(self) -> dict:
        cleaned_data = super().clean()
        self.validate_passwords()
        # The validators compare the password with the address and the names.
        self.validate_password_for_user(
            User(
                email=self.invitation.email,
                first_name=cleaned_data.get("first_name", ""),
                last_name=cleaned_data.get("last_name", ""),
            )
        )
        return cleaned_data
