"""What the API may show: published meetings, and the people and organizations the public
pages show, by the same rules as those pages.

- A person is public when their page is (meetings.views.PersonDetailView): named (not
  withheld), with an appearance the public has been shown, i.e. in a published meeting and, when
  that meeting has released programme versions, in its latest one (meetings.views.released_only).
- An organization is public when a public page names it: the organizer of a published meeting,
  the organization of a public person, the organization of a published document; and the bodies
  these belong to (their parents), which the API names with them.
"""

from django.db.models import QuerySet

from accounts.models import Organization
from meetings.exports.source import exportable_meetings
from meetings.models import Appearance, Person
from meetings.views import released_only
from papers.models import Document


def public_appearances(appearances: QuerySet[Appearance]) -> list[Appearance]:
    """These appearances, of published meetings, as the public has been shown them."""
    return released_only(list(appearances.published().select_related("agenda_item")))


def public_person_ids() -> set[int]:
    """The people with a public page (two queries, whatever their number)."""
    shown = public_appearances(
        Appearance.objects.only("pk", "person_id", "agenda_item__meeting_id")
    )
    return {appearance.person_id for appearance in shown}


def public_people() -> QuerySet[Person]:
    return Person.objects.named().with_details().filter(pk__in=public_person_ids())


def public_organization_ids() -> set[int]:
    found = set(
        exportable_meetings().filter(organizer__isnull=False).values_list("organizer_id", flat=True)
    )
    found |= set(
        Person.objects.named()
        .filter(pk__in=public_person_ids(), organization__isnull=False)
        .values_list("organization_id", flat=True)
    )
    found |= set(
        Document.objects.published()
        .filter(organization__isnull=False)
        .values_list("organization_id", flat=True)
    )
    # Their parents, and the parents' parents: the API names an organization with its parent.
    wanted = found
    while wanted:
        parents = set(
            Organization.objects.filter(pk__in=wanted, parent__isnull=False).values_list(
                "parent_id", flat=True
            )
        )
        wanted = parents - found
        found |= wanted
    return found


def public_organizations() -> QuerySet[Organization]:
    return Organization.objects.with_parent().filter(pk__in=public_organization_ids())
