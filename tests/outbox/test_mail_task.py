"""Mail is sent by the background worker, not in the request: message_queue() queues a task in
the transaction that records the message, and `manage.py db_worker` sends it."""

import django.tasks
import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.tasks import TaskBackendHandler
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from accounts.models import Invitation
from outbox.models import Message, MessageStatus
from outbox.services import message_queue
from tests.factories import OrganizationFactory

# The worker commits: a transactional database.
pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SEND = "outbox.tasks.send_message"


@pytest.fixture(autouse=True)
def database_tasks(monkeypatch):
    monkeypatch.setattr(django.tasks, "task_backends", TaskBackendHandler(DATABASE_TASKS))


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_invitation_mail_is_sent_by_the_worker_not_the_request(admin_client):
    iom = OrganizationFactory(name="International Organization for Migration", acronym="IOM")

    response = admin_client.post(
        reverse("admin:accounts_invitation_add"),
        {"email": "ana@iom.example", "organization": iom.pk},
    )

    assert response.status_code == 302
    assert Invitation.objects.get().email == "ana@iom.example"
    message = Message.objects.get()
    assert (message.status, message.attempts, mail.outbox) == (MessageStatus.QUEUED, 0, [])
    assert list(DBTaskResult.objects.values_list("task_path", "status")) == [(SEND, "READY")]

    run_worker()

    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.SENT, 1)
    assert [(sent.to, sent.subject) for sent in mail.outbox] == [
        (["ana@iom.example"], message.subject)
    ]
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["SUCCESSFUL"]


def queue_then_fail() -> None:
    with transaction.atomic():
        message_queue(to=["ana@iom.example"], subject="Hello", body="Text")
        raise RuntimeError("the action failed")


def test_message_of_a_rolled_back_action_is_neither_kept_nor_queued():
    with pytest.raises(RuntimeError, match="the action failed"):
        queue_then_fail()

    assert (Message.objects.count(), DBTaskResult.objects.count()) == (0, 0)
    run_worker()
    assert mail.outbox == []


def test_message_deleted_before_the_worker_runs_is_not_sent():
    message = message_queue(to=["ana@iom.example"], subject="Hello", body="Text")
    message.delete()

    run_worker()

    assert mail.outbox == []
    assert list(DBTaskResult.objects.values_list("status", flat=True)) == ["SUCCESSFUL"]
