"""papers' answers to what meetings says about people (meetings.signals)."""

from django.dispatch import receiver
from django.utils.translation import ngettext

from meetings.models import Person
from meetings.signals import person_erasing, person_merged
from papers.models import Document


@receiver(person_merged, dispatch_uid="papers_authors_follow_merge")
def authors_follow_merge(*, kept: Person, merged: Person, **_kwargs) -> list[str]:
    """Documents written by the merged person are now by the kept one, each listed once."""
    authored = Document.authors.through.objects
    documents = set(authored.filter(person=merged).values_list("document_id", flat=True))
    already = set(authored.filter(person=kept).values_list("document_id", flat=True))
    authored.filter(person=merged, document_id__in=already).delete()
    authored.filter(person=merged).update(person=kept)
    if not documents:
        return []
    return [
        ngettext("%(count)d document as author", "%(count)d documents as author", len(documents))
        % {"count": len(documents)}
    ]


@receiver(person_erasing, dispatch_uid="papers_authors_on_erase")
def authors_on_erase(*, person: Person, **_kwargs) -> list[str]:
    """A document keeps its author, whose name now reads "Name withheld" in its byline."""
    count = Document.authors.through.objects.filter(person=person).count()
    if not count:
        return []
    return [
        ngettext(
            "%(count)d document keeps the person as author, shown as “Name withheld”",
            "%(count)d documents keep the person as author, shown as “Name withheld”",
            count,
        )
        % {"count": count}
    ]
