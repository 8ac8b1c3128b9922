"""The registration of a meeting's next edition, planned from the earlier one's."""

import datetime

from django.utils.translation import gettext as _

from config.content_languages import codes, column
from meetings.models import Meeting
from participants.models import Registration


def registration_copy(*, original: Meeting, copy: Meeting, offset: datetime.timedelta) -> list[str]:
    """Copy `original`'s registration to `copy`, its window `offset` later and its list of
    participants not published; a line saying so, or nothing if `original` takes none."""
    registration = Registration.objects.filter(meeting=original).first()
    if registration is None:
        return []
    Registration.objects.create(
        meeting=copy,
        opens_on=registration.opens_on + offset if registration.opens_on else None,
        closes_on=registration.closes_on + offset if registration.closes_on else None,
        capacity=registration.capacity,
        places_per_organization=registration.places_per_organization,
        letter_required=registration.letter_required,
        **{column("note", code): getattr(registration, column("note", code)) for code in codes()},
        list_published=False,
    )
    return [_("Registration copied, its window moved by the same offset, its list not published.")]
