"""Participants' content that staff enter in several languages (README, "Languages"): the note a
focal point reads above the nomination form, and on the meeting's page."""

from modeltranslation.translator import TranslationOptions, register

from config.content_languages import register_languages

from .models import Registration


@register(Registration)
class RegistrationTranslation(TranslationOptions):
    fields = ("note",)


register_languages(Registration)
