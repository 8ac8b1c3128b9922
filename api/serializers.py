"""What each API answer holds: the fields and their meaning, which drf-spectacular reads to
write the OpenAPI schema. Only public data: no e-mail, phone, address, date of birth, nomination
or user appears in any of them."""

from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Organization
from config.links import absolute_url
from meetings.models import Appearance, Meeting, Person, Role
from meetings.programme import item_anchor, segment_anchor
from papers.models import Document

from .programme import version_data

# The meeting's files, by the name of their address: left out while an address does not exist.
EXPORTS = {
    "calendar": "meetings:programme_ics",
    "schedule_xml": "meetings:schedule_xml",
    "schedule_json": "meetings:schedule_json",
    "pdf": "meetings:programme_pdf",
}


def _api_url(name: str, **kwargs: Any) -> str:
    return absolute_url(reverse(f"api:{name}", kwargs=kwargs))


def export_links(meeting: Meeting) -> dict[str, str]:
    links = {}
    for key, name in EXPORTS.items():
        try:
            links[key] = absolute_url(reverse(name, kwargs={"slug": meeting.slug}))
        except NoReverseMatch:
            continue
    return links


class OrganizationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("Its number in this API."))
    name = serializers.CharField()
    acronym = serializers.CharField(help_text=_('"DESA"; empty when it has none.'))
    url = serializers.SerializerMethodField(help_text=_("Its record in this API."))

    def get_url(self, organization: Organization) -> str:
        return _api_url("organization_detail", id=organization.pk)


class OrganizationSerializer(OrganizationRefSerializer):
    label = serializers.CharField(
        help_text=_('How a programme names it: "Population Division, DESA".')
    )
    kind = serializers.CharField(help_text=_('"government", "un", "igo", "academic"…'))
    kind_label = serializers.CharField(source="get_kind_display")
    country = serializers.CharField(
        help_text=_("Where it is based; for a government, the country it represents.")
    )
    parent = OrganizationRefSerializer(
        allow_null=True, help_text=_("The body it belongs to, if any.")
    )
    website = serializers.SerializerMethodField(
        allow_null=True, help_text=_("Its public website; null when unknown.")
    )
    logo_url = serializers.SerializerMethodField(allow_null=True)

    @extend_schema_field(OpenApiTypes.URI)
    def get_website(self, organization: Organization) -> str | None:
        return organization.website or None

    @extend_schema_field(OpenApiTypes.URI)
    def get_logo_url(self, organization: Organization) -> str | None:
        return absolute_url(organization.logo.url) if organization.logo else None


class SeriesSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    page_url = serializers.SerializerMethodField()

    def get_page_url(self, series: Any) -> str:
        return absolute_url(series.get_absolute_url())


class VersionSerializer(serializers.Serializer):
    number = serializers.IntegerField(help_text=_("1 for the first released version."))
    label = serializers.CharField(help_text=_('"Version 2".'))
    published_at = serializers.DateTimeField()
    date = serializers.DateField(help_text=_("The day it was released, at the venue."))
    note = serializers.CharField(help_text=_("What changed, in staff's words; may be empty."))


class MeetingSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    series = SeriesSerializer(allow_null=True)
    edition = serializers.IntegerField(
        allow_null=True, help_text=_("10 for the tenth meeting of its series.")
    )
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    dates = serializers.CharField(source="dates_display", help_text=_('"9–10 February 2012".'))
    time_zone = serializers.CharField(
        help_text=_("The venue's IANA time zone; session times are in it.")
    )
    utc_offset = serializers.CharField(
        source="utc_offset_display", help_text=_('On the first day: "UTC−05:00".')
    )
    venue = serializers.CharField()
    city = serializers.CharField()
    country = serializers.CharField()
    summary = serializers.CharField()
    organizer = OrganizationRefSerializer(allow_null=True)
    url = serializers.SerializerMethodField(help_text=_("This meeting in the API."))
    page_url = serializers.SerializerMethodField(help_text=_("The meeting's page on the site."))

    def get_url(self, meeting: Meeting) -> str:
        return _api_url("meeting_detail", slug=meeting.slug)

    def get_page_url(self, meeting: Meeting) -> str:
        return absolute_url(meeting.get_absolute_url())


