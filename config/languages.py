"""The six official languages of the United Nations, in their addresses: English as it always
was (`/meetings/…`), the five others under their prefix (`/fr/meetings/…`, `/ar/…`, `/zh-hans/…`).

- A reader's first visit to an English address is sent to their language when their browser
  prefers one of the five (Accept-Language), and afterwards when they chose one with the
  switcher (the language cookie). A link to a prefixed address always opens in that language.
- `/en/…`, which some will guess, goes to the English address, and remembers the choice.
- The switcher is a list of plain links to `/language/<code>/?next=<this page>`: it works
  without JavaScript, keeps the reader on the same page, and leaves the page itself the same
  for everyone, so the page cache keeps it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

from config.links import absolute_url

# Each language in its own name, in the UN's order (English alphabetical order of their names).
ENDONYMS = {
    "ar": "العربية",
    "zh-hans": "中文",
    "en": "English",
    "fr": "Français",
    "ru": "Русский",
    "es": "Español",
}
# Languages written right to left.
RTL = frozenset({"ar"})
SWITCH_PATH = "/language/"


def codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def language_of_path(path: str) -> str | None:
    """The language a path is in by its prefix ("/fr/meetings/" → "fr"), None for English."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in codes() and first != settings.LANGUAGE_CODE else None


def local_path(path: str) -> str:
    """`path` as an address on this site: leading slashes and backslashes collapse into one, so
    "//evil.example/" (which a browser reads as another site) becomes "/evil.example/"."""
    return "/" + path.lstrip("/\\")


def address_in(path: str, code: str) -> str:
    """The same page in another language, or `path` itself when it is no translated page (the
    API, a file, an unknown address). `path` may carry a query string, which is kept. The answer
    is always an address on this site: translate_url() would read "//host/…" as another host."""
    path = local_path(path)
    with translation.override(language_of_path(urlsplit(path).path) or settings.LANGUAGE_CODE):
        return local_path(translate_url(path, code))


def _safe_next(request: HttpRequest, target: str) -> str:
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return "/"
    parts = urlsplit(target)
    return urlunsplit(("", "", local_path(parts.path), parts.query, ""))


def _remember(response: HttpResponse, code: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )


def _clicked_on_this_site(request: HttpRequest) -> bool:
    """Whether the switch was asked for from one of our pages (or typed in the address bar), not
    by a link on another site: the switcher is a plain GET link, so it takes no CSRF token, and
    what it changes on the account (the language of one's e-mails) must be one's own choice. The
    browser says where the request came from (Sec-Fetch-Site); an older one, by its Referer."""
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site in ("same-origin", "none")
    referer = request.headers.get("Referer", "")
    return bool(referer) and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


def switch_language(request: HttpRequest, code: str) -> HttpResponse:
    """/language/<code>/?next=/fr/meetings/…: remember the choice and open the same page in it."""
    if code not in codes():
        code = settings.LANGUAGE_CODE
    target = address_in(_safe_next(request, request.GET.get("next", "")), code)
    user = request.user
    if (
        user.is_authenticated
        and getattr(user, "language", code) != code
        and _clicked_on_this_site(request)
    ):
        user.language = code  # type: ignore[union-attr]  # the e-mails they get (accounts/mail.py)
        user.save(update_fields=["language"])
    response = HttpResponseRedirect(target)
    _remember(response, code)
    patch_vary_headers(response, ["Cookie"])
    response.headers["Cache-Control"] = "private, no-store"
    return response


def preferred_language(request: HttpRequest) -> str:
    """The reader's choice (the cookie), else their browser's (Accept-Language), else English."""
    return translation.get_language_from_request(request, check_path=False)


class LanguageAddressMiddleware:
    """After LocaleMiddleware: sends a reader who prefers another language from an English
    address to the same page in theirs, and `/en/…` to the English address. Only GET and HEAD
    are sent anywhere; a form posted to an English address is answered there."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in ("GET", "HEAD"):
            redirect = self._redirect(request)
            if redirect is not None:
                return redirect
        return self.get_response(request)

    def _redirect(self, request: HttpRequest) -> HttpResponse | None:
        path = request.path_info
        query = request.META.get("QUERY_STRING", "")
        english = settings.LANGUAGE_CODE
        if path == f"/{english}" or path.startswith(f"/{english}/"):
            target = local_path(path[len(english) + 1 :])
            response = HttpResponseRedirect(quote(target) + (f"?{query}" if query else ""))
            _remember(response, english)
            return response
        if language_of_path(path) is not None or path.startswith(SWITCH_PATH):
            return None
        code = preferred_language(request)
        if code == english:
            return None
        full = request.get_full_path_info()
        target = address_in(full, code)
        if target == local_path(full):
            return None  # no translated page at this address (the API, files, a 404)
        response = HttpResponseRedirect(target)
        patch_vary_headers(response, ["Accept-Language", "Cookie"])
        response.headers["Cache-Control"] = "private, no-store"
        return response


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str  # the switcher's link: /language/<code>/?next=…
    address: str  # the page in that language
    absolute: str  # the same on the site's own address (DJANGO_SITE_URL), for hreflang
    current: bool
    rtl: bool


def language_links(request: HttpRequest) -> list[LanguageLink]:
    """The page in each language, for the switcher and the hreflang alternates."""
    current = translation.get_language()
    path = request.get_full_path()
    links = []
    for code in codes():
        address = address_in(path, code)
        links.append(
            LanguageLink(
                code=code,
                name=ENDONYMS.get(code, code),
                url=f"{SWITCH_PATH}{code}/?next={quote(path, safe='/')}",
                address=address,
                absolute=absolute_url(address),
                current=code == current,
                rtl=code in RTL,
            )
        )
    return links
