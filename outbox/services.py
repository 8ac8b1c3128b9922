"""Writes about the outbox: every message Plenary sends is recorded here, then sent.

`message_queue` is what the other apps call. The message is sent by the background worker
(outbox.tasks.send_message), never in the request: with the database task backend the task's
row is written in the current transaction, so it commits with the message (and the action that
wrote it) or not at all, and the worker sends it once committed. With the immediate backend
(tests, tiny installs) it is sent once the transaction commits (at once outside one). A failure
to send never reaches the caller, so an action that committed never becomes an error page
because the mail server is down. It is logged, kept as "failed", shown to staff in the admin and
sent again by `send_queued_mail` or the Retry action.
"""

import logging
from collections.abc import Sequence
from functools import partial

from django.db import transaction
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend

from .models import Message
from .tasks import message_send, send_message

__all__ = ["message_queue", "message_send", "messages_retry"]

logger = logging.getLogger(__name__)


def message_queue(*, to: Sequence[str], subject: str, body: str) -> Message:
    """Record a message for `to`; the worker sends it once the current transaction commits."""
    message = Message.objects.create(to="\n".join(to), subject=subject, body=body)
    if isinstance(send_message.get_backend(), DatabaseBackend):
        send_message.enqueue(message_id=message.pk)
    else:  # a backend that runs the task at once: once the message is there to read
        transaction.on_commit(partial(send_message.enqueue, message_id=message.pk), robust=True)
    return message


def messages_retry() -> tuple[int, int]:
    """Send again what failed or was left queued, up to MAX_ATTEMPTS each: (sent, not sent)."""
    sent = failed = 0
    for message in Message.objects.due(timezone.now()):
        if message_send(message=message):
            sent += 1
        else:
            failed += 1
    return sent, failed
