"""Mail in each recipient's language (User.language): one message per language among the
recipients, each composed with that language active. An address that is no user's (a
configured secretariat address, an invitee) gets the site's default language."""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.utils import translation
from django.utils.functional import lazy

from accounts.models import User
from config.links import absolute_url
from outbox.services import message_queue


def addresses_by_language(addresses: Iterable[str]) -> dict[str, list[str]]:
    """{"fr": [...], "en": [...]} in the order the addresses came, in one query."""
    wanted = list(dict.fromkeys(addresses))
    languages = {
        email.casefold(): language
        for email, language in User.objects.filter(email__in=wanted).values_list(
            "email", "language"
        )
    }
    grouped: dict[str, list[str]] = {}
    for address in wanted:
        language = languages.get(address.casefold()) or settings.LANGUAGE_CODE
        grouped.setdefault(language, []).append(address)
    return grouped


def link(path: Callable[[], str]) -> str:
    """A link for a message's context, reversed when each language's copy is rendered, so it
    opens in the recipient's language ("/es/my/submissions/"), not in the language of whoever
    caused the mail. Lazy, as reverse_lazy() is: `{{ url }}` and blocktranslate read it then."""
    return _lazy_link(path)


_lazy_link = lazy(lambda path: absolute_url(path()), str)


def send_in_languages(addresses: Iterable[str], compose: Callable[[], tuple[str, str]]) -> None:
    """Queue the message `compose()` makes (subject, body) once per language of `addresses`."""
    for language, group in addresses_by_language(addresses).items():
        with translation.override(language):
            subject, body = compose()
        message_queue(to=group, subject=subject, body=body)
