"""Organizations' names and acronyms in several languages (README, "Languages"):
"International Organization for Migration (IOM)" is "Organisation internationale pour les
migrations (OIM)" in French. See meetings/translation.py."""

from modeltranslation.translator import TranslationOptions, register

from config.content_languages import register_languages

from .models import Organization


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "acronym")


register_languages(Organization, history=False)
