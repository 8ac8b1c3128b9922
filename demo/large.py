"""A meeting at production scale, for the benchmarks: `python manage.py load_large_meeting`.

The reference meeting has two days and a dozen speakers; a large conference has five days with
three rooms in parallel, 300 presentations, 260 speakers and moderators and 200 published
papers. Pages that read well at the first size can ask one query per row at the second, and
`make bench` (bench/serve.py) measures the second.

Written with bulk_create, so it loads in seconds rather than minutes: the signals that move
`Meeting.content_changed_at` do not fire for bulk writes, so the meeting is touched at the end,
and Person's derived keys (which its save() keeps) are filled in here. The meeting loads once: a
second call returns it as it stands, whatever staff changed since.
"""

import datetime
import hashlib
import io
import itertools

import pypdfium2 as pdfium
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Organization, OrganizationKind
from accounts.text import folded
from demo.documents import CATEGORIES
from meetings.freshness import touch_meetings
from meetings.models import (
    AgendaItem,
    Appearance,
    Honorific,
    Meeting,
    MeetingStatus,
    Person,
    Role,
    Segment,
    Session,
)
from meetings.versions.services import programme_release
from papers.models import Document, DocumentCategory, DocumentStatus, DocumentVersion, Language
from papers.services.versions import inspected
from uploads.pictures import make_thumbnail

SLUG = "large-meeting"
DAYS = 5
ROOMS = ("Conference Room 1", "Conference Room 2", "Conference Room 3")
HALF_DAYS = ((datetime.time(9, 30), datetime.time(12, 30)), (datetime.time(14), datetime.time(17)))
ITEMS_PER_SESSION = 2
PRESENTATIONS = 300
SPEAKERS = 200  # a hundred of them speak twice: the programme marks a later appearance
MODERATORS = 60  # one to an agenda item
DOCUMENTS = 200
ORGANIZATIONS = 40

GIVEN = (
    "Amélie", "Björn", "Chiara", "Dagfinn", "Émile", "Fatoumata", "Gökhan", "Hélène", "Iñaki",
    "Jürgen", "Kwame", "Łucja", "Małgorzata", "Nguyễn", "Óscar", "Paulo", "Rašid", "Søren",
    "Thandiwe", "Ülle", "Véronique", "Wenjun", "Xóchitl", "Yusuf", "Zoë", "Ana", "Bongani",
    "Carmen", "Deepa", "Eero",
)  # fmt: skip
FAMILY = (
    "Åkerman", "Brønsted", "Çelik", "Dvořák", "Ekström", "Fernández", "García Márquez",
    "Hämäläinen", "Ibáñez", "Jovanović", "Kowalczyk", "Lefèvre", "Müller", "Nakamura",
    "Ó Súilleabháin", "Papadopoulos", "Quiñones", "Rodríguez", "Šimunović", "Tanaka", "Ulloa",
    "Vásquez", "Wójcik", "Xu", "Yılmaz", "Żukowski", "Mensah", "Okonkwo", "Haddad",  # noqa: RUF001 (Turkish)
    "Nilsson",
)  # fmt: skip
HONORIFICS = ("Mr.", "Ms.", "Dr.", "Prof.", "H.E. Mr.", "H.E. Ms.", "Amb.")
TOPICS = (
    "Remittances and financial inclusion",
    "Labour mobility in the Gulf Cooperation Council countries",
    "Climate change, disasters and displacement",
    "Data on international migrants: the 2030 Agenda indicators",
    "Diaspora engagement for development",
    "Migration of health workers",
    "Return and reintegration",
    "Children on the move",
    "Regional consultative processes on migration",
    "Irregular migration and smuggling of migrants",
)
COUNTRIES = (
    "Mexico", "Philippines", "Senegal", "Sweden", "Türkiye", "Côte d'Ivoire", "Bangladesh",
    "Colombia", "Morocco", "Viet Nam",
)  # fmt: skip


