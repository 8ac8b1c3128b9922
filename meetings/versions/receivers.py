"""Released versions stay true to people removed from Plenary: a person deleted in the back
office is shown as "Name withheld" in every version that showed them, as an erased one is, so
no name survives in a programme or its "What changed" once its row is gone.

Connected in MeetingsConfig.ready().
"""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from meetings.models import Person

from .services import versions_withhold_person


@receiver(pre_delete, sender=Person, dispatch_uid="meetings_versions_person_deleted")
def person_deleted_from_versions(*, instance: Person, **_kwargs: object) -> None:
    versions_withhold_person(person=instance, apply=True)