class MeetingExportsSerializer(serializers.Serializer):
    calendar = serializers.URLField(required=False, help_text=_("iCalendar file (RFC 5545)."))
    schedule_xml = serializers.URLField(required=False, help_text=_("frab schedule XML."))
    schedule_json = serializers.URLField(required=False, help_text=_("frab schedule JSON."))
    pdf = serializers.URLField(required=False, help_text=_("The printable programme."))


class MeetingLinksSerializer(serializers.Serializer):
    programme = serializers.URLField(help_text=_("The programme in this API."))
    documents = serializers.URLField(help_text=_("The published documents in this API."))
    participants = serializers.URLField(
        help_text=_("The list of participants in this API (a 404 until it is published).")
    )


class MeetingDetailSerializer(MeetingSerializer):
    description = serializers.CharField()
    objectives = serializers.SerializerMethodField()
    mandate = serializers.CharField()
    expected_outcome = serializers.CharField()
    programme_url = serializers.SerializerMethodField(help_text=_("The programme page."))
    programme_version = serializers.SerializerMethodField(
        help_text=_("The released programme version the public reads; null before the first.")
    )
    exports = serializers.SerializerMethodField(
        help_text=_("The meeting's files, each present once it is offered.")
    )
    api = serializers.SerializerMethodField()

    def get_objectives(self, meeting: Meeting) -> list[str]:
        return [objective.text for objective in meeting.objectives.all()]

    def get_programme_url(self, meeting: Meeting) -> str:
        return absolute_url(reverse("meetings:programme", kwargs={"slug": meeting.slug}))

    @extend_schema_field(VersionSerializer(allow_null=True))
    def get_programme_version(self, meeting: Meeting) -> dict[str, Any] | None:
        return version_data(meeting)

    @extend_schema_field(MeetingExportsSerializer)
    def get_exports(self, meeting: Meeting) -> dict[str, str]:
        return export_links(meeting)

    @extend_schema_field(MeetingLinksSerializer)
    def get_api(self, meeting: Meeting) -> dict[str, str]:
        return {
            "programme": _api_url("meeting_programme", slug=meeting.slug),
            "documents": _api_url("meeting_documents", slug=meeting.slug),
            "participants": _api_url("meeting_participants", slug=meeting.slug),
        }


# The programme (api.programme builds the data these describe).

ROLE_HELP = _("speaker, presenter, moderator, chair or discussant")


class ProgrammePersonSerializer(serializers.Serializer):
    name = serializers.CharField(help_text=_('With the honorific; "Name withheld" when erased.'))
    slug = serializers.CharField(allow_null=True, help_text=_("Null when the name is withheld."))
    withheld = serializers.BooleanField()
    role = serializers.ChoiceField(choices=Role.choices, help_text=ROLE_HELP)
    role_label = serializers.CharField()
    affiliation = serializers.CharField(help_text=_("As the programme shows it."))
    url = serializers.URLField(allow_null=True, help_text=_("The person in this API."))
    page_url = serializers.URLField(allow_null=True, help_text=_("The person's page."))


class SegmentSerializer(serializers.Serializer):
    uid = serializers.UUIDField(help_text=_("Stable across edits and versions."))
    title = serializers.CharField(help_text=_("May be empty for a speaker's remarks."))
    url = serializers.URLField(help_text=_("Its place on the programme page."))
    people = ProgrammePersonSerializer(many=True)


class ItemSerializer(serializers.Serializer):
    uid = serializers.UUIDField(help_text=_("Stable across edits and versions."))
    number = serializers.IntegerField(help_text=_("1 for agenda item I."))
    numeral = serializers.CharField(help_text=_('"IV".'))
    title = serializers.CharField()
    continued = serializers.BooleanField(
        help_text=_("True where the item goes on from an earlier session.")
    )
    url = serializers.URLField(help_text=_("Its place on the programme page."))
    people = ProgrammePersonSerializer(
        many=True, help_text=_("The item's own moderators, chairs and speakers.")
    )
    segments = SegmentSerializer(many=True)


