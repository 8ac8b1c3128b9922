from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_safe

from . import throttle
from .forms import InvitationSignupForm
from .images import picture_response
from .models import Invitation, InvitationStatus, Organization, User
from .services import InvitationError, invitation_accept, invitation_accept_as_new_user

# An invitation that cannot be used says why, with the status a client can act on.
REFUSAL_STATUS = {
    InvitationError.UNKNOWN: 404,
    InvitationError.EXPIRED: 410,
    InvitationError.ACCEPTED: 410,
    InvitationError.WRONG_USER: 403,
    InvitationError.ACCOUNT_EXISTS: 409,
}
# Accepting logs the new member in: this is the backend that vouches for them.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, with the link in the mail on the site's own address (SITE_URL).

    Django would build it from the request's Host header; every link Plenary mails comes from
    SITE_URL instead.
    """

    def form_valid(self, form):
        scheme, _separator, host = settings.SITE_URL.partition("://")
        self.extra_email_context = {"protocol": scheme, "domain": host, "site_name": host}
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's, and then the owner is logged in and the account's failed logins, from every
    address, are forgotten: the reset e-mail is the way back in that no lockout or slow-down
    stands in (accounts.throttle)."""

    post_reset_login = True
    post_reset_login_backend = MODEL_BACKEND

    def form_valid(self, form):
        response = super().form_valid(form)
        account = throttle.account_name(form.user.get_username())
        if account:
            throttle.account_failures_clear(account)
        return response


@never_cache
@sensitive_post_parameters("password1", "password2")
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in an invitation e-mail.

    A newcomer creates their account here; the owner of an existing account with the invited
    address logs in and confirms. Anyone else, and any link that is unknown, replaced, expired or
    used, reads why it does not work.
    """
    found = Invitation.objects.with_token(token).select_related("organization").first()
    if found is None:
        return _refused(request, InvitationError.UNKNOWN, None)
    if found.status != InvitationStatus.PENDING:
        return _refused(request, found.status, found)

    account = User.objects.filter(email__iexact=found.email).first()
    if request.user.is_authenticated and (account is None or request.user.pk != account.pk):
        return _refused(request, InvitationError.WRONG_USER, found)
    if account is None:
        return _signup(request, found)
    if not request.user.is_authenticated:
        return render(request, "accounts/invitation_login.html", {"invitation": found})
    return _confirm(request, found)


def _refused(request: HttpRequest, reason: str, found: Invitation | None) -> HttpResponse:
    return render(
        request,
        "accounts/invitation_refused.html",
        {"reason": reason, "invitation": found},
        status=REFUSAL_STATUS[reason],
    )


def _welcome(request: HttpRequest, found: Invitation) -> HttpResponse:
    messages.success(
        request,
        _("Welcome: you are now a focal point for %(organization)s.")
        % {"organization": found.organization},
    )
    return redirect(resolve_url(settings.LOGIN_REDIRECT_URL))


def _signup(request: HttpRequest, found: Invitation) -> HttpResponse:
    form = InvitationSignupForm(request.POST or None, invitation=found)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept_as_new_user(
                invitation=found,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except InvitationError as error:
            return _refused(request, error.reason, found)
        login(request, user, backend=MODEL_BACKEND)
        return _welcome(request, found)
    return render(request, "accounts/invitation_signup.html", {"invitation": found, "form": form})


def _confirm(request: HttpRequest, found: Invitation) -> HttpResponse:
    if request.method == "POST":
        try:
            invitation_accept(invitation=found, user=request.user)
        except InvitationError as error:
            return _refused(request, error.reason, found)
        return _welcome(request, found)
    return render(request, "accounts/invitation_confirm.html", {"invitation": found})


@require_safe
def organization_logo(_request: HttpRequest, pk: int) -> FileResponse:
    """/accounts/organizations/<pk>/logo/: an organization's logo, as it was stored."""
    organization = get_object_or_404(Organization, pk=pk)
    if not organization.logo:
        raise Http404("No logo.")
    return picture_response(organization.logo)
