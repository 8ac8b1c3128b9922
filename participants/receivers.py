"""participants' answers to what meetings says about people (meetings.signals), and what it
adds to a meeting's public pages (meetings.extensions)."""

from django.dispatch import receiver

from meetings.models import Meeting, Person
from meetings.signals import meeting_cloned, person_erasing, person_merged

# Registered on import: who acted, in the change records; the meeting page's panel and tab.
from participants import history, panels  # noqa: F401
from participants.services.personal_data import nominations_erase, nominations_merge
from participants.services.registration_copy import registration_copy


@receiver(person_merged, dispatch_uid="participants_follow_merge")
def follow_merge(*, kept: Person, merged: Person, by=None, **_kwargs) -> list[str]:
    return nominations_merge(kept=kept, merged=merged, by=by)


@receiver(person_erasing, dispatch_uid="participants_on_erase")
def on_erase(*, person: Person, by=None, apply: bool, **_kwargs) -> list[str]:
    return nominations_erase(person=person, by=by, apply=apply)


@receiver(meeting_cloned, dispatch_uid="participants_copy_registration")
def copy_registration(*, original: Meeting, copy: Meeting, offset, **_kwargs) -> list[str]:
    return registration_copy(original=original, copy=copy, offset=offset)
