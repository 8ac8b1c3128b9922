"""The demo in more than one language (README, "Languages"): the Tenth meeting's title, texts,
objectives and programme headings in French and Spanish, the honorifics in all six languages, and
the organizations' and document categories' names where UNTERM gives them (demo/translations.py).
What is not translated falls back to English on the page, marked lang="en".

The Tenth's own texts are put back as the demo has them, like the rest of its content; the shared
rows (honorifics, organizations, categories) only have an empty language filled: staff may have
translated them otherwise.
"""

from django.db import models

from accounts.models import Organization
from config.content_languages import column, english_text, translated_fields
from meetings.models import Honorific, Meeting, MeetingSeries, Person
from papers.models import DocumentCategory

from . import translations
from .sync import DemoLoad, row_sync

CONTENT = {"fr": translations.FRENCH, "es": translations.SPANISH}


def _columns(obj: models.Model) -> dict[str, str]:
    """Each translated field of obj with a French or Spanish text, by its language's column."""
    values = {}
    for name in translated_fields(type(obj)):
        english = english_text(obj, name)
        for code, texts in CONTENT.items():
            if english and (text := texts.get(english)):
                values[column(name, code)] = text
    return values


def _put_back(result: DemoLoad, obj: models.Model) -> None:
    if values := _columns(obj):
        row_sync(result, type(obj), {"pk": obj.pk}, values)


def load_translations(result: DemoLoad, meeting: Meeting) -> None:
    """The Tenth meeting's content in French and Spanish, and the shared names. The rows are
    counted apart, in one line of `result`'s notes: their other fields are counted already."""
    own = DemoLoad()
    _load(own, meeting)
    totals = own.totals
    result.notes.append(
        f"Translations (French, Spanish; honorifics in six languages): {totals['updated']} "
        f"rows updated, {totals['unchanged']} unchanged."
    )


def _load(result: DemoLoad, meeting: Meeting) -> None:
    if meeting.series_id:
        _put_back(result, MeetingSeries.objects.get(pk=meeting.series_id))
    _put_back(result, meeting)
    for objective in meeting.objectives.all():
        _put_back(result, objective)
    for session in meeting.sessions.all():
        _put_back(result, session)
    for item in meeting.agenda_items.prefetch_related("segments"):
        _put_back(result, item)
        for segment in item.segments.all():
            _put_back(result, segment)
    for person in Person.objects.filter(appearances__agenda_item__meeting=meeting).distinct():
        _put_back(result, person)  # their position
    _fill_shared(result)


def _fill_shared(result: DemoLoad) -> None:
    for honorific in Honorific.objects.filter(name__in=translations.HONORIFICS):
        names = translations.HONORIFICS[honorific.name]
        defaults = {column("name", code): name for code, name in names.items()}
        row_sync(result, Honorific, {"pk": honorific.pk}, {}, defaults=defaults)
    for organization in Organization.objects.filter(name__in=translations.ORGANIZATIONS):
        defaults = {}
        for code, (name, acronym) in translations.ORGANIZATIONS[organization.name].items():
            defaults[column("name", code)] = name
            if acronym:
                defaults[column("acronym", code)] = acronym
        row_sync(result, Organization, {"pk": organization.pk}, {}, defaults=defaults)
    for category in DocumentCategory.objects.filter(name__in=translations.CATEGORIES):
        names = translations.CATEGORIES[category.name]
        defaults = {column("name", code): name for code, name in names.items()}
        row_sync(result, DocumentCategory, {"pk": category.pk}, {}, defaults=defaults)
