"""Nominate, change and withdraw: the forms, through participants.services.nominations."""

import copy
from typing import Any, override

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from accounts.models import Organization, User
from accounts.text import single_line
from meetings.models import Meeting
from participants.forms import NominationForm
from participants.models import Nomination, Registration
from participants.services.nominations import (
    Nominee,
    nomination_create,
    nomination_update,
    nomination_withdraw,
)
from participants.services.places import places_for

from .common import (
    bidi_notice,
    closed_page,
    errors_added,
    nominate_refusal,
    own_nominations,
    refused_letter_log,
)
from .pages import OrganizationMixin


def same_nomination_sent(
    meeting: Meeting, organization: Organization, nominee: Nominee, by: User
) -> Nomination | None:
    """A nomination this focal point made with exactly what the form says: the same form sent
    twice (a double click, a reload of the answer), which should not read as an error."""
    typed = {
        name: single_line(value) if name in Nomination.single_line_fields else value
        for name, value in nominee.fields().items()
    }
    candidates = (
        Nomination.objects.for_meeting(meeting)
        .active()
        .filter(
            organization=organization,
            nominated_by=by,
            email=nominee.email,
            name_key=Nomination.key_for(typed["given_name"], typed["family_name"]),
        )
        .with_details()
    )
    for nomination in candidates:
        if all(getattr(nomination, name) == value for name, value in typed.items()):
            return nomination
    return None


class NominateView(OrganizationMixin, FormView):
    """/meetings/<slug>/delegation/<organization>/nominate/: the nomination form."""

    template_name = "participants/nomination_form.html"
    form_class = NominationForm

    def cannot_nominate_page(self) -> HttpResponse | None:
        self.setup_delegation()
        if self.organization is None:
            raise Http404("Not a focal point of this organization.")
        if not self.registration.is_open():
            return closed_page(self.request, self.registration, self.organization)
        return None

    @override
    def get(self, request, *args, **kwargs):
        if page := self.cannot_nominate_page():
            return page
        refusal = nominate_refusal(
            self.registration, places_for(self.registration, self.organization), self.organization
        )
        if refusal:
            messages.warning(request, refusal)
            return redirect("participants:delegation", self.meeting.slug, self.organization.pk)
        return super().get(request, *args, **kwargs)

    @override
    def post(self, request, *args, **kwargs):
        return self.cannot_nominate_page() or super().post(request, *args, **kwargs)

    @override
    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = Nomination(meeting=self.meeting, organization=self.organization)
        kwargs["letter_required"] = self.registration.letter_required
        return kwargs

    @override
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            **kwargs,
            meeting=self.meeting,
            registration=self.registration,
            organization=self.organization,
            places=places_for(self.registration, self.organization),
        )

    @override
    def form_invalid(self, form):
        refused_letter_log(form, self.request.user, self.organization)
        return super().form_invalid(form)

    @override
    def form_valid(self, form):
        nominee = form.nominee()
        try:
            nomination = nomination_create(
                meeting=self.meeting,
                organization=self.organization,
                nominee=nominee,
                by=self.request.user,
                letter=form.cleaned_data["letter"],
            )
        except PermissionDenied as error:
            raise Http404("Not a focal point of this organization.") from error
        except ValidationError as error:
            earlier = same_nomination_sent(
                self.meeting, self.organization, nominee, self.request.user
            )
            if earlier is not None:
                messages.info(
                    self.request,
                    _(
                        "This form was sent already: %(name)s was nominated then "
                        "(%(status)s). Nothing new was stored."
                    )
                    % {
                        "name": earlier.display_name,
                        "status": earlier.get_status_display().lower(),
                    },
                )
                return redirect(earlier)
            errors_added(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "%(name)s is nominated for %(organization)s. The Secretariat will decide, and "
                "you will get an e-mail when it does."
            )
            % {"name": nomination.display_name, "organization": self.organization.short_name}
            + bidi_notice(form),
        )
        return redirect(nomination)


class OwnNominationMixin(LoginRequiredMixin):
    """A nomination of one of the user's organizations, while it may still change."""

    def nomination_or_page(self) -> HttpResponse | None:
        self.nomination = get_object_or_404(
            own_nominations(self.request.user), pk=self.kwargs["pk"]
        )
        self.registration = get_object_or_404(
            Registration.objects.select_related("meeting"), meeting=self.nomination.meeting
        )
        if not self.registration.is_open():
            return closed_page(self.request, self.registration, self.nomination.organization)
        if not self.nomination.is_active:
            messages.warning(
                self.request,
                _("The nomination of %(name)s was %(status)s: it can no longer be changed.")
                % {
                    "name": self.nomination.full_name,
                    "status": self.nomination.get_status_display().lower(),
                },
            )
            return redirect(self.nomination)
        return None


class NominationEditView(OwnNominationMixin, FormView):
    """/nominations/<pk>/edit/: change a nomination while registration is open."""

    template_name = "participants/nomination_form.html"
    form_class = NominationForm

    @override
    def get(self, request, *args, **kwargs):
        return self.nomination_or_page() or super().get(request, *args, **kwargs)

    @override
    def post(self, request, *args, **kwargs):
        return self.nomination_or_page() or super().post(request, *args, **kwargs)

    @override
    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        # The form fills its instance as it validates; the page keeps the saved nomination.
        kwargs["instance"] = copy.copy(self.nomination)
        kwargs["has_letter"] = bool(self.nomination.letter)
        kwargs["letter_required"] = self.registration.letter_required
        return kwargs

    @override
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            **kwargs,
            meeting=self.nomination.meeting,
            registration=self.registration,
            organization=self.nomination.organization,
            nomination=self.nomination,
        )

    @override
    def form_invalid(self, form):
        refused_letter_log(form, self.request.user, self.nomination.organization)
        return super().form_invalid(form)

    @override
    def form_valid(self, form):
        try:
            nomination = nomination_update(
                nomination=self.nomination,
                nominee=form.nominee(),
                by=self.request.user,
                letter=form.cleaned_data["letter"],
            )
        except PermissionDenied as error:
            raise Http404("Not a focal point of this organization.") from error
        except ValidationError as error:
            errors_added(form, error)
            return self.form_invalid(form)
        saved = _("The nomination of %(name)s is saved.") % {"name": nomination.display_name}
        if nomination.status != self.nomination.status:
            saved = _(
                "The nomination of %(name)s is saved. It was %(status)s; with other names or "
                "another e-mail address it awaits a new decision by the Secretariat."
            ) % {
                "name": nomination.display_name,
                "status": self.nomination.get_status_display().lower(),
            }
        messages.success(self.request, saved + bidi_notice(form))
        return redirect(nomination)


class NominationWithdrawView(OwnNominationMixin, TemplateView):
    """/nominations/<pk>/withdraw/: a confirmation page, and the POST that withdraws."""

    template_name = "participants/nomination_withdraw.html"

    @override
    def get(self, request, *args, **kwargs):
        return self.nomination_or_page() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if page := self.nomination_or_page():
            return page
        try:
            nomination = nomination_withdraw(nomination=self.nomination, by=request.user)
        except PermissionDenied as error:
            raise Http404("Not a focal point of this organization.") from error
        except ValidationError as error:
            for message in error.messages:
                messages.warning(request, message)
            return redirect(self.nomination)
        messages.success(
            request,
            _("The nomination of %(name)s was withdrawn; the place it held is free.")
            % {"name": nomination.full_name},
        )
        return redirect(nomination)

    @override
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            **kwargs,
            nomination=self.nomination,
            meeting=self.nomination.meeting,
            organization=self.nomination.organization,
        )
