"""The change records of participants (registrations, nominations, check-ins: README, "History"):
what erasure and the retention purge take out of a nomination's records, and who acted, from
the nomination's own history line.

Connected from participants.receivers.
"""

import re

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import ngettext

from meetings.history.receivers import acting_user_recorded
from meetings.services import names_withheld
from participants.models import Nomination, NominationEvent

CONTACT_BLANKED = {
    "email": "",
    "phone": "",
    "requirements": "",
    "letter": "",
    "letter_name": "",
    "earlier_letters": [],
}


def nominations_history_erase(
    nominations: list[Nomination], pattern: re.Pattern[str] | None, *, apply: bool
) -> list[str]:
    """The nominations' records lose what erasure removes from the nominations: honorific,
    names, position, contact data, letters' names; the decision messages read "Name withheld"."""
    records = Nomination.history.filter(id__in=[nomination.pk for nomination in nominations])
    count = records.count()
    if not count:
        return []
    if apply:
        for record in records.exclude(decision_message=""):
            withheld = names_withheld(record.decision_message, pattern)
            if withheld != record.decision_message:
                records.filter(history_id=record.history_id).update(decision_message=withheld)
        records.update(
            honorific_id=None, given_name="", family_name="", position="", **CONTACT_BLANKED
        )
    return [
        ngettext(
            "%(count)d record of the nominations' change history: names, contact data and "
            "letters removed",
            "%(count)d records of the nominations' change history: names, contact data and "
            "letters removed",
            count,
        )
        % {"count": count}
    ]


def nomination_history_purge(nomination: Nomination) -> int:
    """The nomination's records lose the contact data and letters' names, as it does; names
    stay, as they do on the nomination."""
    return Nomination.history.filter(id=nomination.pk).update(**CONTACT_BLANKED)


@receiver(post_save, sender=NominationEvent, dispatch_uid="participants_history_user_from_event")
def user_from_event(*, instance: NominationEvent, created: bool, raw: bool = False, **_kw) -> None:
    """A decision taken outside a request (a command, a test) names its user in the event the
    service writes; so does the nomination's change record."""
    if created and not raw and instance.by_id:
        acting_user_recorded(
            model=Nomination, pk=instance.nomination_id, user_id=instance.by_id, at=instance.at
        )
