"""The released programme (api.programme builds the data these describe)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from meetings.models import Role

from .meetings import VersionSerializer

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
