"""The review step applied in one go: each phrase of the Twelfth that still names the Tenth gets
a proposed replacement, staff check, edit or uncheck them, and one save corrects the texts; a
text edited in between, an empty replacement or a person without permission changes nothing."""

import datetime
import html

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import strip_tags

from accounts.models import User
from meetings.clone_corrections import Correction, clone_corrections_apply, suggest
from meetings.cloning import meeting_clone, old_edition_mentions
from meetings.models import Meeting
from tests.factories import MeetingFactory, StaffFactory

pytestmark = pytest.mark.django_db

# The Twelfth, a year after the Tenth (the demo holds the Eleventh): GA sessions move by one.
START = datetime.date(2013, 2, 7)


@pytest.fixture
def tenth() -> Meeting:
    call_command("load_demo", verbosity=0)
    return Meeting.objects.get(slug="tenth-coordination-meeting")


@pytest.fixture
def admin_user(tenth) -> User:
    return User.objects.get(email="admin@example.org")


@pytest.fixture
def twelfth(tenth, admin_user) -> Meeting:
    return meeting_clone(meeting=tenth, edition=12, start_date=START, by=admin_user)


def review_url(copy: Meeting, original: Meeting) -> str:
    return reverse("admin:meetings_meeting_clone_review", args=[copy.pk, original.pk])


def text(response) -> str:
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


def test_each_flagged_phrase_gets_the_replacement_a_secretariat_would_type(tenth, twelfth):
    mentions = old_edition_mentions(copy=twelfth, original=tenth, edit_url=lambda k, pk: "")
    proposed = [
        (m.field, m.phrase, suggest(m.phrase, original=tenth, copy=twelfth))
        for m in mentions
        if m.likely
    ]
    nearby = {
        (m.field, m.phrase, suggest(m.phrase, original=tenth, copy=twelfth))
        for m in mentions
        if not m.likely
    }
    assert ("objective 2", "2011", "2012") in nearby
    assert ("objective 1", "2013", "2014") in nearby
    assert proposed == [
        ("description", "Tenth", "Twelfth"),
        ("expected outcome", "sixty-seventh", "sixty-eighth"),
        ("objective 1", "sixty-eighth", "sixty-ninth"),
        ("objective 2", "2012", "2013"),
    ]


@pytest.mark.parametrize(
    ("phrase", "replacement"),
    [
        ("TENTH", "TWELFTH"),
        ("tenth", "twelfth"),
        ("10th", "12th"),
        ("9–10 February 2012", "7–8 February 2013"),
        ("9 February", "7 February"),
        ("10 February 2012", "8 February 2013"),
        ("Sixty-seventh", "Sixty-eighth"),
        ("Geneva", ""),
    ],
)
def test_proposals_keep_the_phrase_shape(tenth, twelfth, phrase, replacement):
    assert suggest(phrase, original=tenth, copy=twelfth) == replacement


def test_a_date_range_across_a_month_end_reads_as_one(admin_user):
    meeting = MeetingFactory(
        edition=3, start_date=datetime.date(2024, 2, 23), end_date=datetime.date(2024, 2, 24)
    )
    copy = meeting_clone(
        meeting=meeting, edition=4, start_date=datetime.date(2025, 2, 28), by=admin_user
    )
    assert (copy.start_date, copy.end_date) == (
        datetime.date(2025, 2, 28),
        datetime.date(2025, 3, 1),
    )
    assert suggest("23–24 February 2024", original=meeting, copy=copy) == (
        "28 February–1 March 2025"
    )


def test_one_save_applies_every_checked_replacement(client, tenth, twelfth, admin_user):
    client.force_login(admin_user)
    url = review_url(twelfth, tenth)
    rows = client.get(url).context["rows"]
    # The phrases that surely name the Tenth are checked; the years next to its are not.
    assert [row.checked for row in rows] == [row.mention.likely for row in rows]
    likely = [row for row in rows if row.mention.likely]
    assert len(likely) == 4
    data = {"fix": [row.correction.key for row in likely[:3]]}
    for row in rows:
        data[f"replacement-{row.correction.key}"] = row.replacement
    response = client.post(url, data, follow=True)

    assert "3 phrases were corrected." in text(response)
    twelfth.refresh_from_db()
    assert "is organizing the Twelfth Coordination Meeting" in twelfth.description
    assert "for the sixty-eighth session of the General Assembly" in twelfth.expected_outcome
    objectives = list(twelfth.objectives.order_by("order").values_list("text", flat=True))
    assert "during its sixty-ninth session in 2013" in objectives[0]
    assert "the 2011 and 2012 editions" in objectives[1]  # unchecked: left as it was
    # What was replaced is not flagged again, even "sixty-eighth", which the Tenth also names.
    left = [row.mention.phrase for row in response.context["rows"] if row.mention.likely]
    assert left == ["2012"]
    entry = LogEntry.objects.filter(object_id=str(twelfth.pk), action_flag=CHANGE).latest("pk")
    assert entry.user == admin_user
    assert entry.change_message == "Review of the next edition: 3 phrases corrected."
    # The Tenth itself is untouched.
    tenth.refresh_from_db()
    assert "is organizing the Tenth Coordination Meeting" in tenth.description


