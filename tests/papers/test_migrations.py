"""papers 0003: today's review reasons move from documents to the versions they describe."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("papers", "0002_categories_and_secretariat")]
AFTER = [("papers", "0004_remove_document_review_reasons")]


def migrate(targets):
    """Migrate papers to `targets`, every other app staying at its newest migration."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    others = [node for node in executor.loader.graph.leaf_nodes() if node[0] != "papers"]
    executor.migrate([*targets, *others])
    return executor.loader.project_state([*targets, *others]).apps


@pytest.mark.django_db(transaction=True)
def test_review_reasons_move_to_the_newest_version_and_back():
    apps = migrate(BEFORE)
    Meeting = apps.get_model("meetings", "Meeting")
    Category = apps.get_model("papers", "DocumentCategory")
    Document = apps.get_model("papers", "Document")
    Version = apps.get_model("papers", "DocumentVersion")
    meeting = Meeting.objects.create(
        title="M", slug="m", start_date="2012-02-09", end_date="2012-02-10"
    )
    # Made by papers 0002; a transactional test before this one may have flushed it.
    category, _created = Category.objects.get_or_create(
        slug="contributed-papers", defaults={"name": "Contributed papers"}
    )
    flagged = Document.objects.create(
        meeting=meeting, category=category, title="Flagged", review_reasons="JavaScript."
    )
    clean = Document.objects.create(meeting=meeting, category=category, title="Clean")
    for document, count in ((flagged, 2), (clean, 1)):
        for number in range(1, count + 1):
            Version.objects.create(
                document=document,
                number=number,
                file=f"papers/{document.pk}-{number}.pdf",
                original_name="a.pdf",
                content_type="application/pdf",
                size=1,
                sha256="0" * 64,
            )

    apps = migrate(AFTER)
    Version = apps.get_model("papers", "DocumentVersion")
    Category = apps.get_model("papers", "DocumentCategory")
    rows = set(Version.objects.values_list("document__title", "number", "review_reasons"))
    assert rows == {("Flagged", 1, ""), ("Flagged", 2, "JavaScript."), ("Clean", 1, "")}
    assert list(Category.objects.filter(notes_unedited=True).values_list("slug", flat=True)) == [
        "contributed-papers"
    ]

    apps = migrate(BEFORE)
    Document = apps.get_model("papers", "Document")
    assert dict(Document.objects.values_list("title", "review_reasons")) == {
        "Flagged": "JavaScript.",
        "Clean": "",
    }
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())  # as the other tests expect


@pytest.mark.django_db(transaction=True)
def test_files_take_their_documents_language_and_the_published_version_stays_public():
    """papers 0011 and 0012: each file is in its document's language; the published version is
    its language's public file. And back."""
    apps = migrate([("papers", "0010_history_of_translations")])
    Meeting = apps.get_model("meetings", "Meeting")
    Category = apps.get_model("papers", "DocumentCategory")
    Document = apps.get_model("papers", "Document")
    Version = apps.get_model("papers", "DocumentVersion")
    meeting = Meeting.objects.create(
        title="M", slug="m", start_date="2012-02-09", end_date="2012-02-10"
    )
    category, _created = Category.objects.get_or_create(
        slug="contributed-papers", defaults={"name": "Contributed papers"}
    )
    french = Document.objects.create(
        meeting=meeting, category=category, title="Rapport", language="fr", status="published"
    )
    draft = Document.objects.create(meeting=meeting, category=category, title="Draft")
    versions = {}
    for document, count in ((french, 2), (draft, 1)):
        for number in range(1, count + 1):
            versions[document.title, number] = Version.objects.create(
                document=document,
                number=number,
                file=f"papers/{document.pk}-{number}.pdf",
                original_name="a.pdf",
                content_type="application/pdf",
                size=1,
                sha256="0" * 64,
            )
    Document.objects.filter(pk=french.pk).update(published_version=versions["Rapport", 1])

    apps = migrate([("papers", "0012_public_file_per_language")])
    Version = apps.get_model("papers", "DocumentVersion")
    rows = set(Version.objects.values_list("document__title", "number", "language", "is_public"))
    assert rows == {
        ("Rapport", 1, "fr", True),
        ("Rapport", 2, "fr", False),
        ("Draft", 1, "en", False),
    }

    apps = migrate([("papers", "0010_history_of_translations")])
    Document = apps.get_model("papers", "Document")
    assert Document.objects.get(title="Rapport").published_version.number == 1
    assert Document.objects.get(title="Draft").published_version is None
    migrate([("papers", "0012_public_file_per_language")])
