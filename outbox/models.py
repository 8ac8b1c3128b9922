import datetime

from django.db import models
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

# `send_queued_mail` gives up on a message after this many attempts; staff can still retry it.
MAX_ATTEMPTS = 5
# A message still queued this long after its last attempt (or its creation) was left by a worker
# that stopped before sending it: `send_queued_mail` takes it up.
STALE_AFTER = datetime.timedelta(minutes=5)


class MessageStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class MessageQuerySet(models.QuerySet["Message"]):
    def failed(self) -> "MessageQuerySet":
        return self.filter(status=MessageStatus.FAILED)

    def due(self, now: datetime.datetime) -> "MessageQuerySet":
        """What `send_queued_mail` tries again: failed, or queued and left behind."""
        stale = models.Q(status=MessageStatus.QUEUED) & models.Q(last_tried__lt=now - STALE_AFTER)
        return (
            self.alias(last_tried=Coalesce("last_attempt_at", "created_at"))
            .filter(models.Q(status=MessageStatus.FAILED) | stale, attempts__lt=MAX_ATTEMPTS)
            .order_by("created_at", "pk")
        )


class Message(models.Model):
    to = models.TextField(
        verbose_name=_("to"), help_text=_("The recipients' addresses, one per line.")
    )
    subject = models.CharField(verbose_name=_("subject"), max_length=998)
    body = models.TextField(verbose_name=_("body"))
    status = models.CharField(
        verbose_name=_("status"),
        max_length=10,
        choices=MessageStatus.choices,
        default=MessageStatus.QUEUED,
        help_text=_(
            "Queued: being sent. Failed: the mail server refused it or could not be reached; "
            "the send_queued_mail command tries again, as does the Retry action."
        ),
    )
    attempts = models.PositiveSmallIntegerField(
        verbose_name=_("attempts"),
        default=0,
        help_text=_("How many times sending was tried. send_queued_mail stops after 5."),
    )
    last_error = models.TextField(
        verbose_name=_("last error"),
        blank=True,
        help_text=_("What the mail server, or the connection to it, said the last time."),
    )
    created_at = models.DateTimeField(verbose_name=_("queued at"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(verbose_name=_("last attempt at"), null=True)
    sent_at = models.DateTimeField(verbose_name=_("sent at"), null=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail message")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="outbox_status_created")]

    def __str__(self) -> str:
        return self.subject

    @property
    def recipients(self) -> list[str]:
        return [address for address in self.to.splitlines() if address]
