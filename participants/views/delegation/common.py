"""What the focal points' pages share: the meeting, who is the Secretariat, which nominations a
focal point may change, the closed-registration page, and how a form shows the service's answer."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from accounts.models import Organization, User
from meetings.models import Meeting
from participants.forms import NominationForm
from participants.models import Nomination, Registration
from participants.services.places import Places
from uploads.refusals import upload_refusal_record


def published_meeting(slug: str) -> Meeting:
    """A published meeting that takes nominations, with its registration: a 404 otherwise."""
    meeting = get_object_or_404(
        Meeting.objects.published().select_related("registration"), slug=slug
    )
    if getattr(meeting, "registration", None) is None:
        raise Http404("This meeting takes no nominations.")
    return meeting


def own_nominations(user: User):
    """The nominations a focal point may change: their own organizations', for published
    meetings. Anybody else's is a 404."""
    return Nomination.objects.filter(
        organization__in=Organization.objects.for_user(user),
        meeting__in=Meeting.objects.published(),
    ).with_details()


def closed_page(request, registration: Registration, organization: Organization) -> HttpResponse:
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


def refused_letter_log(form: NominationForm, user: User, organization: Organization) -> None:
    if refusal := getattr(form, "upload_refusal", None):
        upload, reasons = refusal
        upload_refusal_record(upload=upload, reasons=reasons, by=user, organization=organization)


def bidi_notice(form: NominationForm) -> str:
    notice = ""
    if form.bidi_stripped:
        labels = [str(form.fields[name].label).lower() for name in form.bidi_stripped]
        notice += " " + _(
            "Invisible text-direction characters were removed from the %(fields)s: check that "
            "they read as they should."
        ) % {"fields": get_text_list(labels, _("and"))}
    if form.invisible_stripped:
        labels = [str(form.fields[name].label).lower() for name in form.invisible_stripped]
        notice += " " + _(
            "Invisible characters (zero-width spaces, soft hyphens) were removed from the "
            "%(fields)s: check that they read as they should."
        ) % {"fields": get_text_list(labels, _("and"))}
    return notice


def errors_added(form: NominationForm, error: ValidationError) -> None:
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
