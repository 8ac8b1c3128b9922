"""papers' answers to what meetings says about people and cloned meetings (meetings.signals),
and what goes with a file version's row when it is deleted."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import ngettext

from meetings.models import Meeting, Person
from meetings.signals import meeting_cloned, person_erasing, person_merged
from papers.models import Document, DocumentVersion
from papers.services.copying import documents_copy
from papers.services.previews import version_previews_delete


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


@receiver(meeting_cloned, dispatch_uid="papers_copy_documents")
def copy_documents(
    *, original: Meeting, copy: Meeting, options: dict | None = None, by=None, **_kwargs
) -> list[str]:
    """With the staff member's "Also copy the documents", the Secretariat's documents."""
    if not (options or {}).get("copy_documents"):
        return []
    return documents_copy(original=original, copy=copy, by=by)


@receiver(post_delete, sender=DocumentVersion, dispatch_uid="papers_version_files_go")
def version_files_go(*, instance: DocumentVersion, **_kwargs) -> None:
    """A deleted version takes its file, thumbnail and review pictures along, once the deletion
    is committed."""
    for field_file in (instance.file, instance.thumbnail):
        if field_file:
            transaction.on_commit(partial(field_file.storage.delete, field_file.name), robust=True)
    version_previews_delete(version=instance)
