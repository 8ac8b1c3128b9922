"""PDFs lay out each name and title in its own direction, as the pages do (config/pdf.py).

WeasyPrint ignores dir="auto" and <bdi>, which the pages rely on; the PDF's HTML gets the
direction a browser would find instead."""

import pytest

from config.pdf import directions_resolved


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        # A Latin name on an Arabic page runs left to right; an Arabic one right to left.
        ("<bdi>Eva Åkerman-Börje</bdi>", '<span dir="ltr">Eva Åkerman-Börje</span>'),
        ('<td class="n" dir="auto">شعبة السكان</td>', '<td class="n" dir="rtl">شعبة السكان</td>'),
        # The first letter decides, whatever tags, digits and references come before it.
        (
            '<h1 dir="auto"><span>&amp; 2012 </span><b>Réunion</b> تنظيم</h1>',
            '<h1 dir="ltr"><span>&amp; 2012 </span><b>Réunion</b> تنظيم</h1>',
        ),
        # No letter: the element takes its parent's direction, as a browser does.
        ('<p dir="auto">10.00 – 13.00</p>', "<p>10.00 – 13.00</p>"),
        # Only the element's own text counts, not what follows it.
        ("<bdi>(1)</bdi> Hovy", "<span>(1)</span> Hovy"),
        (
            '<div dir="auto"><div>1</div><div>ب</div></div><p>A</p>',
            '<div dir="rtl"><div>1</div><div>ب</div></div><p>A</p>',
        ),
        # A <bdi> that says its direction keeps it ("IV.", ".ics", an address).
        ('<bdi dir="ltr">IV.</bdi> تنظيم', '<span dir="ltr">IV.</span> تنظيم'),
        ('<bdi dir="ltr">שלום</bdi>', '<span dir="ltr">שלום</span>'),
        # Markup without either is left as it is.
        ('<p dir="rtl" class="x">Text</p>', '<p dir="rtl" class="x">Text</p>'),
    ],
)
def test_directions_are_resolved_as_a_browser_does(html, expected):
    assert directions_resolved(html) == expected
