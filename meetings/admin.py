from typing import override

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accounts.admin_concurrency import StalePageMixin
from accounts.text import NfcSearchMixin
from config.admin_languages import TranslatedAdmin, TranslatedTabularInline
from config.admin_widgets import LabelledFileInputsMixin

from .admin_cloning import CloningMixin
from .admin_people import PersonActionsMixin
from .admin_person_search import (
    PersonSearchMixin,
    person_choice_field,
    use_labelled_autocomplete,
)
from .admin_programme_editor import ProgrammeEditorMixin
from .admin_publishing import PublishingAdminMixin
from .admin_translations import TranslationStatusMixin
from .history.admin import (
    AgendaItemHistoryMixin,
    HistoryMixin,
    MeetingHistoryMixin,
    SegmentHistoryMixin,
)
from .models import (
    AgendaItem,
    Appearance,
    Honorific,
    Meeting,
    MeetingSeries,
    Objective,
    Person,
    Segment,
    Session,
)

OTHER_MEETINGS_SESSION = _("Choose sessions of this item's own meeting.")
# A Segment is a "presentation" to staff, as in the programme editor and on the public pages.
PRESENTATION = _("presentation")
PRESENTATIONS = _("presentations")


def presentation_choice_field(formfield):
    """The people inline's choice of a presentation: named so, and a plain list of the item's
    own presentations (edited in the inline above it), without links to popup windows."""
    formfield.label = PRESENTATION.capitalize()
    formfield.help_text = _("Blank for the item's own moderators, chairs or speakers.")
    if hasattr(formfield.widget, "widget"):  # the admin's add/change/view links around it
        formfield.widget = formfield.widget.widget
    return formfield


def offer_sessions(field, meeting_id) -> None:
    """Offer one meeting's sessions; before the meeting is known, all sessions, by meeting."""
    if meeting_id:
        field.queryset = Session.objects.filter(meeting_id=meeting_id)
        field.error_messages["invalid_choice"] = OTHER_MEETINGS_SESSION
    else:
        field.queryset = Session.objects.select_related("meeting").order_by("meeting", "date")
        field.label_from_instance = lambda session: f"{session.meeting}: {session}"


class OwnChoicesFormSet(BaseInlineFormSet):
    """Inline rows offer, in each field that own_choices() names, only the objects it gives: those
    of the page's own meeting or item. They are listed once for all rows, not once a row."""

    def own_choices(self) -> dict[str, QuerySet]:
        raise NotImplementedError

    @cached_property
    def _listed(self) -> dict[str, list]:
        return {}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, queryset in self.own_choices().items():
            if field := form.fields.get(name):
                field.queryset = queryset
                if name not in self._listed:
                    self._listed[name] = list(field.choices)
                field.choices = self._listed[name]


class MeetingAgendaFormSet(OwnChoicesFormSet):
    def own_choices(self):
        return {"sessions": Session.objects.filter(meeting_id=self.instance.pk)}


class ItemPartFormSet(OwnChoicesFormSet):
    def own_choices(self):
        item = self.instance
        return {
            "session": Session.objects.filter(meeting_id=item.meeting_id),
            "segment": Segment.objects.filter(agenda_item_id=item.pk).select_related("agenda_item"),
        }


class MeetingSessionFormSet(BaseInlineFormSet):
    def clean(self):
        """Session.clean() checks the meeting's dates once the meeting is saved; a new meeting's
        sessions are checked here, against the dates typed in the same form."""
        super().clean()
        meeting = self.instance
        if meeting.pk or not (meeting.start_date and meeting.end_date):
            return
        message = _("The meeting runs from %(start)s to %(end)s; this date is outside it.") % {
            "start": meeting.start_date.isoformat(),
            "end": meeting.end_date.isoformat(),
        }
        for form in self.forms:
            day = form.cleaned_data.get("date")
            if self._should_delete_form(form) or not day:
                continue
            if not meeting.start_date <= day <= meeting.end_date:
                form.add_error("date", message)


