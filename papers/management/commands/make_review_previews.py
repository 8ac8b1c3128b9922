"""Make the reviewer's pictures of the first pages for file versions stored before they existed."""

from django.core.management.base import BaseCommand, CommandParser
from django.db.models import Exists, OuterRef

from papers.models import DocumentVersion
from papers.services.previews import PREVIEW_KINDS, version_previews_make


class Command(BaseCommand):
    help = (
        "Make the larger pictures of the first three pages that reviewers read on a document's "
        "admin page, for every PDF or image version that has none yet. Each version gets them "
        "once: running the command again only does the versions still without them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--current-only",
            action="store_true",
            help="Only the newest version of each document (the one a reviewer looks at).",
        )

    def handle(self, *args: object, current_only: bool, **options: object) -> None:
        versions = DocumentVersion.objects.filter(
            preview_pages=[], content_type__in=list(PREVIEW_KINDS)
        ).order_by("pk")
        if current_only:
            newer = DocumentVersion.objects.filter(
                document=OuterRef("document"), number__gt=OuterRef("number")
            )
            versions = versions.exclude(Exists(newer))
        made = failed = 0
        for version in versions.iterator():
            if version_previews_make(version=version):
                made += 1
            else:
                failed += 1
                self.stderr.write(f"No previews for {version} (document {version.document_id}).")
        self.stdout.write(f"Review previews made for {made} version(s); {failed} failed.")
