"""Document categories: the headings documents are listed under, and which take submissions."""

from django.contrib import admin

from config.admin_languages import TranslatedAdmin
from papers.models import DocumentCategory


@admin.register(DocumentCategory)
class DocumentCategoryAdmin(TranslatedAdmin):
    list_display = ["name", "order", "open_to_submissions", "notes_unedited", "slug"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
