"""Examples for the schema's readers: what answers look like, in the shape the serializers
give (tests/api check each against the schema)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample
from rest_framework import serializers

SITE = "https://plenary.example.org"
API = f"{SITE}/api/v1"


class ErrorSerializer(serializers.Serializer):
    """A 400: each parameter that was refused, with why."""

    year = serializers.ListField(child=serializers.CharField(), required=False)
    status = serializers.ListField(child=serializers.CharField(), required=False)
    series = serializers.ListField(child=serializers.CharField(), required=False)
    page = serializers.ListField(child=serializers.CharField(), required=False)
    page_size = serializers.ListField(child=serializers.CharField(), required=False)


class NotFoundSerializer(serializers.Serializer):
    detail = serializers.CharField()


ORGANIZATION_REF = {
    "id": 3,
    "name": "Department of Economic and Social Affairs",
    "acronym": "DESA",
    "url": f"{API}/organizations/3/",
}
MEETING = {
    "slug": "tenth-coordination-meeting",
    "title": "Tenth Coordination Meeting on International Migration",
    "series": {
        "slug": "coordination-meetings",
        "name": "Coordination Meetings on International Migration",
        "page_url": f"{SITE}/series/coordination-meetings/",
    },
    "edition": 10,
    "start_date": "2012-02-09",
    "end_date": "2012-02-10",
    "dates": "9–10 February 2012",
    "time_zone": "America/New_York",
    "utc_offset": "UTC−05:00",
    "venue": "United Nations Headquarters",
    "city": "New York",
    "country": "United States",
    "summary": "The annual meeting of the United Nations system on international migration.",
    "organizer": ORGANIZATION_REF,
    "url": f"{API}/meetings/tenth-coordination-meeting/",
    "page_url": f"{SITE}/meetings/tenth-coordination-meeting/",
}
VERSION = {
    "number": 2,
    "label": "Version 2",
    "published_at": "2012-02-01T15:04:00Z",
    "date": "2012-02-01",
    "note": "Session 3 moved to the afternoon.",
}
PROGRAMME_URL = f"{SITE}/meetings/tenth-coordination-meeting/programme/"
PERSON_IN_PROGRAMME = {
    "name": "Mr. Bela Hovy",
    "slug": "bela-hovy",
    "withheld": False,
    "role": "moderator",
    "role_label": "Moderator",
    "affiliation": "Population Division, DESA",
    "url": f"{API}/people/bela-hovy/",
    "page_url": f"{SITE}/people/bela-hovy/",
}

MEETING_LIST = OpenApiExample(
    _("A page of meetings"),
    value=MEETING,  # drf-spectacular shows it inside a page
    response_only=True,
)
MEETING_DETAIL = OpenApiExample(
    _("A meeting"),
    value={
        **MEETING,
        "description": "The meeting brings together the United Nations system …",
        "objectives": ["Exchange information on activities in the field of migration."],
        "mandate": "General Assembly resolution 65/170.",
        "expected_outcome": "A report of the meeting.",
        "programme_url": PROGRAMME_URL,
        "programme_version": VERSION,
        "exports": {
            "calendar": f"{SITE}/meetings/tenth-coordination-meeting/programme.ics",
            "schedule_xml": f"{SITE}/meetings/tenth-coordination-meeting/schedule.xml",
            "schedule_json": f"{SITE}/meetings/tenth-coordination-meeting/schedule.json",
            "pdf": f"{SITE}/meetings/tenth-coordination-meeting/programme.pdf",
        },
        "api": {
            "programme": f"{API}/meetings/tenth-coordination-meeting/programme/",
            "documents": f"{API}/meetings/tenth-coordination-meeting/documents/",
            "participants": f"{API}/meetings/tenth-coordination-meeting/participants/",
        },
    },
    response_only=True,
)
PROGRAMME = OpenApiExample(
    _("A programme"),
    value={
        "meeting": "tenth-coordination-meeting",
        "time_zone": "America/New_York",
        "programme_url": PROGRAMME_URL,
        "version": VERSION,
        "days": [
            {
                "date": "2012-02-09",
                "heading": "Thursday, 9 February 2012",
                "url": f"{PROGRAMME_URL}#day-2012-02-09",
                "sessions": [
                    {
                        "uid": "7d1f3c1e-3b9a-5a43-9a59-0f3f7f6b2c11",
                        "date": "2012-02-09",
                        "start_time": "10:00",
                        "end_time": "13:00",
                        "start": "2012-02-09T10:00:00-05:00",
                        "end": "2012-02-09T13:00:00-05:00",
                        "name": "Morning session",
                        "room": "Conference Room 2",
                        "url": f"{PROGRAMME_URL}#session-1",
                        "items": [
                            {
                                "uid": "2b6f0b7e-8f0e-5d1c-a1c4-5b8f0c8e9d21",
                                "number": 1,
                                "numeral": "I",
                                "title": "Opening of the meeting",
                                "continued": False,
                                "url": f"{PROGRAMME_URL}#item-1",
                                "people": [PERSON_IN_PROGRAMME],
                                "segments": [
                                    {
                                        "uid": "c3d1a8f2-6e1b-5f0a-9d2e-7a4b3c2d1e0f",
                                        "title": "Opening remarks",
                                        "url": f"{PROGRAMME_URL}#presentation-1",
                                        "people": [
                                            {
                                                **PERSON_IN_PROGRAMME,
                                                "role": "speaker",
                                                "role_label": "Speaker",
                                            },
                                            {
                                                "name": "Name withheld",
                                                "slug": None,
                                                "withheld": True,
                                                "role": "speaker",
                                                "role_label": "Speaker",
                                                "affiliation": "",
                                                "url": None,
                                                "page_url": None,
                                            },
                                        ],
                                    }
                                ],
                            }
                        ],
                    }
                ],
            }
        ],
        "unscheduled": [],
    },
    response_only=True,
)
PERSON = {
    "slug": "bela-hovy",
    "name": "Mr. Bela Hovy",
    "honorific": "Mr.",
    "given_name": "Bela",
    "family_name": "Hovy",
    "position": "Chief, Migration Section, Population Division, DESA",
    "organization": ORGANIZATION_REF,
    "country": "",
    "photo_url": None,
    "url": f"{API}/people/bela-hovy/",
    "page_url": f"{SITE}/people/bela-hovy/",
}
PERSON_LIST = OpenApiExample(
    _("A page of people"),
    value=PERSON,
    response_only=True,
)
PERSON_DETAIL = OpenApiExample(
    _("A person"),
    value={
        **PERSON,
        "bio": "",
        "appearances": [
            {
                "meeting": {
                    "slug": "tenth-coordination-meeting",
                    "title": "Tenth Coordination Meeting on International Migration",
                    "start_date": "2012-02-09",
                    "url": f"{API}/meetings/tenth-coordination-meeting/",
                },
                "item_number": 1,
                "item_numeral": "I",
                "item_title": "Opening of the meeting",
                "continued": False,
                "segment_title": None,
                "role": "speaker",
                "role_label": "Speaker",
                "affiliation": "Population Division, DESA",
                "date": "2012-02-09",
                "start_time": "10:00",
                "end_time": "13:00",
                "session_name": "Morning session",
                "programme_url": f"{PROGRAMME_URL}#item-1",
            }
        ],
    },
    response_only=True,
)
ORGANIZATION_DATA = {
    **ORGANIZATION_REF,
    "label": "Department of Economic and Social Affairs (DESA)",
    "kind": "un",
    "kind_label": "UN Secretariat department or office",
    "country": "",
    "parent": None,
    "website": "https://www.un.org/en/desa",
    "logo_url": None,
}
ORGANIZATION_LIST = OpenApiExample(
    _("A page of organizations"),
    value=ORGANIZATION_DATA,
    response_only=True,
)
ORGANIZATION = OpenApiExample(_("An organization"), value=ORGANIZATION_DATA, response_only=True)
SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
DOCUMENTS = OpenApiExample(
    _("A meeting's documents"),
    value={
        "meeting": "tenth-coordination-meeting",
        "count": 1,
        "results": [
            {
                "id": 12,
                "title": "International migration and development",
                "symbol": "A/67/254",
                "symbol_url": "https://docs.un.org/en/A/67/254",
                "category": {"slug": "background-documents", "name": "Background documents"},
                "language": "en",
                "language_label": "English",
                "authors": "",
                "organization": ORGANIZATION_REF,
                "agenda_item": {"number": 2, "numeral": "II", "title": "Migration and development"},
                "published_at": "2012-01-20T09:30:00Z",
                "page_url": f"{SITE}/documents/12/",
                "file": {
                    "language": "en",
                    "download_url": f"{SITE}/documents/12/versions/1/download/",
                    "content_type": "application/pdf",
                    "kind": "PDF",
                    "size": 1234567,
                    "pages": 22,
                    "summary": "PDF, 1.2 MB, 22 pages",
                    "sha256": SHA256,
                },
                "files": [
                    {
                        "language": "en",
                        "download_url": f"{SITE}/documents/12/versions/1/download/",
                        "content_type": "application/pdf",
                        "kind": "PDF",
                        "size": 1234567,
                        "pages": 22,
                        "summary": "PDF, 1.2 MB, 22 pages",
                        "sha256": SHA256,
                    }
                ],
                "external_url": "",
            }
        ],
    },
    response_only=True,
)
PARTICIPANTS = OpenApiExample(
    _("A list of participants"),
    value={
        "meeting": "tenth-coordination-meeting",
        "count": 1,
        "page_url": f"{SITE}/meetings/tenth-coordination-meeting/participants/",
        "groups": [
            {
                "key": "member_states",
                "heading": "Member States",
                "parts": [
                    {
                        "heading": "",
                        "entries": [
                            {
                                "heading": "Mexico",
                                "participants": [
                                    {
                                        "honorific": "H.E. Mr.",
                                        "name": "Juan José Gómez Camacho",
                                        "position": "Permanent Representative",
                                        "affiliation": "Permanent Mission of Mexico",
                                    }
                                ],
                            }
                        ],
                    }
                ],
            }
        ],
    },
    response_only=True,
)
