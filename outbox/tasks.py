"""Sending one recorded message: message_send(), and the task the worker runs with it
(queued by outbox.services.message_queue)."""

import logging

from django.core.mail import EmailMessage
from django.tasks import task
from django.utils import timezone

from outbox.models import MAX_ATTEMPTS, Message, MessageStatus

logger = logging.getLogger(__name__)


def message_send(*, message: Message) -> bool:
    """Try to send `message` now; True when the mail server took it.

    Of two senders at once (the command and the Retry action, say) only one sends: each claims
    the message by its attempt count first.
    """
    now = timezone.now()
    claimed = (
        Message.objects.filter(pk=message.pk, attempts=message.attempts)
        .exclude(status=MessageStatus.SENT)
        .update(attempts=message.attempts + 1, last_attempt_at=now, status=MessageStatus.QUEUED)
    )
    if not claimed:
        return False
    message.attempts += 1
    message.last_attempt_at = now
    try:
        EmailMessage(message.subject, message.body, to=message.recipients).send()
    except Exception as error:  # Any backend, any failure: SMTP refusals, DNS, timeouts...
        logger.exception(
            "Mail %s (%r) not sent, attempt %d of %d",
            message.pk,
            message.subject,
            message.attempts,
            MAX_ATTEMPTS,
        )
        message.status = MessageStatus.FAILED
        message.last_error = f"{type(error).__name__}: {error}"[:2000]
        message.save(update_fields=["status", "last_error"])
        return False
    message.status = MessageStatus.SENT
    message.sent_at = timezone.now()
    message.last_error = ""
    message.save(update_fields=["status", "sent_at", "last_error"])
    return True


@task
def send_message(message_id: int) -> bool:
    """Send the message now; True when the mail server took it. A message gone (deleted since)
    or sent already is left alone."""
    message = Message.objects.filter(pk=message_id).first()
    if message is None:
        return False
    return message_send(message=message)
