"""The editor's page as the template reads it: session rows under day headings, as the public
programme shows them, with the agenda items each session takes up (from build_programme), and the
empty rows the page's script copies to add a session, an item, a presentation or a person."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ..formatting import day_heading
from ..models import AgendaItem, Appearance, Segment, Session
from ..programme import Programme
from .editor import ProgrammeEditor
from .forms import AppearanceRowForm, ItemRowForm, NewPersonForm, SegmentRowForm, SessionRowForm
from .rows import Row

TEMPLATE_KEY = "__key__"


@dataclass
class DayRows:
    heading: str
    sessions: list[Row]


def session_days(editor: ProgrammeEditor) -> list[DayRows]:
    """Stored sessions under their day's heading ("Thursday, 9 February 2012"), in order."""
    days: list[DayRows] = []
    for row in editor.sessions:
        if row.is_new:
            continue
        heading = day_heading(row.form.instance.date)
        if not days or days[-1].heading != heading:
            days.append(DayRows(heading, []))
        days[-1].sessions.append(row)
    return days


def items_by_session(programme: Programme) -> dict[int, list[str]]:
    """What the public programme shows in each session: "I. Opening", "V. … (continued)"."""
    taken_up: dict[int, list[str]] = {}
    for day in programme.days:
        for entry in day.sessions:
            taken_up[entry.session.pk] = [
                f"{item.numeral}. {item.item.title}"
                + (f" {_('(continued)')}" if item.continued else "")
                for item in entry.items
            ]
    return taken_up


def template_rows(editor: ProgrammeEditor) -> dict[str, Row]:
    """One empty row of each kind, keyed "__key__", that the page's script copies and renames."""
    key, meeting, choices = TEMPLATE_KEY, editor.stored.meeting, editor.session_choices
    session = Row(
        "session", key, SessionRowForm(instance=Session(meeting=meeting), prefix=f"session-{key}")
    )
    item_form = ItemRowForm(
        instance=AgendaItem(meeting=meeting), prefix=f"item-{key}", session_choices=choices
    )
    item = Row("item", key, item_form)
    segment_form = SegmentRowForm(
        instance=Segment(), prefix=f"segment-{key}", session_choices=choices
    )
    segment = Row("segment", key, segment_form, parent=item)
    person_form = AppearanceRowForm(
        instance=Appearance(), prefix=f"person-{key}", person_widget=editor.person_widget
    )
    new_person = NewPersonForm(
        prefix=f"person-{key}-new", honorifics=editor.honorifics, admin_site=editor.admin_site
    )
    person = Row("person", key, person_form, parent=item, person_form=new_person)
    for row in (session, item, segment, person):
        row.name = "__name__"
    return {"session": session, "item": item, "segment": segment, "person": person}