class SessionSerializer(serializers.Serializer):
    uid = serializers.UUIDField(help_text=_("Stable across edits; the calendar's UID."))
    date = serializers.DateField()
    start_time = serializers.CharField(help_text=_('Local time at the venue, "10:00".'))
    end_time = serializers.CharField(help_text=_('Local time at the venue, "13:00".'))
    start = serializers.DateTimeField(help_text=_("With the venue's UTC offset that day."))
    end = serializers.DateTimeField(help_text=_("With the venue's UTC offset that day."))
    name = serializers.CharField()
    room = serializers.CharField()
    url = serializers.URLField(help_text=_("Its place on the programme page."))
    items = ItemSerializer(many=True)


class DaySerializer(serializers.Serializer):
    date = serializers.DateField()
    heading = serializers.CharField(help_text=_('"Thursday, 9 February 2012".'))
    url = serializers.URLField(help_text=_("Its place on the programme page."))
    sessions = SessionSerializer(many=True)


class ProgrammeSerializer(serializers.Serializer):
    meeting = serializers.SlugField()
    time_zone = serializers.CharField()
    programme_url = serializers.URLField()
    version = VersionSerializer(allow_null=True)
    days = DaySerializer(many=True)
    unscheduled = ItemSerializer(many=True, help_text=_("Agenda items not yet in a session."))


# People.


class MeetingRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    start_date = serializers.DateField()
    url = serializers.SerializerMethodField()

    def get_url(self, meeting: Meeting) -> str:
        return _api_url("meeting_detail", slug=meeting.slug)


class AppearanceSerializer(serializers.Serializer):
    meeting = MeetingRefSerializer(source="agenda_item.meeting")
    item_number = serializers.IntegerField()
    item_numeral = serializers.CharField()
    item_title = serializers.CharField(source="agenda_item.title")
    segment_title = serializers.SerializerMethodField(allow_null=True)
    role = serializers.ChoiceField(choices=Role.choices, help_text=ROLE_HELP)
    role_label = serializers.CharField(source="get_role_display")
    affiliation = serializers.CharField(help_text=_("As that meeting's programme shows it."))
    programme_url = serializers.SerializerMethodField(
        help_text=_("The item (or presentation) on the programme page.")
    )

    def get_segment_title(self, appearance: Appearance) -> str | None:
        return appearance.segment.title if appearance.segment_id else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_programme_url(self, appearance: Appearance) -> str:
        meeting = appearance.agenda_item.meeting
        url = absolute_url(reverse("meetings:programme", kwargs={"slug": meeting.slug}))
        if appearance.segment_id:
            return f"{url}#{segment_anchor(appearance.segment_id)}"
        return f"{url}#{item_anchor(appearance.agenda_item_id)}"


class PersonSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField(source="display_name", help_text=_("With the honorific."))
    honorific = serializers.SerializerMethodField()
    given_name = serializers.CharField()
    family_name = serializers.CharField()
    position = serializers.CharField()
    organization = OrganizationRefSerializer(allow_null=True)
    country = serializers.CharField()
    photo_url = serializers.SerializerMethodField(allow_null=True)
    url = serializers.SerializerMethodField()
    page_url = serializers.SerializerMethodField()

    def get_honorific(self, person: Person) -> str:
        return person.honorific.name if person.honorific_id else ""

    @extend_schema_field(OpenApiTypes.URI)
    def get_photo_url(self, person: Person) -> str | None:
        if not person.photo:
            return None
        return absolute_url(reverse("meetings:person_photo", kwargs={"slug": person.slug}))

    @extend_schema_field(OpenApiTypes.URI)
    def get_url(self, person: Person) -> str:
        return _api_url("person_detail", slug=person.slug)

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, person: Person) -> str:
        return absolute_url(person.get_absolute_url())


