"""Writes about the outbox: every message Plenary sends is recorded here, then sent.

`message_queue` is what the other apps call. The message is sent once the current transaction
commits (at once outside one); a failure to send never reaches the caller, so an action that
committed never becomes an error page because the mail server is down. It is logged, kept as
"failed", shown to staff in the admin and sent again by `send_queued_mail` or the Retry action.
"""

import logging
from collections.abc import Sequence
from functools import partial

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from .models import MAX_ATTEMPTS, Message, MessageStatus

logger = logging.getLogger(__name__)


def message_queue(*, to: Sequence[str], subject: str, body: str) -> Message:
    """Record a message for `to` and send it once the current transaction commits."""
    message = Message.objects.create(to="\n".join(to), subject=subject, body=body)
    transaction.on_commit(partial(message_send, message=message), robust=True)
    return message


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


def messages_retry() -> tuple[int, int]:
    """Send again what failed or was left queued, up to MAX_ATTEMPTS each: (sent, not sent)."""
    sent = failed = 0
    for message in Message.objects.due(timezone.now()):
        if message_send(message=message):
            sent += 1
        else:
            failed += 1
    return sent, failed
