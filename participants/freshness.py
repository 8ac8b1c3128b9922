"""participants' part of Meeting.content_changed_at (meetings.freshness): what the meeting's
pages show of participants changed, so the pages did (they are cached on the stamp,
meetings.pagecache).

- A registration: its dates, places and note are the meeting page's panel; `list_published`
  opens the list of participants and its tab on every page of the meeting.
- A nomination: a decision, its name, honorific, position, organization or `listed` moves it
  onto or off the public list, and its place counts in "places left".
- A nominee's honorific, organization (or the body it belongs to, "Division, DESA") or person
  (erased or withheld): the list prints them.
"""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from accounts.models import Organization
from meetings.freshness import touch_meeting, touch_meetings
from meetings.models import Honorific, Meeting, Person
from participants.models import Nomination, Registration


def _changed(instance: object, **_kwargs: object) -> None:
    if isinstance(instance, Registration | Nomination):
        touch_meeting(instance.meeting_id)
    elif isinstance(instance, Honorific):
        touch_meetings(Meeting.objects.filter(nominations__honorific=instance.pk))
    elif isinstance(instance, Person):
        touch_meetings(Meeting.objects.filter(nominations__person=instance.pk))
    elif isinstance(instance, Organization):
        touch_meetings(
            Meeting.objects.filter(
                Q(nominations__organization=instance.pk)
                | Q(nominations__organization__parent=instance.pk)
            )
        )


for _model in (Registration, Nomination, Honorific, Person, Organization):
    _name = _model.__name__
    post_save.connect(_changed, sender=_model, dispatch_uid=f"participants_freshness_save_{_name}")
    post_delete.connect(
        _changed, sender=_model, dispatch_uid=f"participants_freshness_delete_{_name}"
    )
