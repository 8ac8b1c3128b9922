"""What each API answer holds: the fields and their meaning, which drf-spectacular reads to
write the OpenAPI schema. Only public data: no e-mail, phone, address, date of birth, nomination
or user appears in any of them.

One module per kind of answer; every serializer is importable from here."""

from .documents import (
    AgendaItemRefSerializer,
    CategorySerializer,
    DocumentListSerializer,
    DocumentSerializer,
    FileSerializer,
)
from .meetings import (
    MeetingDetailSerializer,
    MeetingExportsSerializer,
    MeetingLinksSerializer,
    MeetingSerializer,
    OrganizationRefSerializer,
    OrganizationSerializer,
    SeriesSerializer,
    VersionSerializer,
    export_links,
)
from .participants import (
    ParticipantEntrySerializer,
    ParticipantGroupSerializer,
    ParticipantListSerializer,
    ParticipantPartSerializer,
    ParticipantSerializer,
)
from .people import (
    AppearanceSerializer,
    MeetingRefSerializer,
    PersonDetailSerializer,
    PersonSerializer,
)
from .programme import (
    DaySerializer,
    ItemSerializer,
    ProgrammePersonSerializer,
    ProgrammeSerializer,
    SegmentSerializer,
    SessionSerializer,
)

__all__ = [
    "AgendaItemRefSerializer",
    "AppearanceSerializer",
    "CategorySerializer",
    "DaySerializer",
    "DocumentListSerializer",
    "DocumentSerializer",
    "FileSerializer",
    "ItemSerializer",
    "MeetingDetailSerializer",
    "MeetingExportsSerializer",
    "MeetingLinksSerializer",
    "MeetingRefSerializer",
    "MeetingSerializer",
    "OrganizationRefSerializer",
    "OrganizationSerializer",
    "ParticipantEntrySerializer",
    "ParticipantGroupSerializer",
    "ParticipantListSerializer",
    "ParticipantPartSerializer",
    "ParticipantSerializer",
    "PersonDetailSerializer",
    "PersonSerializer",
    "ProgrammePersonSerializer",
    "ProgrammeSerializer",
    "SegmentSerializer",
    "SeriesSerializer",
    "SessionSerializer",
    "VersionSerializer",
    "export_links",
]
