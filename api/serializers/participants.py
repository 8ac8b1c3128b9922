"""The public list of participants."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

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
