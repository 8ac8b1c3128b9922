"""When a meeting's public content last changed: `Meeting.content_changed_at`.

Every save or delete of the meeting or of anything its pages and exports show (its objectives,
sessions, agenda items and their sessions, segments, appearances, the people in them with their
honorifics and organizations, its series, its released programme versions) moves the stamp to
now, in one UPDATE. The apps above meetings touch it for their own rows (papers: documents).
Cached exports are keyed on the stamp, so a change shows at once on every server; it is also
the exports' Last-Modified.

A queryset's update() or bulk_create() sends no signal: code that writes that way calls
`touch_meetings` itself.
"""

from django.db.models import Q, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.utils import timezone

from accounts.models import Organization

from .models import (
    AgendaItem,
    Appearance,
    Honorific,
    Meeting,
    MeetingSeries,
    Objective,
    Person,
    ProgrammeVersion,
    Segment,
    Session,
)


def touch_meetings(meetings: QuerySet[Meeting]) -> int:
    """Mark these meetings as changed now; returns how many."""
    return meetings.update(content_changed_at=timezone.now())


def touch_meeting(meeting_id: int | None) -> None:
    if meeting_id is not None:
        touch_meetings(Meeting.objects.filter(pk=meeting_id))


def _changed(instance: object, **_kwargs: object) -> None:
    if isinstance(instance, Meeting):
        touch_meeting(instance.pk)
    elif isinstance(instance, Objective | Session | AgendaItem | ProgrammeVersion):
        touch_meeting(instance.meeting_id)
    elif isinstance(instance, Segment | Appearance):
        touch_meetings(Meeting.objects.filter(agenda_items=instance.agenda_item_id))
    elif isinstance(instance, Person):
        touch_meetings(Meeting.objects.filter(agenda_items__appearances__person=instance.pk))
    elif isinstance(instance, Honorific):
        touch_meetings(
            Meeting.objects.filter(agenda_items__appearances__person__honorific=instance.pk)
        )
    elif isinstance(instance, MeetingSeries):
        touch_meetings(Meeting.objects.filter(series=instance.pk))
    elif isinstance(instance, Organization):
        touch_meetings(
            Meeting.objects.filter(
                Q(organizer=instance.pk)
                | Q(organizer__parent=instance.pk)
                | Q(agenda_items__appearances__person__organization=instance.pk)
                | Q(agenda_items__appearances__person__organization__parent=instance.pk)
            )
        )


_WATCHED = (
    Meeting,
    Objective,
    Session,
    AgendaItem,
    Segment,
    Appearance,
    Person,
    Honorific,
    MeetingSeries,
    Organization,
    ProgrammeVersion,
)
for _model in _WATCHED:
    post_save.connect(_changed, sender=_model, dispatch_uid=f"freshness_save_{_model.__name__}")
    post_delete.connect(_changed, sender=_model, dispatch_uid=f"freshness_delete_{_model.__name__}")
# Deleting an organization sets its people's organization to none by an UPDATE, before
# post_delete: their meetings are found (and touched, in the same transaction) beforehand.
pre_delete.connect(_changed, sender=Organization, dispatch_uid="freshness_pre_delete_Organization")


@receiver(m2m_changed, sender=AgendaItem.sessions.through, dispatch_uid="freshness_item_sessions")
def _item_sessions_changed(instance: AgendaItem | Session, action: str, **_kwargs: object) -> None:
    # `instance` is the item, or the session when its items are changed from its side: both
    # belong to the meeting.
    if action.startswith("post_"):
        touch_meeting(instance.meeting_id)
