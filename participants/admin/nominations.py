"""The Secretariat's queue of nominations: filters, places per organization above the list, the
decisions as actions, a read-only change page with the history, and "Add nomination" for a
participant the Secretariat adds itself (accepted at once)."""

from typing import override

from django.contrib import admin
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from accounts.text import NfcSearchMixin
from meetings.history.admin import HistoryMixin
from participants.admin.actions import DecisionActionsMixin
from participants.admin.counts import offer_question, places_summary
from participants.admin.registration import queue_url
from participants.forms_admin import NOMINEE_FIELDS, NominationAddForm
from participants.models import Nomination, NominationEvent, Registration

MEETING_FILTER = "meeting__id__exact"


class NominationEventInline(admin.TabularInline):
    """The nomination's history: who did what, when, with which message. Only read."""

    model = NominationEvent
    template = "admin/participants/nomination/history_inline.html"
    fields = ["at", "kind", "by", "message"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = _("event")
    verbose_name_plural = _("history")

    @override
    def get_queryset(self, request):
        return super().get_queryset(request).select_related("by")

    @override
    def has_add_permission(self, request, obj=None):
        return False

    @override
    def has_change_permission(self, request, obj=None):
        return False

    @override
    def has_delete_permission(self, request, obj=None):
        return False


def filtered_meeting_id(request) -> int | None:
    """The meeting the list is filtered to: an id as the filter writes it (ASCII digits, within
    a database integer), None for anything else (a superscript or Arabic-Indic digit, 10**30)."""
    value = request.GET.get(MEETING_FILTER, "")
    if not (value.isascii() and value.isdigit()) or len(value) > 18:
        return None
    return int(value)


@admin.register(Nomination)
class NominationAdmin(HistoryMixin, DecisionActionsMixin, NfcSearchMixin, admin.ModelAdmin):
    # Short headers, so the queue fits beside the admin's menu and filters; the kind of
    # organization is a filter. When it was decided is on the nomination's page: the list shows
    # what decides (status, organization) and fits 1280 px.
    list_display = [
        "name",
        "organization_name",
        "status",
        "head",
        "public_list",
        "created_at",
        "meeting",
    ]
    list_display_links = ["name"]
    list_filter = [
        "meeting",
        ("organization", admin.RelatedOnlyFieldListFilter),
        "organization__kind",
        "status",
    ]
    list_select_related = ["honorific", "organization", "meeting"]
    search_fields = ["given_name", "family_name", "email", "person__family_name"]
    ordering = ["meeting", "organization__name", "-head_of_delegation", "created_at", "pk"]
    actions = ["accept", "waitlist", "decline"]
    view_on_site = False  # a nomination's page is its organization's, for its focal points
    autocomplete_fields = ["meeting", "organization"]
    inlines = [NominationEventInline]
    add_form = NominationAddForm
    add_fieldsets = [
        (None, {"fields": ["meeting", "organization"]}),
        (
            _("The participant"),
            {
                "fields": [
                    "honorific",
                    ("given_name", "family_name"),
                    "position",
                    ("head_of_delegation", "listed"),
                ]
            },
        ),
        (
            _("Contact and requirements (the Secretariat and the organization's focal points)"),
            {"fields": [("email", "phone"), "requirements", "letter_file"]},
        ),
    ]
    fieldsets = [
        (None, {"fields": ["meeting", "organization", "person_link", "status", "decision"]}),
        (
            _("As the organization nominated them"),
            {
                "fields": [
                    "honorific",
                    ("given_name", "family_name"),
                    "position",
                    ("head_of_delegation", "listed"),
                ]
            },
        ),
        (
            _("Contact and requirements (the Secretariat and the organization's focal points)"),
            {"fields": [("email", "phone"), "requirements", "letter_link"]},
        ),
        (_("Record"), {"fields": [("nominated_by", "created_at"), "updated_at", "erased_at"]}),
    ]
    readonly_fields = [
        "meeting",
        "organization",
        "person_link",
        "status",
        "decision",
        *NOMINEE_FIELDS,
        "letter_link",
        "nominated_by",
        "created_at",
        "updated_at",
        "erased_at",
    ]

    # Who may do what: the Secretariat decides; nobody deletes.

    @override
    def has_change_permission(self, request, obj=None):
        """The decisions (actions on the list) need it; a nomination's own page only shows: its
        status changes through the actions, its details through its organization's focal points."""
        return obj is None and super().has_change_permission(request)

    @override
    def has_delete_permission(self, request, obj=None):
        return False

    @override
    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                "honorific",
                "organization__parent",
                "meeting",
                "person",
                "decided_by",
                "nominated_by",
            )
        )

    # The add page is a form for nomination_create(); the nomination's page only shows.

    @override
    def get_fieldsets(self, request, obj=None):
        return self.add_fieldsets if obj is None else self.fieldsets

    @override
    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    @override
    def get_inlines(self, request, obj):
        return [] if obj is None else self.inlines

    @override
    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = self.add_form
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            form.added_by = request.user
        return form

    @override
    def get_list_display(self, request):
        """The meeting's column only while the list shows several meetings."""
        if filtered_meeting_id(request) is not None:
            return [name for name in self.list_display if name != "meeting"]
        return self.list_display

    @override
    def changelist_view(self, request, extra_context=None):
        """Above the list, for the meeting filtered to: places per organization and offers."""
        extra_context = dict(extra_context or {})
        meeting_id = filtered_meeting_id(request)
        if meeting_id is not None:
            summary = places_summary(meeting_id)
            extra_context["places"] = summary
            extra_context["offers"] = (
                [(offer_question(nomination), nomination) for nomination in summary.offers]
                if summary
                else []
            )
        else:
            extra_context["registrations"] = [
                (registration.meeting.title, queue_url(registration.meeting_id))
                for registration in Registration.objects.select_related("meeting")[:12]
            ]
        return super().changelist_view(request, extra_context)

    # Columns and read-only fields

    @admin.display(description=_("name"), ordering="family_name")
    def name(self, nomination: Nomination) -> str:
        return format_html('<span dir="auto">{}</span>', nomination.display_name)

    @admin.display(description=_("organization"), ordering="organization__name")
    def organization_name(self, nomination: Nomination) -> str:
        """The acronym where there is one: "IOM", "ECLAC"; the name in full on hover."""
        return format_html(
            '<span title="{}" dir="auto">{}</span>',
            nomination.organization.name,
            nomination.organization.short_name,
        )

    @admin.display(description=_("head"), boolean=True, ordering="-head_of_delegation")
    def head(self, nomination: Nomination) -> bool:
        return nomination.head_of_delegation

    @admin.display(description=_("public list"), boolean=True, ordering="listed")
    def public_list(self, nomination: Nomination) -> bool:
        return nomination.listed

    @admin.display(description=_("kind"), ordering="organization__kind")
    def organization_kind(self, nomination: Nomination) -> str:
        return nomination.organization.get_kind_display()

    @admin.display(description=_("person"))
    def person_link(self, nomination: Nomination) -> str:
        """The Person the nomination is linked to, across meetings and programmes."""
        return format_html(
            '<a href="{}" dir="auto">{}</a>',
            reverse("admin:meetings_person_change", args=[nomination.person_id]),
            nomination.person.full_name,
        )

    @admin.display(description=_("decision"))
    def decision(self, nomination: Nomination) -> str:
        if nomination.decided_at is None:
            return _("Not decided yet.")
        return format_html(
            "{}{}",
            _("%(status)s by %(who)s, %(when)s")
            % {
                "status": nomination.get_status_display(),
                "who": nomination.decided_by or _("a former user"),
                "when": date_format(localtime(nomination.decided_at), "DATETIME_FORMAT"),
            },
            format_html(": “{}”", nomination.decision_message)
            if nomination.decision_message
            else "",
        )

    @admin.display(description=_("nomination letter"))
    def letter_link(self, nomination: Nomination) -> str:
        if not nomination.letter:
            return _("No letter.")
        return format_html(
            '<a href="{}" dir="auto">{}</a>',
            reverse("participants:nomination_letter", args=[nomination.pk]),
            nomination.letter_name or _("nomination letter"),
        )
