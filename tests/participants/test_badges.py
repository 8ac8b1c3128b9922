"""Name badges: who gets them, four to an A4 sheet or one per A6 page, a band per role, and names
in any script printed with real glyphs from embedded fonts."""

import io
import logging

import pikepdf
import pypdfium2 as pdfium
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image
from weasyprint import HTML

from accounts.text import folded
from meetings.models import Role
from participants.badges import affiliation_of, name_size
from participants.pdf import NoFetching
from participants.roster import Participant
from tests.factories import (
    AgendaItemFactory,
    AppearanceFactory,
    HonorificFactory,
    NominationFactory,
    OrganizationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db

MM = 72 / 25.4  # points in a millimetre
A4 = (210 * MM, 297 * MM)
A6 = (105 * MM, 148 * MM)

# given name, family name: what the printed badge must read, in each script.
NAMES = [
    ("Eva", "Åkerman-Börje"),  # Latin with accents
    ("François", "Crépeau"),
    ("Анна Ивановна", "Петрова"),  # Cyrillic
    ("محمد", "عبد الله"),  # Arabic: shaped, right to left
    ("小明", "王"),  # Chinese
    ("太郎", "田中"),  # Japanese
    ("민준", "김"),  # Korean
    ("Ελένη", "Παπαδοπούλου"),  # Greek
    ("דוד", "כהן"),  # Hebrew
]


def badges_url(meeting, size=""):
    url = reverse("participants:badges", args=[meeting.slug])
    return f"{url}?size={size}" if size else url


def pages_text(content: bytes) -> list[str]:
    document = pdfium.PdfDocument(content)
    return [" ".join(page.get_textpage().get_text_range().split()) for page in document]


def page_sizes(content: bytes) -> list[tuple[int, int]]:
    return [tuple(round(side) for side in page.get_size()) for page in pdfium.PdfDocument(content)]


@pytest.fixture
def scripts(meeting, registration, organization):
    return [
        NominationFactory(
            meeting=meeting, organization=organization, given_name=given, family_name=family
        )
        for given, family in NAMES
    ]


@pytest.fixture
def secretariat_client(client, staff):
    client.force_login(staff)
    return client


class TestAccess:
    def test_anonymous_is_asked_to_log_in(self, client, meeting, scripts):
        response = client.get(badges_url(meeting))
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={badges_url(meeting)}"

    @pytest.mark.parametrize("who", ["focal_point", "other_focal_point", "other_staff"])
    def test_nobody_but_the_secretariat_gets_them(self, client, meeting, scripts, who, request):
        client.force_login(request.getfixturevalue(who))
        response = client.get(badges_url(meeting))
        assert response.status_code == 403
        assert response["Content-Type"].startswith("text/html")

    def test_the_secretariat_gets_them(self, secretariat_client, meeting, scripts):
        response = secretariat_client.get(badges_url(meeting))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == 'inline; filename="eleventh-badges.pdf"'
        assert "default-src 'self'" in response["Content-Security-Policy"]
        assert response["Cache-Control"] == "private, no-store"

    def test_an_unknown_meeting_is_a_404(self, secretariat_client, meeting):
        meeting.slug = "no-such-meeting"
        assert secretariat_client.get(badges_url(meeting)).status_code == 404


def test_names_in_every_script_are_printed(secretariat_client, meeting, scripts, caplog):
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        content = secretariat_client.get(badges_url(meeting)).content
    text = " ".join(pages_text(content))
    for given, family in NAMES:
        assert f"{given} {family}" in text
    # No character fell through every font: WeasyPrint warns for each .notdef box it draws.
    assert [record.getMessage() for record in caplog.records if record.name == "weasyprint"] == []


def test_the_fonts_are_noto_and_embedded(secretariat_client, meeting, scripts):
    content = secretariat_client.get(badges_url(meeting)).content
    fonts = {}
    with pikepdf.open(io.BytesIO(content)) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                descriptor = font.DescendantFonts[0].FontDescriptor
                embedded = {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys())
                fonts[str(font.BaseFont).split("+", 1)[1]] = bool(embedded)
    assert {"Noto-Sans-Bold", "Noto-Sans-Arabic-Bold", "Noto-Sans-CJK-SC-Bold"} <= set(fonts)
    assert all(name.startswith("Noto-Sans") for name in fonts), fonts
    assert all(fonts.values()), fonts


def test_four_badges_to_an_a4_sheet_with_cut_lines(secretariat_client, meeting, scripts):
    content = secretariat_client.get(badges_url(meeting)).content
    assert page_sizes(content) == [tuple(round(side) for side in A4)] * 3  # 9 badges
    sheet = pdfium.PdfDocument(content)[0].render(scale=1).to_pil().convert("RGB")
    # The dashed cut lines cross at the middle of the sheet.
    middle = (round(105 * MM), round(148.5 * MM))
    column = [sheet.getpixel((middle[0], y)) for y in range(0, sheet.height, 2)]
    row = [sheet.getpixel((x, middle[1])) for x in range(0, sheet.width, 2)]
    assert sum(pixel != (255, 255, 255) for pixel in column) > len(column) / 4
    assert sum(pixel != (255, 255, 255) for pixel in row) > len(row) / 4


def test_one_badge_per_a6_page_on_request(secretariat_client, meeting, scripts):
    content = secretariat_client.get(badges_url(meeting, "a6")).content
    assert page_sizes(content) == [tuple(round(side) for side in A6)] * len(NAMES)
    texts = pages_text(content)
    # In the list's order: IOM's people by family name, accents and case aside.
    in_order = sorted(NAMES, key=lambda name: folded(name[1]))
    for text, (given, family) in zip(texts, in_order, strict=True):
        assert f"{given} {family}" in text
    for text in texts:
        assert text.startswith("Eleventh Coordination Meeting")
        assert meeting.dates_display in text


@pytest.fixture
def roles(meeting, registration, organization):
    """One participant for each band: programme roles, the organizer's staff, a delegate."""
    desa = OrganizationFactory(name="Department of Economic and Social Affairs", acronym="DESA")
    meeting.organizer = desa
    meeting.save()
    population = OrganizationFactory(name="Population Division", parent=desa)

    def in_programme(family, role):
        AppearanceFactory(
            agenda_item=AgendaItemFactory(meeting=meeting),
            person=PersonFactory(given_name="A", family_name=family, organization=organization),
            role=role,
        )

    in_programme("Chairperson", Role.CHAIR)
    in_programme("Moderates", Role.MODERATOR)
    in_programme("Speaks", Role.SPEAKER)
    NominationFactory(
        meeting=meeting,
        organization=population,
        given_name="A",
        family_name="Staffer",
        honorific=HonorificFactory(name="Ms."),
    )
    NominationFactory(meeting=meeting, organization=organization, given_name="A", family_name="Z")


BANDS = {
    # family name: (band, its colour, what the badge names as the organization)
    "Staffer": ("SECRETARIAT", (0x1D, 0x55, 0x27), "Population Division, DESA"),
    "Chairperson": ("CHAIR", (0x8E, 0x1B, 0x1B), "International Organization for Migration (IOM)"),
    "Moderates": ("MODERATOR", (0x4F, 0x2A, 0x7D), "International Organization for Migration"),
    "Speaks": ("SPEAKER", (0x0B, 0x4F, 0x8A), "International Organization for Migration"),
    "Z": ("PARTICIPANT", (0x37, 0x41, 0x4B), "International Organization for Migration"),
}


def test_each_badge_has_its_role_band(secretariat_client, meeting, roles):
    content = secretariat_client.get(badges_url(meeting, "a6")).content
    document = pdfium.PdfDocument(content)
    seen = []
    for page in document:
        text = " ".join(page.get_textpage().get_text_range().split())
        family = next(name for name in BANDS if f"A {name} " in f"{text} ")
        band, colour, organization = BANDS[family]
        assert text.endswith(band)
        assert organization in text
        image = page.render(scale=1).to_pil().convert("RGB")
        # The band's middle, 19.5 mm above the bottom edge: the role's colour.
        assert image.getpixel((round(20 * MM), image.height - round(19.5 * MM))) == colour
        seen.append(family)
    # In the list's order: the Secretariat's department, then IOM's people by family name.
    assert seen == ["Staffer", "Chairperson", "Moderates", "Speaks", "Z"]
    assert "Ms." in pages_text(content)[0]


def test_a_meeting_without_participants_says_so(secretariat_client, meeting):
    content = secretariat_client.get(badges_url(meeting)).content
    assert pages_text(content) == ["This meeting has no participants yet: no badges to print."]


def test_the_badges_queries_do_not_grow_with_the_participants(
    secretariat_client, meeting, registration, organization
):
    counts = []
    for size in (10, 110):
        NominationFactory.create_batch(size, meeting=meeting, organization=organization)
        with CaptureQueriesContext(connection) as context:
            response = secretariat_client.get(badges_url(meeting))
        assert response.status_code == 200
        counts.append(len(context.captured_queries))
    assert len(pdfium.PdfDocument(response.content)) == 120 / 4
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("Eva Åkerman-Börje", "large"),
        ("Ngozi Okafor-Adeyemi", "large"),
        ("Michele Klein Solomon", "large"),  # on two lines
        ("Maria Fernanda Rodríguez Castellanos", "medium"),
        ("Åsa Åkerman-Börje von Württemberg-Hohenzollern", "small"),
        ("Bartholomew-Featherstonehaugh", "small"),  # one long word: smaller, not cut
        ("王小明", "large"),
        ("欧阳 王小明王小明", "large"),
        ("欧阳欧阳欧阳欧阳 王小明王小明王", "medium"),  # a CJK character is two letters wide
    ],
)
def test_long_names_get_a_smaller_type(name, size):
    assert name_size(name) == size


