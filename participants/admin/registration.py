"""Each meeting's registration: when nominations are taken, how many, with which letter, and
whether its list of participants is public. The change page links to the meeting's queue,
exports, badges, check-in desk and public list."""

from typing import override
from urllib.parse import urlencode

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.text import NfcSearchMixin
from config.admin_languages import TranslatedAdmin
from meetings.history.admin import HistoryMixin
from participants.models import Nomination, Registration


def queue_url(meeting_id: int) -> str:
    """The nominations queue filtered to one meeting, with its counts of places."""
    changelist = reverse("admin:participants_nomination_changelist")
    return f"{changelist}?{urlencode({'meeting__id__exact': meeting_id})}"


@admin.register(Registration)
class RegistrationAdmin(HistoryMixin, NfcSearchMixin, TranslatedAdmin):
    list_display = [
        "meeting",
        "opens_on",
        "closes_on",
        "capacity",
        "places_per_organization",
        "letter_required",
        "list_published",
    ]
    list_filter = ["list_published", "letter_required"]
    list_select_related = ["meeting"]
    search_fields = ["meeting__title", "meeting__slug"]
    autocomplete_fields = ["meeting"]
    readonly_fields = ["venue_time_zone"]
    fieldsets = [
        (None, {"fields": ["meeting"]}),
        (
            _("When nominations are taken"),
            {
                "description": _(
                    "The dates are days in the venue's time zone: registration opens at the "
                    "start of the first day and closes at the end of the last one there, "
                    "wherever the focal point is."
                ),
                "fields": ["venue_time_zone", ("opens_on", "closes_on")],
            },
        ),
        (
            _("Places"),
            {
                "description": _(
                    "Nominations awaiting a decision hold their place, as accepted ones do; "
                    "wait-listed, declined and withdrawn ones do not."
                ),
                "fields": [("capacity", "places_per_organization")],
            },
        ),
        (_("Nomination letter and note"), {"fields": ["letter_required", "note"]}),
        (_("Public list of participants"), {"fields": ["list_published"]}),
    ]

    @admin.display(description=_("venue's time zone"))
    def venue_time_zone(self, registration: Registration) -> str:
        if registration.pk is None or registration.meeting_id is None:
            return _("The meeting's own time zone, shown here once the registration is saved.")
        meeting = registration.meeting
        return f"{meeting.time_zone} ({meeting.utc_offset_display()})"

    def meeting_links(self, registration: Registration) -> list[tuple[str, str]]:
        """The Secretariat's pages for the meeting, and its public list once published."""
        meeting = registration.meeting
        links = [
            (_("Nominations"), queue_url(meeting.pk)),
            (_("Export CSV"), reverse("participants:export_csv", args=[meeting.slug])),
            (_("Export Excel"), reverse("participants:export_xlsx", args=[meeting.slug])),
            (_("Badges (PDF)"), reverse("participants:badges", args=[meeting.slug])),
            (_("Check-in"), reverse("participants:checkin", args=[meeting.slug])),
        ]
        if registration.list_published and meeting.is_published:
            links.append(
                (
                    _("Public list of participants"),
                    reverse("participants:list", args=[meeting.slug]),
                )
            )
        return links

    @override
    @override
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        taken = Nomination.objects.places_taken(obj.meeting)
        if obj.capacity is not None and taken[None] > obj.capacity:
            self.message_user(
                request,
                _(
                    "%(taken)d places are already held (awaiting decision or accepted), more than "
                    "the %(capacity)d places in all: nobody loses a place, but no one more can be "
                    "nominated or accepted until nominations are declined or withdrawn."
                )
                % {"taken": taken[None], "capacity": obj.capacity},
                messages.WARNING,
            )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("meeting")

    @override
    def change_view(self, request, object_id, form_url="", extra_context=None):
        registration = self.get_object(request, object_id)
        extra_context = dict(extra_context or {})
        if registration is not None:
            extra_context["meeting_links"] = self.meeting_links(registration)
        return super().change_view(request, object_id, form_url, extra_context)