def _pdf(pages: int) -> bytes:
    """A real PDF of blank A4 pages, written by PDFium as the tests' samples are."""
    document = pdfium.PdfDocument.new()
    try:
        for _ in range(pages):
            document.new_page(595, 842).close()
        buffer = io.BytesIO()
        document.save(buffer)
    finally:
        document.close()
    return buffer.getvalue()


def _organizations() -> list[Organization]:
    wanted = [
        (
            f"{COUNTRIES[number % len(COUNTRIES)]} Institute for Migration Studies {number + 1}",
            f"IMS{number + 1}",
            (OrganizationKind.ACADEMIC, OrganizationKind.CIVIL_SOCIETY)[number % 2],
            COUNTRIES[number % len(COUNTRIES)],
        )
        for number in range(ORGANIZATIONS)
    ]
    existing = {
        (organization.name, organization.country): organization
        for organization in Organization.objects.filter(name__in=[name for name, *_ in wanted])
    }
    Organization.objects.bulk_create(
        Organization(name=name, acronym=acronym, kind=kind, country=country)
        for name, acronym, kind, country in wanted
        if (name, country) not in existing
    )
    return list(Organization.objects.filter(name__in=[name for name, *_ in wanted]).order_by("pk"))


def _honorifics() -> list[Honorific]:
    return [
        Honorific.objects.get_or_create(name=name, defaults={"order": 100 + order})[0]
        for order, name in enumerate(HONORIFICS)
    ]


def _people(organizations: list[Organization], honorifics: list[Honorific]) -> list[Person]:
    names = itertools.product(GIVEN, FAMILY)
    people = []
    for number, (given, family) in zip(range(SPEAKERS + MODERATORS), names, strict=False):
        organization = organizations[number % len(organizations)]
        position = f"Senior researcher, {organization.name}" if number % 3 == 0 else ""
        people.append(
            Person(
                honorific=honorifics[number % len(honorifics)],
                given_name=given,
                family_name=family,
                slug=f"{slugify(f'{given} {family}')}-{SLUG}-{number + 1}",
                position=position,
                organization=organization,
                country=organization.country,
                name_key=Person.name_key_of(given, family),
                search_key=folded(" ".join((given, family, position))),
            )
        )
    return Person.objects.bulk_create(people)


