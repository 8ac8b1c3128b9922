"""Published documents and their files."""

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from config.links import absolute_url
from papers.models import Document, DocumentVersion

from .meetings import OrganizationRefSerializer


class CategorySerializer(serializers.Serializer):
    slug = serializers.SlugField()
    name = serializers.CharField()


class FileSerializer(serializers.Serializer):
    language = serializers.CharField(help_text=_('The language the file is in: "en", "fr"…'))
    download_url = serializers.URLField()
    content_type = serializers.CharField()
    kind = serializers.CharField(source="kind_label", help_text=_('"PDF", "Word"…'))
    size = serializers.IntegerField(help_text=_("In bytes."))
    pages = serializers.IntegerField(source="page_count", allow_null=True)
    summary = serializers.CharField(help_text=_('"PDF, 1.2 MB, 3 pages".'))
    sha256 = serializers.CharField()


class AgendaItemRefSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    numeral = serializers.CharField()
    title = serializers.CharField()


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    symbol = serializers.CharField(help_text=_('A UN document symbol, "A/RES/65/170"; or empty.'))
    symbol_url = serializers.CharField(
        help_text=_("The symbol in the UN Official Document System.")
    )
    category = CategorySerializer()
    language = serializers.CharField(help_text=_('"en", "fr", … "mul" for several.'))
    language_label = serializers.CharField(source="get_language_display")
    authors = serializers.CharField(source="authors_display")
    organization = OrganizationRefSerializer(allow_null=True)
    agenda_item = serializers.SerializerMethodField(
        help_text=_("The agenda item it is presented under, as the released programme numbers it.")
    )
    published_at = serializers.DateTimeField(allow_null=True)
    page_url = serializers.SerializerMethodField()
    file = serializers.SerializerMethodField(
        help_text=_(
            "The public file in the document's own language (else the first); null for a link."
        )
    )
    files = serializers.SerializerMethodField(
        help_text=_("The public file of each language, in the UN's order of languages.")
    )
    external_url = serializers.CharField(
        source="other_link", help_text=_("Where it is published elsewhere; or empty.")
    )

    @extend_schema_field(AgendaItemRefSerializer(allow_null=True))
    def get_agenda_item(self, document: Document) -> dict[str, Any] | None:
        # None when it is under no item, or under one not in the released programme yet.
        released: dict[int, dict[str, Any]] = self.context["released_items"]
        return released.get(document.agenda_item_id) if document.agenda_item_id else None

    @extend_schema_field(OpenApiTypes.URI)
    def get_page_url(self, document: Document) -> str:
        return absolute_url(document.get_absolute_url())

    @extend_schema_field(FileSerializer(allow_null=True))
    def get_file(self, document: Document) -> dict[str, Any] | None:
        public = document.public_versions
        own = [version for version in public if version.language == document.language]
        return file_data((own or public)[0]) if public else None

    @extend_schema_field(FileSerializer(many=True))
    def get_files(self, document: Document) -> list[dict[str, Any]]:
        return [file_data(version) for version in document.public_versions]


def file_data(version: DocumentVersion) -> dict[str, Any]:
    data: dict[str, Any] = FileSerializer(
        {
            "language": version.language,
            "download_url": absolute_url(version.get_absolute_url()),
            "content_type": version.content_type,
            "kind_label": version.kind_label,
            "size": version.size,
            "page_count": version.page_count,
            "summary": version.summary,
            "sha256": version.sha256,
        }
    ).data
    return data


class DocumentListSerializer(serializers.Serializer):
    meeting = serializers.SlugField()
    count = serializers.IntegerField()
    results = DocumentSerializer(many=True)