class PersonDetailSerializer(PersonSerializer):
    bio = serializers.CharField()
    appearances = serializers.SerializerMethodField(
        help_text=_("Where the person appears in released programmes, latest meeting first.")
    )

    @extend_schema_field(AppearanceSerializer(many=True))
    def get_appearances(self, _person: Person) -> list[dict[str, Any]]:
        return AppearanceSerializer(self.context["appearances"], many=True).data


# Documents.


class CategorySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class FileSerializer(serializers.Serializer):
    download_url = serializers.URLField()
    content_type = serializers.CharField()
    kind = serializers.CharField(source="kind_label", help_text=_('"PDF", "Word"…'))
    size = serializers.IntegerField(help_text=_("In bytes."))
    pages = serializers.IntegerField(source="page_count", allow_null=True)
    summary = serializers.CharField(help_text=_('"PDF, 1.2 MB, 3 pages".'))
    sha256 = serializers.CharField()


class AgendaItemRefSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    numeral = serializers.CharField()
    title = serializers.CharField()


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    symbol = serializers.CharField(help_text=_('A UN document symbol, "A/RES/65/170"; or empty.'))
    symbol_url = serializers.CharField(
        help_text=_("The symbol in the UN Official Document System.")
    )
    category = CategorySerializer()
    language = serializers.CharField(help_text=_('"en", "fr", … "mul" for several.'))
    language_label = serializers.CharField(source="get_language_display")
    authors = serializers.CharField(source="authors_display")
    organization = OrganizationRefSerializer(allow_null=True)
    agenda_item = serializers.SerializerMethodField(
        help_text=_("The agenda item it is presented under, as the released programme numbers it.")
    )
    published_at = serializers.DateTimeField(allow_null=True)
    page_url = serializers.SerializerMethodField()
    file = serializers.SerializerMethodField(help_text=_("The public file; null for a link."))
    external_url = serializers.CharField(
        source="other_link", help_text=_("Where it is published elsewhere; or empty.")
    )

    @extend_schema_field(AgendaItemRefSerializer(allow_null=True))
    def get_agenda_item(self, document: Document) -> dict[str, Any] | None:
        # None when it is under no item, or under one not in the released programme yet.
        released: dict[int, dict[str, Any]] = self.context["released_items"]
        return released.get(document.agenda_item_id) if document.agenda_item_id else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, document: Document) -> str:
        return absolute_url(document.get_absolute_url())

    @extend_schema_field(FileSerializer(allow_null=True))
    def get_file(self, document: Document) -> dict[str, Any] | None:
        version = document.public_version
        if version is None:
            return None
        data: dict[str, Any] = FileSerializer(
            {
                "download_url": absolute_url(version.get_absolute_url()),
                "content_type": version.content_type,
                "kind_label": version.kind_label,
                "size": version.size,
                "page_count": version.page_count,
                "summary": version.summary,
                "sha256": version.sha256,
            }
        ).data
        return data


# The list of participants (participants.listing.Line: honorific, name, position, affiliation).


class ParticipantSerializer(serializers.Serializer):
    honorific = serializers.CharField()
    name = serializers.CharField()
    position = serializers.CharField()
    affiliation = serializers.CharField(
        help_text=_("Under a country: the ministry or mission; else empty.")
    )


class ParticipantEntrySerializer(serializers.Serializer):
    heading = serializers.CharField(help_text=_("A country or an organization; may be empty."))
    participants = ParticipantSerializer(source="members", many=True)


class ParticipantPartSerializer(serializers.Serializer):
    heading = serializers.CharField(help_text=_("A sub-heading, or empty."))
    entries = ParticipantEntrySerializer(many=True)


class ParticipantGroupSerializer(serializers.Serializer):
    key = serializers.CharField()
    heading = serializers.CharField()
    parts = ParticipantPartSerializer(many=True)


class ParticipantListSerializer(serializers.Serializer):
    meeting = serializers.SlugField()
    count = serializers.IntegerField()
    page_url = serializers.URLField()
    groups = ParticipantGroupSerializer(many=True)


class DocumentListSerializer(serializers.Serializer):
    meeting = serializers.SlugField()
    count = serializers.IntegerField()
    results = DocumentSerializer(many=True)
