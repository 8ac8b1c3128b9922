"""Meetings, their series, versions and organizations."""

from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Organization
from config.links import absolute_url
from meetings.models import Meeting

from ..programme import version_data

# The meeting's files, by the name of their address: left out while an address does not exist.
EXPORTS = {
    "calendar": "meetings:programme_ics",
    "schedule_xml": "meetings:schedule_xml",
    "schedule_json": "meetings:schedule_json",
    "pdf": "meetings:programme_pdf",
}


def api_url(name: str, **kwargs: Any) -> str:
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
        return api_url("organization_detail", id=organization.pk)


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
        return api_url("meeting_detail", slug=meeting.slug)

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
            "programme": api_url("meeting_programme", slug=meeting.slug),
            "documents": api_url("meeting_documents", slug=meeting.slug),
            "participants": api_url("meeting_participants", slug=meeting.slug),
        }