def test_a_replacement_typed_by_hand_is_used(client, tenth, twelfth, admin_user):
    client.force_login(admin_user)
    url = review_url(twelfth, tenth)
    row = [row for row in client.get(url).context["rows"] if row.mention.likely][3]
    key = row.correction.key
    client.post(url, {"fix": [key], f"replacement-{key}": "2012 and 2013"})
    objective = twelfth.objectives.order_by("order")[1]
    assert "the 2011 and 2012 and 2013 editions" in objective.text


def test_an_empty_replacement_is_refused_and_nothing_changes(client, tenth, twelfth, admin_user):
    client.force_login(admin_user)
    url = review_url(twelfth, tenth)
    rows = client.get(url).context["rows"]
    data = {"fix": [row.correction.key for row in rows]}
    for row in rows:
        data[f"replacement-{row.correction.key}"] = row.replacement
    description = next(row for row in rows if row.mention.field == "description")
    data[f"replacement-{description.correction.key}"] = "  "
    before = Meeting.objects.get(pk=twelfth.pk).description

    response = client.post(url, data)
    assert response.status_code == 200
    assert "Nothing was changed:" in text(response)
    assert "description: Type what replaces “Tenth”, or uncheck it." in text(response)
    assert Meeting.objects.get(pk=twelfth.pk).description == before
    assert "sixty-seventh" in Meeting.objects.get(pk=twelfth.pk).expected_outcome


def test_a_text_edited_since_the_review_is_not_changed(tenth, twelfth, admin_user):
    mention = next(
        m
        for m in old_edition_mentions(copy=twelfth, original=tenth, edit_url=lambda k, pk: "")
        if m.field == "description"
    )
    Meeting.objects.filter(pk=twelfth.pk).update(description_en="Now the Tenth is elsewhere.")
    correction = Correction(
        kind=mention.kind,
        pk=mention.pk,
        attr=mention.attr,
        start=mention.start,
        end=mention.end,
        phrase=mention.phrase,
        replacement="Twelfth",
    )
    applied, refused = clone_corrections_apply(
        copy=twelfth, corrections=[correction], by=admin_user
    )
    assert applied == 0
    assert refused == ["“Tenth” was not changed: its text was edited since the review."]
    assert Meeting.objects.get(pk=twelfth.pk).description == "Now the Tenth is elsewhere."


def test_a_correction_cannot_reach_another_meeting(tenth, twelfth, admin_user):
    """The review of the Twelfth names rows by id: one of the Tenth's is out of reach."""
    correction = Correction(
        kind="meeting", pk=tenth.pk, attr="title", start=0, end=5, phrase="Tenth", replacement="X"
    )
    applied, refused = clone_corrections_apply(
        copy=twelfth, corrections=[correction], by=admin_user
    )
    assert applied == 0
    assert refused == ["“Tenth”: that text is no longer part of this meeting."]
    assert Meeting.objects.get(pk=tenth.pk).title.startswith("Tenth")


def test_a_forged_key_changes_nothing(client, tenth, twelfth, admin_user):
    client.force_login(admin_user)
    url = review_url(twelfth, tenth)
    key = f"meeting-{tenth.pk}-title-0-5"
    response = client.post(url, {"fix": [key], f"replacement-{key}": "Hacked"})
    assert "Some phrases changed since the page was loaded" in text(response)
    assert Meeting.objects.get(pk=tenth.pk).title.startswith("Tenth")


def test_only_staff_who_may_change_meetings_correct(client, tenth, twelfth):
    url = review_url(twelfth, tenth)
    rows_key = old_edition_mentions(copy=twelfth, original=tenth, edit_url=lambda k, pk: "")[0]
    key = f"meeting-{twelfth.pk}-description-{rows_key.start}-{rows_key.end}"
    data = {"fix": [key], f"replacement-{key}": "Twelfth"}
    before = Meeting.objects.get(pk=twelfth.pk).description

    response = client.post(url, data)  # anonymous: the admin's login
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    viewer = StaffFactory()
    viewer.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    client.force_login(viewer)
    assert client.post(url, data).status_code == 403
    assert Meeting.objects.get(pk=twelfth.pk).description == before


def test_the_review_is_only_for_a_draft_planned_in_the_same_series(
    client, tenth, twelfth, admin_user
):
    client.force_login(admin_user)
    eleventh = Meeting.objects.get(series=tenth.series, edition=11)  # published
    other = MeetingFactory(status="draft")  # another series
    for copy, original in ((tenth, tenth), (eleventh, tenth), (other, tenth), (tenth, twelfth)):
        assert client.get(review_url(copy, original)).status_code == 404
    assert client.get(review_url(twelfth, tenth)).status_code == 200


def test_an_edition_cannot_start_before_the_one_before_it(client, tenth, admin_user):
    client.force_login(admin_user)
    url = reverse("admin:meetings_meeting_clone", args=[tenth.pk])
    response = client.post(url, {"edition": 12, "start_date": "1900-01-01"})
    assert response.status_code == 200
    eleventh = Meeting.objects.get(series=tenth.series, edition=11)
    assert (
        f"Edition 12 must start after “{eleventh.title}”, which starts on 18 February 2027."
        in text(response)
    )
    assert not Meeting.objects.filter(series=tenth.series, edition=12).exists()
