"""The focal points' pages: their organization's delegation to a meeting, the nomination form,
changes, withdrawals, and the nomination letter.

Who may see what is decided once per view: a focal point reaches their own organizations'
delegations and nominations, and anything else is a 404; the Secretariat's staff (with
participants.view_nomination) read every delegation and letter but change nothing here (the
back office is theirs). Every write goes through participants.services.nominations.
"""

import copy
from typing import Any, override

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe
from django.views.generic import FormView, TemplateView, View

from accounts.models import Organization, User
from accounts.text import single_line
from meetings.models import Meeting
from participants.forms import NominationForm
from participants.models import Nomination, Registration
from participants.roster import meeting_roster
from participants.services.nominations import (
    Nominee,
    nomination_create,
    nomination_update,
    nomination_withdraw,
)
from participants.services.places import Places, places_for
from uploads.downloads import FILE_CSP, attachment_disposition
from uploads.refusals import upload_refusal_record


def _meeting(slug: str) -> Meeting:
    """A published meeting that takes nominations, with its registration: a 404 otherwise."""
    meeting = get_object_or_404(
        Meeting.objects.published().select_related("registration"), slug=slug
    )
    if getattr(meeting, "registration", None) is None:
        raise Http404("This meeting takes no nominations.")
    return meeting


def _is_secretariat(user: User) -> bool:
    return user.is_staff and user.has_perm("participants.view_nomination")


def _own_nominations(user: User):
    """The nominations a focal point may change: their own organizations', for published
    meetings. Anybody else's is a 404."""
    return Nomination.objects.filter(
        organization__in=Organization.objects.for_user(user),
        meeting__in=Meeting.objects.published(),
    ).with_details()


def _closed_page(request, registration: Registration, organization: Organization) -> HttpResponse:
    return render(
        request,
        "participants/registration_closed.html",
        {
            "meeting": registration.meeting,
            "registration": registration,
            "organization": organization,
        },
        status=403,
    )


def _log_refused_letter(form: NominationForm, user: User, organization: Organization) -> None:
    if refusal := getattr(form, "upload_refusal", None):
        upload, reasons = refusal
        upload_refusal_record(upload=upload, reasons=reasons, by=user, organization=organization)


def _bidi_notice(form: NominationForm) -> str:
    if not form.bidi_stripped:
        return ""
    labels = [str(form.fields[name].label).lower() for name in form.bidi_stripped]
    return " " + _(
        "Invisible text-direction characters were removed from the %(fields)s: check that "
        "they read as they should."
    ) % {"fields": get_text_list(labels, _("and"))}


def _errors_added(form: NominationForm, error: ValidationError) -> None:
    """The service's refusal on the form: on its field when it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def nominate_refusal(registration: Registration, places: Places, organization) -> str:
    """Why the organization cannot nominate anyone now, or "" when it can."""
    if registration.has_closed():
        return _("Registration has closed: write to the Secretariat to change the delegation.")
    if not registration.is_open():
        return _("Registration is not open yet.")
    if places.left == 0:
        if (
            places.per_organization is not None
            and places.organization_taken >= places.per_organization
        ):
            return _(
                "%(organization)s has used all its places: withdraw a nomination to nominate "
                "someone else."
            ) % {"organization": organization.short_name}
        return _("The meeting is full: no place is left.")
    return ""


class DelegationChoiceView(LoginRequiredMixin, View):
    """/meetings/<slug>/delegation/: which of the user's organizations; straight to the one."""

    def get(self, request, slug: str):
        meeting = _meeting(slug)
        organizations = list(Organization.objects.for_user(request.user).with_parent())
        if len(organizations) == 1:
            return redirect("participants:delegation", meeting.slug, organizations[0].pk)
        if not organizations:
            return render(
                request, "participants/not_a_focal_point.html", {"meeting": meeting}, status=403
            )
        return render(
            request,
            "participants/delegation_choice.html",
            {"meeting": meeting, "organizations": organizations},
        )


