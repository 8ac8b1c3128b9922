from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm, SetPasswordMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from config.security_log import security_log

from . import throttle
from .models import Invitation, User


class ThrottledLoginMixin:
    """What both login forms, ours and the admin's, check before a password is tried: an address
    that can be one (at most 254 characters), and an account that is not slowed down by many
    recent failures (accounts.throttle). A refused attempt is not counted as a failure."""

    def __init__(self, request: HttpRequest | None = None, *args, **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        # Django sets the field's max_length after building it, so nothing checks it.
        self.fields["username"].validators.append(
            MaxLengthValidator(
                throttle.EMAIL_MAX_LENGTH,
                _(
                    "An e-mail address has at most %(limit_value)d characters; this one has "
                    "%(show_value)d."
                ),
            )
        )

    def clean(self):
        account = throttle.account_name(self.cleaned_data.get("username"))
        if account and self.cleaned_data.get("password"):
            wait = throttle.account_wait(account)
            if wait:
                security_log.warning(
                    "login slowed down account=%s address=%s wait=%ds",
                    account,
                    throttle.client_address(self.request),
                    wait,
                )
                raise ValidationError(
                    ngettext(
                        "Many wrong passwords have been tried for this account recently, so it "
                        "takes one attempt at a time. Wait %(seconds)d second and try again, or "
                        "reset your password: the link we e-mail you logs you in.",
                        "Many wrong passwords have been tried for this account recently, so it "
                        "takes one attempt at a time. Wait %(seconds)d seconds and try again, or "
                        "reset your password: the link we e-mail you logs you in.",
                        wait,
                    ),
                    code="slowed_down",
                    params={"seconds": wait},
                )
            throttle.lock_state_note(self.request, account)
        return super().clean()


class LoginForm(ThrottledLoginMixin, AuthenticationForm):
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


class AdminLoginForm(ThrottledLoginMixin, AdminAuthenticationForm):
    """The back office's login form (admin.site.login_form), checked as ours is."""


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
