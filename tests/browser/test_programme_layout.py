"""The programme's Roman numerals are drawn inside the page, on a phone, a desktop and paper.

What is measured is where the numeral's glyphs are drawn (the box of its text), not the box of its
element: an inherited negative text-indent once drew "III." 2.5rem to the left of its own box,
off-screen on a phone and missing from the printed page, while the element's box sat in place.
"""

import io

import pypdfium2
import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, expect

from meetings.models import Meeting

# Where each numeral's text is drawn, and the text column it belongs in (the session's block).
NUMERAL_BOXES = """() => [...document.querySelectorAll(".agenda-item .numeral")].map((numeral) => {
  const range = document.createRange();
  range.selectNodeContents(numeral);
  const glyphs = range.getBoundingClientRect();
  const column = numeral.closest(".programme-session").getBoundingClientRect();
  return {
    text: numeral.textContent,
    left: glyphs.left, right: glyphs.right, width: glyphs.width,
    columnLeft: column.left, columnRight: column.right,
  };
})"""


@pytest.fixture
def programme_url(live_server) -> str:
    call_command("load_demo", verbosity=0)
    meeting = Meeting.objects.get(slug="tenth-coordination-meeting")
    return live_server.url + reverse("meetings:programme", kwargs={"slug": meeting.slug})


def numeral_boxes(page: Page, width: int) -> list[dict]:
    page.set_viewport_size({"width": width, "height": 900})
    return page.evaluate(NUMERAL_BOXES)


@pytest.mark.browser
def test_numerals_are_inside_the_viewport_on_a_phone(page, assert_accessible, programme_url):
    page.set_viewport_size({"width": 320, "height": 900})
    page.goto(programme_url)
    expect(page.get_by_role("heading", name="Organization of work", exact=True)).to_be_visible()
    assert_accessible(page)

    for width in (320, 390):
        boxes = numeral_boxes(page, width)
        assert [box["text"] for box in boxes][:3] == ["I.", "II.", "III."]
        outside = [
            box for box in boxes if box["width"] <= 0 or box["left"] < 0 or box["right"] > width
        ]
        assert outside == [], f"at {width} px, numerals drawn outside the viewport: {outside}"


@pytest.mark.browser
def test_numerals_are_inside_the_text_column_on_wider_screens(
    page, assert_accessible, programme_url
):
    page.set_viewport_size({"width": 768, "height": 900})
    page.goto(programme_url)
    assert_accessible(page)

    for width in (768, 1280):
        boxes = numeral_boxes(page, width)
        assert len(boxes) == 8  # seven agenda items, item V taken up again on the second day
        outside = [
            box
            for box in boxes
            if box["width"] <= 0
            or box["left"] < box["columnLeft"]
            or box["right"] > box["columnRight"]
        ]
        assert outside == [], f"at {width} px, numerals drawn outside the column: {outside}"


@pytest.mark.browser
def test_printed_programme_has_its_numerals(page, assert_accessible, programme_url):
    page.goto(programme_url)
    assert_accessible(page)

    pdf = pypdfium2.PdfDocument(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(
        " ".join(pdf[index].get_textpage().get_text_range().split()) for index in range(len(pdf))
    )
    pdf.close()

    assert "III. The 2013 High-level Dialogue on International Migration and" in text
    assert (
        "V. Migration and development: Recent contributions to the evidence base (continued)"
        in text
    )
