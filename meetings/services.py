"""Writes on meetings that are more than a form save."""

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from .models import Meeting, MeetingStatus


@transaction.atomic
def meetings_set_status(*, meetings: QuerySet[Meeting], status: MeetingStatus) -> int:
    """Publish meetings or return them to draft; returns how many changed."""
    return meetings.exclude(status=status).update(status=status, updated_at=timezone.now())
