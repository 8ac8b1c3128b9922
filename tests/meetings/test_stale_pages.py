"""Two staff members edit the same thing: the second save from a stale page is refused."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from meetings.models import AgendaItem, Meeting, Person
from papers.models import Document
from tests.factories import (
    AgendaItemFactory,
    DocumentFactory,
    MeetingFactory,
    PersonFactory,
    SecretariatFactory,
)

pytestmark = pytest.mark.django_db


def form_data(response) -> dict:
    """What the browser would send back: every field of the page's forms as it was filled."""
    data = {}
    for form in [response.context["adminform"].form, *_inline_forms(response)]:
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None or value is False:
                continue
            if value is True:
                data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            else:
                data[key] = str(value) if not hasattr(value, "pk") else str(value.pk)
        # split datetime widgets post two parts
        for name, field in form.fields.items():
            if field.widget.__class__.__name__ == "SplitDateTimeWidget":
                value = form[name].value()
                key = form.add_prefix(name)
                data.pop(key, None)
                if value:
                    local = value
                    data[f"{key}_0"] = local.strftime("%Y-%m-%d")
                    data[f"{key}_1"] = local.strftime("%H:%M:%S")
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = str(management[name].value())
    return data


def _inline_forms(response):
    for formset in response.context["inline_admin_formsets"]:
        yield from formset.formset.forms


@pytest.fixture
def two_officers(client, django_user_model):
    first, second = SecretariatFactory(first_name="Sara", last_name="Secretariat"), None
    first.is_superuser = True
    first.save()
    second = SecretariatFactory(first_name="Omar", last_name="Officer")
    second.is_superuser = True
    second.save()
    return first, second


@pytest.mark.parametrize(
    ("make", "model", "field", "value"),
    [
        (
            lambda: MeetingFactory(title="Tenth meeting"),
            Meeting,
            "title",
            "Tenth meeting (revised)",
        ),
        (lambda: AgendaItemFactory(title="Opening"), AgendaItem, "title", "Opening of the meeting"),
        (lambda: PersonFactory(position="Director"), Person, "position", "Chief"),
        (lambda: DocumentFactory(title="A paper"), Document, "title", "A better paper"),
    ],
    ids=["meeting", "agenda item", "person", "document"],
)
def test_the_second_save_from_a_stale_page_is_refused(
    client, two_officers, make, model, field, value
):
    first, second = two_officers
    obj = make()
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])

    client.force_login(second)
    stale = form_data(client.get(url))  # Omar opens the page …
    client.force_login(first)
    fresh = form_data(client.get(url))
    fresh[f"{field}_en"] = value
    assert client.post(url, fresh).status_code == 302  # … Sara saves first

    client.force_login(second)
    stale[f"{field}_en"] = "Omar's version"
    response = client.post(url, stale)

    assert response.status_code == 200
    assertContains(response, "was changed by Sara Secretariat at")
    assertContains(response, "nothing you sent was saved")
    assert getattr(model.objects.get(pk=obj.pk), field) == value


def test_a_page_opened_after_the_last_save_saves(client, two_officers):
    first, _second = two_officers
    meeting = MeetingFactory(title="Tenth meeting")
    url = reverse("admin:meetings_meeting_change", args=[meeting.pk])
    client.force_login(first)
    data = form_data(client.get(url))
    data["title_en"] = "Tenth meeting (revised)"
    assert client.post(url, data).status_code == 302
    data = form_data(client.get(url))
    data["title_en"] = "Tenth meeting (final)"
    assert client.post(url, data).status_code == 302
    assert Meeting.objects.get(pk=meeting.pk).title == "Tenth meeting (final)"
