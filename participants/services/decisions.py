"""The Secretariat's decisions on nominations: accept, wait-list, decline.

Each is taken under the meeting's registration lock, recorded in the nomination's history with
who and when, and mailed to the organization's focal points once it commits (outbox).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.mail import link, send_in_languages
from accounts.models import User
from config.security_log import security_log
from meetings.models import Meeting
from participants.models import (
    Nomination,
    NominationEvent,
    NominationEventKind,
    NominationStatus,
)
from participants.services.nominations import event_record
from participants.services.places import place_check, registration_locked

DECISION_EVENTS = {
    NominationStatus.ACCEPTED: NominationEventKind.ACCEPTED,
    NominationStatus.WAITLISTED: NominationEventKind.WAITLISTED,
    NominationStatus.DECLINED: NominationEventKind.DECLINED,
}


def decision_mail(nomination: Nomination) -> None:
    """Tell the organization's focal points what was decided, with the message if any."""
    recipients = sorted(
        nomination.organization.memberships.filter(user__is_active=True).values_list(
            "user__email", flat=True
        )
    )
    if not recipients:
        return
    context = {
        "nomination": nomination,
        "meeting": nomination.meeting,
        "delegation_url": link(nomination.get_absolute_url),
    }

    def compose() -> tuple[str, str]:
        subject = _("%(meeting)s: %(name)s — %(status)s") % {
            "meeting": nomination.meeting.title,
            "name": nomination.full_name,
            "status": nomination.get_status_display().lower(),
        }
        return subject, render_to_string("participants/mail/decision.txt", context)

    send_in_languages(recipients, compose)


def _decide(
    *, nomination: Nomination, status: NominationStatus, by: User, message: str = ""
) -> Nomination:
    with transaction.atomic():
        registration = registration_locked(nomination.meeting)
        nomination = (
            Nomination.objects.select_for_update(of=("self",))
            .select_related("meeting", "organization", "honorific")
            .get(pk=nomination.pk)
        )
        if nomination.status == NominationStatus.WITHDRAWN:
            raise ValidationError(
                _("%(name)s was withdrawn by their organization: there is nothing to decide.")
                % {"name": nomination.full_name},
                code="withdrawn",
            )
        if nomination.status == status:
            raise ValidationError(
                _("%(name)s is %(status)s already.")
                % {"name": nomination.full_name, "status": nomination.get_status_display().lower()},
                code="unchanged",
            )
        if status == NominationStatus.ACCEPTED:
            place_check(registration, nomination.organization, leaving=nomination)
        nomination.status = status
        nomination.decision_message = message
        nomination.decided_by = by
        nomination.decided_at = timezone.now()
        nomination.save(
            update_fields=["status", "decision_message", "decided_by", "decided_at", "updated_at"]
        )
        event_record(nomination, DECISION_EVENTS[status], by, message)
        decision_mail(nomination)
    security_log.info(
        "nomination %s nomination=%s user=%s", status, nomination.pk, by.email if by else "-"
    )
    return nomination


def nomination_accept(*, nomination: Nomination, by: User) -> Nomination:
    """Accept: refused with a message when the organization or the meeting has no place left."""
    return _decide(nomination=nomination, status=NominationStatus.ACCEPTED, by=by)


def nomination_waitlist(*, nomination: Nomination, by: User, message: str = "") -> Nomination:
    return _decide(
        nomination=nomination, status=NominationStatus.WAITLISTED, by=by, message=message
    )


def nomination_decline(*, nomination: Nomination, by: User, message: str) -> Nomination:
    """Decline, with a message to the organization: required."""
    if not message.strip():
        raise ValidationError(
            _("Say why the nomination is declined: the message goes to the organization."),
            code="message_required",
        )
    return _decide(nomination=nomination, status=NominationStatus.DECLINED, by=by, message=message)


def places_offered(meeting: Meeting) -> list[Nomination]:
    """What staff are offered to accept once a withdrawal or a decline frees a place: for each
    organization with a place free, its first wait-listed nomination, if a nomination of the
    meeting was withdrawn or declined after it was wait-listed. (Wait-listing someone while
    places are free is a choice, not a place freed up: it brings no offer.)"""
    registration = getattr(meeting, "registration", None)
    if registration is None:
        return []
    taken = Nomination.objects.places_taken(meeting)
    if registration.capacity is not None and taken[None] >= registration.capacity:
        return []
    freed_at = NominationEvent.objects.filter(
        nomination__meeting=meeting,
        kind__in=[NominationEventKind.WITHDRAWN, NominationEventKind.DECLINED],
    ).aggregate(last=Max("at"))["last"]
    if freed_at is None:
        return []
    waiting = (
        Nomination.objects.for_meeting(meeting)
        .filter(status=NominationStatus.WAITLISTED)
        .with_details()
        .order_by("decided_at", "created_at", "pk")
    )
    offered: dict[int, Nomination] = {}
    per_organization = registration.places_per_organization
    for nomination in waiting:
        if nomination.organization_id in offered:
            continue
        offered[nomination.organization_id] = nomination
    return [
        nomination
        for nomination in offered.values()
        if (nomination.decided_at is None or nomination.decided_at < freed_at)
        and (
            per_organization is None or taken.get(nomination.organization_id, 0) < per_organization
        )
    ]
