"""Documents' titles, and category names, in several languages (README,
"Languages"). See meetings/translation.py."""

from modeltranslation.translator import TranslationOptions, register

from config.content_languages import register_languages

from .models import Document, DocumentCategory


@register(Document)
class DocumentTranslation(TranslationOptions):
    fields = ("title",)


@register(DocumentCategory)
class DocumentCategoryTranslation(TranslationOptions):
    fields = ("name",)


register_languages(Document)
register_languages(DocumentCategory, history=False)