class ObjectiveInline(TranslatedTabularInline):
    model = Objective
    fields = ["order", "text"]
    extra = 1


class SessionInline(TranslatedTabularInline):
    model = Session
    formset = MeetingSessionFormSet
    fields = ["date", "start_time", "end_time", "name", "room"]
    extra = 1


class AgendaItemInline(TranslatedTabularInline):
    model = AgendaItem
    formset = MeetingAgendaFormSet
    fields = ["title", "order", "sessions"]
    show_change_link = True
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("sessions")


@admin.register(MeetingSeries)
class MeetingSeriesAdmin(NfcSearchMixin, TranslatedAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Meeting)
class MeetingAdmin(
    ProgrammeEditorMixin,
    MeetingHistoryMixin,
    CloningMixin,
    PublishingAdminMixin,
    StalePageMixin,
    TranslationStatusMixin,
    NfcSearchMixin,
    TranslatedAdmin,
):
    list_display = ["title", "dates", "city", "status", "series"]
    list_filter = ["status", "series"]
    list_select_related = ["series"]
    date_hierarchy = "start_date"
    search_fields = ["title", "slug", "city", "country", "venue"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["series", "organizer"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", ("series", "edition"), "organizer"]}),
        (
            _("Where and when"),
            {"fields": ["venue", ("city", "country"), ("start_date", "end_date"), "time_zone"]},
        ),
        (_("About"), {"fields": ["summary", "description", "mandate", "expected_outcome"]}),
        (
            _("Documents and papers"),
            {
                "fields": [
                    ("submissions_open", "submissions_close"),
                    ("papers_per_organization", "megabytes_per_organization"),
                    "papers_unedited_note",
                ]
            },
        ),
    ]
    inlines = [ObjectiveInline, SessionInline, AgendaItemInline]
    actions = ["publish", "return_to_draft", "plan_next_edition"]

    @admin.display(description=_("dates"), ordering="start_date")
    def dates(self, meeting: Meeting) -> str:
        return meeting.dates_display


@admin.register(Session)
class SessionAdmin(HistoryMixin, NfcSearchMixin, TranslatedAdmin):
    list_display = ["date", "start_time", "end_time", "name", "room", "meeting"]
    list_filter = ["meeting__series", "meeting"]
    list_select_related = ["meeting"]
    date_hierarchy = "date"
    search_fields = ["name", "room", "meeting__title"]
    autocomplete_fields = ["meeting"]


class AgendaItemForm(forms.ModelForm):
    """An item takes up sessions of its own meeting only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "sessions" in self.fields:
            meeting_id = self.instance.meeting_id or self.initial.get("meeting")
            offer_sessions(self.fields["sessions"], meeting_id)

    def clean(self):
        cleaned_data = super().clean()
        meeting = cleaned_data.get("meeting")
        sessions = cleaned_data.get("sessions") or []
        if meeting and any(session.meeting_id != meeting.pk for session in sessions):
            self.add_error("sessions", OTHER_MEETINGS_SESSION)
        return cleaned_data


class SegmentForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "session" in self.fields:
            item = self.instance.agenda_item if self.instance.agenda_item_id else None
            offer_sessions(self.fields["session"], item and item.meeting_id)


class SegmentInline(TranslatedTabularInline):
    model = Segment
    formset = ItemPartFormSet
    fields = ["order", "title", "session"]
    extra = 1
    # Staff read "presentation" everywhere: the programme editor and the public programme do.
    verbose_name = PRESENTATION
    verbose_name_plural = PRESENTATIONS

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("agenda_item")


class AppearanceInline(admin.TabularInline):
    model = Appearance
    formset = ItemPartFormSet
    fields = ["segment", "person", "role", "affiliation", "order"]
    autocomplete_fields = ["person"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")

    @override
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return person_choice_field(formfield) if db_field.name == "person" else formfield

    @override
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "segment" and formfield is not None:
            return presentation_choice_field(formfield)  # once the admin wrapped its widget
        return formfield


@admin.register(AgendaItem)
class AgendaItemAdmin(AgendaItemHistoryMixin, StalePageMixin, NfcSearchMixin, TranslatedAdmin):
    form = AgendaItemForm
    list_display = ["numbered_title", "meeting"]
    list_filter = ["meeting"]
    list_select_related = ["meeting"]
    search_fields = ["title", "meeting__title"]
    autocomplete_fields = ["meeting"]
    fields = ["meeting", "order", "title", "description", "sessions"]
    inlines = [SegmentInline, AppearanceInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_number()

    @admin.display(description=_("agenda item"), ordering="order")
    def numbered_title(self, item: AgendaItem) -> str:
        return str(item)


class SegmentAppearanceInline(admin.TabularInline):
    model = Appearance
    fields = ["person", "role", "affiliation", "order"]
    autocomplete_fields = ["person"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")

    @override
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        formfield = super().formfield_for_foreignkey(db_field, request, **kwargs)
        return person_choice_field(formfield) if db_field.name == "person" else formfield


@admin.register(Segment)
class SegmentAdmin(SegmentHistoryMixin, NfcSearchMixin, TranslatedAdmin):
    form = SegmentForm
    list_display = ["presentation", "agenda_item", "session", "order"]
    list_filter = ["agenda_item__meeting"]
    list_select_related = ["agenda_item", "session"]
    search_fields = ["title", "agenda_item__title"]
    autocomplete_fields = ["agenda_item"]
    fields = ["agenda_item", "order", "title", "session"]
    inlines = [SegmentAppearanceInline]

    @admin.display(description=PRESENTATION, ordering="title")
    def presentation(self, segment: Segment) -> str:
        return str(segment)

    @override
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """ "Change presentation", as staff call it everywhere else."""
        title = _("Add %s") if object_id is None else _("Change %s")
        extra_context = {"title": title % PRESENTATION, **(extra_context or {})}
        return super().changeform_view(request, object_id, form_url, extra_context)

    @override
    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": _("Select %s to change") % PRESENTATION, **(extra_context or {})}
        return super().changelist_view(request, extra_context)


@admin.register(Honorific)
class HonorificAdmin(NfcSearchMixin, TranslatedAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


class CountryFilter(admin.AllValuesFieldListFilter):
    """The countries people are from; a blank country is no choice (a link without a name)."""

    @override
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lookup_choices = [country for country in self.lookup_choices if country]


@admin.register(Person)
class PersonAdmin(
    HistoryMixin,
    StalePageMixin,
    PersonSearchMixin,
    NfcSearchMixin,
    PersonActionsMixin,
    LabelledFileInputsMixin,
    TranslatedAdmin,
):
    list_display = ["name", "affiliation", "country"]
    list_filter = ["honorific", "organization__kind", ("country", CountryFilter)]
    list_select_related = ["honorific", "organization__parent"]
    search_fields = [
        "given_name",
        "family_name",
        "position",
        "organization__name",
        "organization__acronym",
    ]
    autocomplete_fields = ["organization"]
    actions = ["erase_personal_data", "merge_people"]

    @override
    def get_view_on_site_url(self, obj=None):
        """No "View on site" for a person whose data were erased: they have no public page."""
        if obj is not None and obj.withheld_at:
            return None
        return super().get_view_on_site_url(obj)

    @admin.display(description=_("name"), ordering="name_key")
    def name(self, person: Person) -> str:
        """With the honorific; "Name withheld" once the person's personal data is erased."""
        return person.display_name

    @admin.display(description=_("current affiliation"))
    def affiliation(self, person: Person) -> str:
        return "" if person.withheld_at else person.default_affiliation()


use_labelled_autocomplete(admin.site)