class OrganizationMixin(LoginRequiredMixin):
    """The meeting (with its registration) and one of the user's organizations, from the URL."""

    def setup_delegation(self) -> None:
        self.meeting = _meeting(self.kwargs["slug"])
        self.registration = self.meeting.registration
        self.organization = (
            Organization.objects.for_user(self.request.user)
            .with_parent()
            .filter(pk=self.kwargs["organization"])
            .first()
        )
        self.is_own = self.organization is not None


class DelegationView(OrganizationMixin, TemplateView):
    """/meetings/<slug>/delegation/<organization>/: "My delegation"."""

    template_name = "participants/delegation.html"

    @override
    def get(self, request, *args, **kwargs):
        self.setup_delegation()
        if self.organization is None:
            if not _is_secretariat(request.user):
                raise Http404("Not a focal point of this organization.")
            self.organization = get_object_or_404(
                Organization.objects.with_parent(), pk=self.kwargs["organization"]
            )
        return self.render_to_response(self.get_context_data())

    @override
    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        nominations = list(
            Nomination.objects.visible_to(self.request.user)
            .for_meeting(self.meeting)
            .filter(organization=self.organization)
            .with_details()
        )
        nominations.sort(key=lambda nomination: not nomination.is_active)  # stable
        places = places_for(self.registration, self.organization)
        refusal = nominate_refusal(self.registration, places, self.organization)
        programme_people = [
            participant
            for participant in meeting_roster(self.meeting)
            if participant.roles
            and participant.organization is not None
            and participant.organization.pk == self.organization.pk
        ]
        programme_people.sort(key=lambda participant: participant.sort_key)
        return super().get_context_data(
            **kwargs,
            meeting=self.meeting,
            registration=self.registration,
            organization=self.organization,
            is_own=self.is_own,
            can_change=self.is_own and self.registration.is_open(),
            nominations=nominations,
            places=places,
            nominate_refusal=refusal,
            programme_people=programme_people,
        )


def _same_nomination_sent(
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
            return _closed_page(self.request, self.registration, self.organization)
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
        _log_refused_letter(form, self.request.user, self.organization)
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
            earlier = _same_nomination_sent(
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
            _errors_added(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "%(name)s is nominated for %(organization)s. The Secretariat will decide, and "
                "you will get an e-mail when it does."
            )
            % {"name": nomination.display_name, "organization": self.organization.short_name}
            + _bidi_notice(form),
        )
        return redirect(nomination)


class OwnNominationMixin(LoginRequiredMixin):
    """A nomination of one of the user's organizations, while it may still change."""

    def nomination_or_page(self) -> HttpResponse | None:
        self.nomination = get_object_or_404(
            _own_nominations(self.request.user), pk=self.kwargs["pk"]
        )
        self.registration = get_object_or_404(
            Registration.objects.select_related("meeting"), meeting=self.nomination.meeting
        )
        if not self.registration.is_open():
            return _closed_page(self.request, self.registration, self.nomination.organization)
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
        _log_refused_letter(form, self.request.user, self.nomination.organization)
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
            _errors_added(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The nomination of %(name)s is saved.") % {"name": nomination.display_name}
            + _bidi_notice(form),
        )
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


@require_safe
@login_required
@csp_override(FILE_CSP)
def nomination_letter(request, pk: int) -> FileResponse:
    """/nominations/<pk>/letter/: the letter, to its organization's focal points and the
    Secretariat; a 404 for anybody else."""
    nomination = get_object_or_404(
        Nomination.objects.visible_to(request.user).exclude(letter=""), pk=pk
    )
    letter = nomination.letter
    try:
        opened = letter.storage.open(letter.name, "rb")
    except FileNotFoundError as error:
        raise Http404("The letter is missing from storage.") from error
    response = FileResponse(opened, content_type="application/pdf")
    response.headers["Content-Disposition"] = attachment_disposition(
        nomination.letter_name or "letter.pdf"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    patch_vary_headers(response, ["Cookie"])
    patch_cache_control(response, private=True, no_store=True)
    return response
