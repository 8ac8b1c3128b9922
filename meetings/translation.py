"""The meetings' content that staff enter in several languages (README, "Languages").

django-modeltranslation adds a column per language beside each field named here (title_fr,
title_zh_hans...); the field itself then reads in the active language, falling back as
settings.MODELTRANSLATION_FALLBACK_LANGUAGES says. config/content_languages.py tells a page which
language a value came from.
"""

from modeltranslation.translator import TranslationOptions, register

from config.content_languages import register_languages

from .models import (
    AgendaItem,
    Honorific,
    Meeting,
    MeetingSeries,
    Objective,
    Person,
    Segment,
    Session,
)


@register(MeetingSeries)
class MeetingSeriesTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "summary", "description", "mandate", "expected_outcome", "venue", "city")


@register(Objective)
class ObjectiveTranslation(TranslationOptions):
    fields = ("text",)


@register(Session)
class SessionTranslation(TranslationOptions):
    fields = ("name",)


@register(AgendaItem)
class AgendaItemTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Segment)
class SegmentTranslation(TranslationOptions):
    fields = ("title",)


@register(Honorific)
class HonorificTranslation(TranslationOptions):
    fields = ("name",)


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("position",)


register_languages(MeetingSeries, history=False)
register_languages(Meeting)
register_languages(Objective)
register_languages(Session)
register_languages(AgendaItem)
register_languages(Segment)
register_languages(Honorific, history=False)
register_languages(Person)