def test_rendering_fetches_nothing(tmp_path):
    """Not an image, a stylesheet or a font by URL: a PDF is made from its HTML alone."""
    picture = tmp_path / "secret.png"
    picture.write_bytes(samples_png())
    html = (
        f'<p>Text</p><img src="{picture.as_uri()}">'
        '<link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
    )
    fetched = HTML(string=html).write_pdf()
    refused = HTML(string=html, url_fetcher=NoFetching()).write_pdf()
    assert images_in(fetched) == 1  # WeasyPrint on its own would read the file
    assert images_in(refused) == 0


def images_in(content: bytes) -> int:
    with pikepdf.open(io.BytesIO(content)) as pdf:
        return sum(
            1
            for page in pdf.pages
            for xobject in (page.Resources.get("/XObject") or {}).values()
            if xobject.get("/Subtype") == "/Image"
        )


def samples_png() -> bytes:
    image = Image.new("RGB", (4, 4), "red")
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


@pytest.mark.django_db
def test_a_governments_delegate_represents_the_country():
    ministry = OrganizationFactory(name="Ministry of Justice", country="Sweden", kind="government")
    agency = OrganizationFactory(name="International Labour Organization", acronym="ILO")
    delegate = Participant(
        person_id=1,
        honorific="Ms.",
        given_name="Ingrid",
        family_name="Lindqvist",
        position="",
        organization=ministry,
        country="Sweden",
    )
    assert affiliation_of(delegate) == "Sweden · Ministry of Justice"
    delegate.organization = agency
    assert affiliation_of(delegate) == "International Labour Organization (ILO)"
    delegate.organization = None
    assert affiliation_of(delegate) == "Sweden"
