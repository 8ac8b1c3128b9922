"""People with a public page, and where they appear."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.links import absolute_url
from meetings.models import Meeting, Person, Role

from .meetings import OrganizationRefSerializer, api_url
from .programme import ROLE_HELP


class MeetingRefSerializer(serializers.Serializer):
    slug = serializers.SlugField()
    title = serializers.CharField()
    start_date = serializers.DateField()
    url = serializers.SerializerMethodField()

    def get_url(self, meeting: Meeting) -> str:
        return api_url("meeting_detail", slug=meeting.slug)


class AppearanceSerializer(serializers.Serializer):
    """One place where a person appears, as the released programme shows it (a dict made by
    api.views.people.person_appearances)."""

    meeting = MeetingRefSerializer()
    item_number = serializers.IntegerField()
    item_numeral = serializers.CharField()
    item_title = serializers.CharField()
    continued = serializers.BooleanField(
        help_text=_("Whether this is a later session of an item that began earlier.")
    )
    segment_title = serializers.CharField(allow_null=True)
    role = serializers.ChoiceField(choices=Role.choices, help_text=ROLE_HELP)
    role_label = serializers.CharField()
    affiliation = serializers.CharField(help_text=_("As that meeting's programme shows it."))
    date = serializers.DateField(allow_null=True, help_text=_("Null: not yet scheduled."))
    start_time = serializers.CharField(
        allow_null=True, help_text=_('Local time at the venue, "10:00".')
    )
    end_time = serializers.CharField(
        allow_null=True, help_text=_('Local time at the venue, "13:00".')
    )
    session_name = serializers.CharField(allow_null=True)
    programme_url = serializers.URLField(
        help_text=_("The item (or presentation) on the programme page.")
    )


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
        return api_url("person_detail", slug=person.slug)

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
