"""Mail that cannot be sent never turns a committed action into an error page, and staff see it."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from accounts.models import Invitation
from outbox.models import MAX_ATTEMPTS, Message, MessageStatus
from outbox.services import message_queue, message_send
from papers.services import mail as papers_mail
from papers.services.review import document_reject
from tests.factories import DocumentFactory, OrganizationFactory, SecretariatFactory, StaffFactory

pytestmark = pytest.mark.django_db

SMTP_DOWN = {"default": {"BACKEND": "tests.outbox.backends.SMTPDownBackend"}}
SMTP_UP = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
OUTBOX = reverse("admin:outbox_message_changelist")


@pytest.fixture
def smtp_down(settings):
    settings.MAILERS = SMTP_DOWN


def failed_message(**fields) -> Message:
    message = Message.objects.create(
        to="ana@iom.example", subject="Invitation", body="Hello", **fields
    )
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.FAILED)
    message.refresh_from_db()
    return message


# A real commit (transaction=True): the mail leaves after it, inside the request, as in production.
@pytest.mark.django_db(transaction=True)
def test_an_invitation_with_smtp_down_is_stored_and_its_mail_kept_as_failed(
    admin_client, settings, smtp_down
):
    iom = OrganizationFactory(name="International Organization for Migration", acronym="IOM")

    response = admin_client.post(
        reverse("admin:accounts_invitation_add"),
        {"email": "ana@iom.example", "organization": iom.pk},
        follow=True,
    )

    assertRedirects(response, reverse("admin:accounts_invitation_changelist"))
    assert Invitation.objects.get().email == "ana@iom.example"
    message = Message.objects.get()
    assert (message.recipients, message.status, message.attempts) == (
        ["ana@iom.example"],
        MessageStatus.FAILED,
        1,
    )
    assert message.subject == (
        "Invitation: focal point for International Organization for Migration (IOM) on Plenary"
    )
    assert message.last_error == "ConnectionRefusedError: [Errno 111] Connection refused"
    assert mail.outbox == []

    index = admin_client.get(reverse("admin:index"))
    assertContains(index, "1 e-mail message could not be sent.")
    assertContains(index, f'<a href="{OUTBOX}?status__exact=failed">')
    changelist = admin_client.get(OUTBOX)
    assertContains(changelist, "1 e-mail message could not be sent.")
    assertContains(changelist, "ana@iom.example")

    settings.MAILERS = SMTP_UP
    call_command("send_queued_mail", stdout=(output := io.StringIO()))

    assert output.getvalue() == "Sent 1, still failing 0.\n"
    [sent] = mail.outbox
    assert (sent.to, sent.subject) == (["ana@iom.example"], message.subject)
    assert "/accounts/invitations/" in sent.body
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (MessageStatus.SENT, 2, "")
    assertNotContains(admin_client.get(reverse("admin:index")), "could not be sent")


def test_a_paper_notice_with_smtp_down_is_kept_as_failed(
    smtp_down, django_capture_on_commit_callbacks
):
    SecretariatFactory(email="a@un.example")
    document = DocumentFactory(title="Remittances")

    with django_capture_on_commit_callbacks(execute=True):
        papers_mail.secretariat_notify(document=document)

    message = Message.objects.get()
    assert (message.recipients, message.subject, message.status) == (
        ["a@un.example"],
        "To review: Remittances",
        MessageStatus.FAILED,
    )


def test_a_message_is_recorded_and_sent_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = message_queue(to=["a@un.example", "b@un.example"], subject="S", body="B")
    assert (message.status, mail.outbox) == (MessageStatus.QUEUED, [])

    callbacks[0]()

    assert [sent.to for sent in mail.outbox] == [["a@un.example", "b@un.example"]]
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.SENT, 1)
    assert message.sent_at is not None


def test_send_queued_mail_gives_up_after_five_attempts(smtp_down):
    last_chance = failed_message(attempts=MAX_ATTEMPTS - 1)
    given_up = failed_message(attempts=MAX_ATTEMPTS)

    call_command("send_queued_mail", stdout=(output := io.StringIO()))

    assert output.getvalue() == "Sent 0, still failing 1.\n"
    last_chance.refresh_from_db()
    given_up.refresh_from_db()
    assert (last_chance.attempts, last_chance.status) == (5, MessageStatus.FAILED)
    assert (given_up.attempts, given_up.status) == (5, MessageStatus.FAILED)


def test_send_queued_mail_takes_up_a_message_left_queued_only_after_five_minutes():
    left = Message.objects.create(to="a@un.example", subject="Left behind", body="B")
    Message.objects.filter(pk=left.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=6)
    )
    Message.objects.create(to="b@un.example", subject="Being sent", body="B")

    call_command("send_queued_mail", stdout=io.StringIO())

    assert [sent.subject for sent in mail.outbox] == ["Left behind"]


def test_a_message_claimed_by_another_sender_is_not_sent_twice():
    message = failed_message()
    stale_copy = Message.objects.get(pk=message.pk)

    assert message_send(message=message) is True
    assert message_send(message=stale_copy) is False

    assert len(mail.outbox) == 1


def test_staff_retry_a_failed_message_from_the_outbox(admin_client):
    message = failed_message(attempts=MAX_ATTEMPTS)

    response = admin_client.post(
        OUTBOX, {"action": "retry", "_selected_action": [message.pk]}, follow=True
    )

    assertContains(response, "Sent 1 message.")
    assert [sent.to for sent in mail.outbox] == [["ana@iom.example"]]
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT


def test_the_outbox_is_read_only(admin_client):
    message = failed_message()

    page = admin_client.get(reverse("admin:outbox_message_change", args=[message.pk]))

    assertContains(page, "Hello")
    assertNotContains(page, 'name="_save"')
    assert admin_client.get(reverse("admin:outbox_message_add")).status_code == 403
    assert (
        admin_client.post(
            reverse("admin:outbox_message_delete", args=[message.pk]), {"post": "yes"}
        ).status_code
        == 403
    )


def test_staff_who_may_not_see_the_outbox_get_no_warning(client):
    failed_message()
    client.force_login(StaffFactory())

    assertNotContains(client.get(reverse("admin:index")), "could not be sent")


def test_a_decision_and_its_message_are_stored_together_or_not_at_all(
    django_capture_on_commit_callbacks,
):
    """The message is recorded inside the action's transaction: a rolled-back action leaves no
    message behind, and a committed one cannot lose its message."""
    document = DocumentFactory(submitted_by=StaffFactory(email="focal@iom.example"))

    def reject_then_fail():
        with transaction.atomic():
            document_reject(document=document, comment="Out of scope.", by=SecretariatFactory())
            assert Message.objects.count() == 1
            raise RuntimeError("a later step failed")

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError, match="later step failed"),
    ):
        reject_then_fail()
    assert Message.objects.count() == 0
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        document_reject(document=document, comment="Out of scope.", by=SecretariatFactory())
    assert Message.objects.get().status == MessageStatus.SENT
    assert len(mail.outbox) == 1
