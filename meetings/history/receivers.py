"""What keeps the change records true: erasing a person scrubs their names from their records,
a merge moves the merged person's records to the one kept, a cloned meeting's rows get their
"Added" record, and who acted comes from the line the acting service writes in the admin log.

Connected in MeetingsConfig.ready().
"""

import datetime

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import ngettext
from simple_history.models import HistoricalChanges

from meetings.models import Appearance, Meeting, Objective, Person
from meetings.signals import meeting_cloned, person_erasing, person_merged

from .timeline import MERGED_REASON

# A service's line in the admin log names who acted in the records it has just written.
ACTING_WINDOW = datetime.timedelta(seconds=30)


def _history_models() -> list:
    """Every model of change records, the many-to-many ones (an item's sessions) too."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, HistoricalChanges)
        or any(model_field.name == "m2m_history_id" for model_field in model._meta.fields)
    ]


@receiver(person_erasing, dispatch_uid="meetings_history_on_erase")
def person_history_erase(*, person: Person, apply: bool, **_kwargs) -> list[str]:
    """The person's own records lose what erasure removes from the row: honorific, names, the
    slug made from them, bio and photo. Records of the rows that name them (appearances,
    check-ins, nominations' person) hold only their number, shown as "Name withheld"."""
    records = Person.history.filter(id=person.pk)
    count = records.count()
    if not count:
        return []
    if apply:
        records.update(
            honorific_id=None,
            given_name="",
            family_name="",
            slug=f"withheld-{person.pk}",
            bio="",
            photo="",
        )
    return [
        ngettext(
            "%(count)d record of the person's change history: names, honorific, bio and photo "
            "removed",
            "%(count)d records of the person's change history: names, honorific, bio and photo "
            "removed",
            count,
        )
        % {"count": count}
    ]


@receiver(person_merged, dispatch_uid="meetings_history_follow_merge")
def person_history_merge(*, kept: Person, merged: Person, **_kwargs) -> list[str]:
    """Records that named the merged person name the kept one (they would name a deleted row);
    the merged person's own records become the kept person's, so that erasing the kept person
    finds them (and deleting the merged one, which takes its records along, keeps them)."""
    for model in _history_models():
        for model_field in model._meta.fields:
            if model_field.many_to_one and model_field.related_model is Person:
                model.objects.filter(**{model_field.attname: merged.pk}).update(
                    **{model_field.attname: kept.pk}
                )
    Person.history.filter(id=merged.pk).update(
        id=kept.pk, history_change_reason=MERGED_REASON.format(pk=merged.pk)
    )
    return []


@receiver(meeting_cloned, dispatch_uid="meetings_history_of_clone")
def clone_history(*, copy: Meeting, by=None, **_kwargs) -> list[str]:
    """The copy's objectives and people, made together (bulk_create, which records nothing),
    get their "Added" record, by who planned the copy."""
    user = by if by is not None and by.pk is not None else None
    for model, rows in (
        (Objective, Objective.objects.filter(meeting=copy)),
        (Appearance, Appearance.objects.filter(agenda_item__meeting=copy)),
    ):
        unrecorded = rows.exclude(pk__in=model.history.values("id"))
        model.history.bulk_history_create(list(unrecorded), default_user=user)
    return []


def acting_user_recorded(*, model, pk, user_id, at: datetime.datetime) -> int:
    """Name `user_id` in the object's records written just before `at` without a user: a
    service called outside a request (a command, a test) says who acted in its own line."""
    manager_name = getattr(model._meta, "simple_history_manager_attribute", None)
    if manager_name is None or user_id is None:
        return 0
    return (
        getattr(model, manager_name)
        .filter(id=pk, history_user__isnull=True, history_date__gte=at - ACTING_WINDOW)
        .update(history_user_id=user_id)
    )


@receiver(post_save, sender=LogEntry, dispatch_uid="meetings_history_user_from_admin_log")
def user_from_admin_log(*, instance: LogEntry, created: bool, raw: bool = False, **_kw) -> None:
    if not created or raw or not instance.content_type_id or not instance.object_id:
        return
    model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
    if model is None:
        return
    acting_user_recorded(
        model=model, pk=instance.object_id, user_id=instance.user_id, at=instance.action_time
    )
