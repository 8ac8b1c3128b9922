"""Mail in each recipient's language (User.language): a decision reaches each focal point in
theirs, whatever language the Secretariat works in; the switcher sets the language."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.mail import addresses_by_language
from participants.models import NominationStatus
from tests.factories import MembershipFactory, NominationFactory, UserFactory
from tests.participants.test_admin_queue import act, queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def label(status: NominationStatus, language: str) -> str:
    with translation.override(language):
        return str(status.label).lower()


def test_a_decision_reaches_each_focal_point_in_their_language(
    staff_client, registration, organization, focal_point, django_capture_on_commit_callbacks
):
    MembershipFactory(
        organization=organization, user__email="point@iom.example", user__language="fr"
    )
    MembershipFactory(
        organization=organization, user__email="punto@iom.example", user__language="es"
    )
    delegate = NominationFactory(
        meeting=registration.meeting, organization=organization, status=NominationStatus.PENDING
    )
    with django_capture_on_commit_callbacks(execute=True):
        # The Secretariat works in Russian: that is no reason to write to anyone in Russian.
        response = act(
            staff_client, "/ru" + queue(delegate.meeting), "accept", [delegate], post="yes"
        )
    assert response.status_code == 200, response
    assert mail.outbox, "nothing sent"

    sent = {tuple(message.to): message for message in mail.outbox}
    assert set(sent) == {("focal@iom.example",), ("point@iom.example",), ("punto@iom.example",)}
    assert sent[("focal@iom.example",)].subject.endswith(" — accepted")
    french = sent[("point@iom.example",)]
    assert french.subject.endswith(" — " + label(NominationStatus.ACCEPTED, "fr"))
    spanish = sent[("punto@iom.example",)]
    assert spanish.subject.endswith(" — " + label(NominationStatus.ACCEPTED, "es"))
    assert french.body != spanish.body != sent[("focal@iom.example",)].body
    # Each link opens in its reader's language, not the Russian the Secretariat works in.
    with translation.override("en"):
        delegation = delegate.get_absolute_url()
    assert f"{settings.SITE_URL}{delegation}" in sent[("focal@iom.example",)].body
    assert f"{settings.SITE_URL}/fr{delegation}" in french.body
    assert f"{settings.SITE_URL}/es{delegation}" in spanish.body
    assert "/ru/" not in "".join(message.body for message in mail.outbox)


def test_addresses_are_grouped_by_language_in_one_query(django_assert_num_queries):
    UserFactory(email="a@example.org", language="ar")
    UserFactory(email="b@example.org", language="en")
    with django_assert_num_queries(1):
        grouped = addresses_by_language(["a@example.org", "B@example.org", "x@example.org"])
    assert grouped == {"ar": ["a@example.org"], "en": ["B@example.org", "x@example.org"]}


def test_the_switcher_sets_a_logged_in_user_s_language(client, focal_point):
    client.force_login(focal_point)
    switch = reverse("switch_language", args=["zh-hans"])
    # A click on one of our pages, as the browser says (Sec-Fetch-Site).
    response = client.get(switch, {"next": "/"}, HTTP_SEC_FETCH_SITE="same-origin")
    assert response["Location"] == "/zh-hans/"
    focal_point.refresh_from_db()
    assert focal_point.language == "zh-hans"


def test_staff_set_a_user_s_language_in_the_admin(admin_client, focal_point):
    url = reverse("admin:accounts_user_change", args=[focal_point.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="language"' in page
    assert '<option value="ar">' in page