def _programme(meeting: Meeting, people: list[Person]) -> list[AgendaItem]:
    """30 sessions (3 rooms, mornings and afternoons), 2 items each, 5 presentations an item."""
    sessions = Session.objects.bulk_create(
        Session(
            meeting=meeting,
            date=meeting.start_date + datetime.timedelta(days=day),
            start_time=start,
            end_time=end,
            name=f"{TOPICS[(day * 6 + half * 3 + room) % len(TOPICS)]}",
            room=ROOMS[room],
        )
        for day in range(DAYS)
        for half, (start, end) in enumerate(HALF_DAYS)
        for room in range(len(ROOMS))
    )
    items = AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=meeting,
            order=number + 1,
            title=f"{TOPICS[number % len(TOPICS)]}: panel {number // len(TOPICS) + 1}",
        )
        for number in range(len(sessions) * ITEMS_PER_SESSION)
    )
    links = AgendaItem.sessions.through
    links.objects.bulk_create(
        links(agendaitem_id=item.pk, session_id=sessions[index // ITEMS_PER_SESSION].pk)
        for index, item in enumerate(items)
    )
    per_item = PRESENTATIONS // len(items)
    segments = Segment.objects.bulk_create(
        Segment(
            agenda_item=items[number // per_item],
            order=number % per_item + 1,
            title=f"{TOPICS[(number * 7) % len(TOPICS)]}: evidence from case study {number + 1}",
        )
        for number in range(PRESENTATIONS)
    )
    speakers, moderators = people[:SPEAKERS], people[SPEAKERS:]
    Appearance.objects.bulk_create(
        [
            *(
                Appearance(
                    agenda_item=item, person=moderators[number], role=Role.MODERATOR, order=1
                )
                for number, item in enumerate(items)
            ),
            *(
                Appearance(
                    agenda_item=segment.agenda_item,
                    segment=segment,
                    person=speakers[number % SPEAKERS],
                    role=Role.SPEAKER,
                    order=segment.order + 1,
                )
                for number, segment in enumerate(segments)
            ),
        ]
    )
    return items


def _category() -> DocumentCategory:
    slug = "contributed-papers"
    return DocumentCategory.objects.get_or_create(slug=slug, defaults=CATEGORIES[slug])[0]


def _documents(
    meeting: Meeting,
    items: list[AgendaItem],
    organizations: list[Organization],
    people: list[Person],
) -> None:
    """200 published papers, one PDF each (1 to 4 pages) with its thumbnail, half of them
    filed under an agenda item, each with an author from the programme."""
    pdfs = {pages: _pdf(pages) for pages in range(1, 5)}
    # Checked as every upload is: what the versions record of the file is what a check finds.
    inspections = {
        pages: inspected(SimpleUploadedFile("paper.pdf", data, "application/pdf"), None)
        for pages, data in pdfs.items()
    }
    thumbnail = make_thumbnail(ContentFile(pdfs[1], name="paper.pdf"), inspections[1].kind)
    thumbnail_data = thumbnail.read() if thumbnail is not None else b""
    now = timezone.now()
    category = _category()
    documents = Document.objects.bulk_create(
        Document(
            meeting=meeting,
            category=category,
            title=f"{TOPICS[number % len(TOPICS)]}: paper {number + 1}",
            organization=organizations[number % len(organizations)],
            language=Language.ENGLISH,
            agenda_item=items[number % len(items)] if number % 2 == 0 else None,
            status=DocumentStatus.PUBLISHED,
            published_at=now,
            decided_at=now,
        )
        for number in range(DOCUMENTS)
    )
    versions = []
    for number, document in enumerate(documents):
        pages = number % 4 + 1
        data = pdfs[pages]
        version = DocumentVersion(
            document=document,
            number=1,
            original_name=f"paper-{number + 1}.pdf",
            content_type=inspections[pages].kind.content_type,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            page_count=pages,
            language=Language.ENGLISH,
            is_public=True,
        )
        version.file.name = default_storage.save(
            version.file.field.generate_filename(version, "paper.pdf"), ContentFile(data)
        )
        if thumbnail_data:
            version.thumbnail.name = default_storage.save(
                version.thumbnail.field.generate_filename(version, "thumbnail.png"),
                ContentFile(thumbnail_data),
            )
        versions.append(version)
    DocumentVersion.objects.bulk_create(versions)
    authors = Document.authors.through
    authors.objects.bulk_create(
        authors(document_id=document.pk, person_id=people[number % SPEAKERS].pk)
        for number, document in enumerate(documents)
    )


def load_large_meeting() -> Meeting:
    """Create the published meeting "large-meeting" with its programme released as version 1
    and its papers; if it exists, return it as it stands."""
    existing: Meeting | None = Meeting.objects.filter(slug=SLUG).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        organizations = _organizations()
        meeting = Meeting.objects.create(
            title="Global Conference on Migration Data",
            slug=SLUG,
            start_date=datetime.date(2027, 3, 8),
            end_date=datetime.date(2027, 3, 8) + datetime.timedelta(days=DAYS - 1),
            time_zone="Europe/Zurich",
            city="Genève",
            country="Switzerland",
            venue="Palais des Nations",
            summary="Five days, three rooms, 300 presentations: the benchmarks' large meeting.",
            organizer=organizations[0],
            status=MeetingStatus.PUBLISHED,
        )
        people = _people(organizations, _honorifics())
        items = _programme(meeting, people)
        _documents(meeting, items, organizations, people)
        touch_meetings(Meeting.objects.filter(pk=meeting.pk))
        programme_release(meeting=meeting, by=None, note="")
    meeting.refresh_from_db()
    return meeting
