"""A person with a browser, as far as the two-server test needs one: cookies, forms and links,
over plain HTTP to app servers that believe they are behind a TLS-terminating proxy.

With DJANGO_DEBUG off, the session and CSRF cookies are `Secure` and named `__Host-…`: a browser
(and requests' cookie jar) sends them back only over HTTPS. In production nginx terminates TLS
and tells Django so with `X-Forwarded-Proto: https` (SECURE_PROXY_SSL_HEADER). The Visitor plays
that proxy: it sends the header on every request, and keeps and sends the cookies itself,
whatever their Secure flag, so the servers run exactly their production code, cookie names and
CSRF checks included (a form is posted with the `Origin` an HTTPS page would send).
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import requests


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    options: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def data(self, **changes: str) -> list[tuple[str, str]]:
        """The fields as the browser sends them, with `changes` replacing a field's value."""
        sent = [(name, changes.get(name, value)) for name, value in self.fields]
        present = {name for name, _ in self.fields}
        return sent + [(name, value) for name, value in changes.items() if name not in present]

    def option(self, name: str, label: str) -> str:
        """The value of the `name` select's option whose text is `label`."""
        return next(value for value, text in self.options[name] if text.strip() == label)


class _FormParser(HTMLParser):
    """Every <form> with what a browser would submit of it (buttons and files aside)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select: tuple[str, bool] | None = None  # name, multiple
        self._chosen: list[str] = []
        self._option: tuple[str, bool] | None = None
        self._option_text = ""
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.forms.append(Form(attributes.get("action", ""), attributes.get("method", "get")))
        if not self.forms:
            return
        form, name = self.forms[-1], attributes.get("name", "")
        if tag == "input" and name:
            kind = attributes.get("type", "text").lower()
            if kind in {"submit", "button", "image", "file", "reset"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attributes:
                return
            form.fields.append((name, attributes.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select, self._chosen = (name, "multiple" in attributes), []
            form.options[name] = []
        elif tag == "option" and self._select:
            self._option = (attributes.get("value"), "selected" in attributes)
            self._option_text = ""
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._option is not None:
            self._option_text += data
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None and self._select:
            value, selected = self._option
            value = self._option_text.strip() if value is None else value
            self.forms[-1].options[self._select[0]].append((value, self._option_text))
            if selected:
                self._chosen.append(value)
            self._option = None
        elif tag == "select" and self._select:
            name, multiple = self._select
            options = self.forms[-1].options[name]
            chosen = self._chosen or ([] if multiple or not options else [options[0][0]])
            self.forms[-1].fields.extend((name, value) for value in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.forms[-1].fields.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None


def forms_in(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


class Visitor:
    """One browser talking to one server (`base_url`); `cookies` may be handed to another."""

    def __init__(self, base_url: str, cookies: dict[str, str] | None = None) -> None:
        self.base_url = base_url
        self.cookies = dict(cookies or {})
        self.origin = "https://" + urlsplit(base_url).netloc

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        """One request, and the redirects after it, keeping every cookie the server sets."""
        url = urljoin(self.base_url, path)
        for _hop in range(5):
            headers = {"X-Forwarded-Proto": "https", "Origin": self.origin}
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            response = requests.request(
                method, url, headers=headers, allow_redirects=False, timeout=30, **kwargs
            )
            for cookie in response.cookies:
                if cookie.value:
                    self.cookies[cookie.name] = cookie.value
                else:
                    self.cookies.pop(cookie.name, None)
            if response.status_code not in (301, 302, 303):
                return response
            # The server says https://; this proxy-less visitor goes on over HTTP, to the path.
            location = urlsplit(response.headers["Location"])
            url = urljoin(self.base_url, location._replace(scheme="", netloc="").geturl())
            method, kwargs = "GET", {}
        raise AssertionError(f"Too many redirects from {path}")

    def get(self, path: str) -> requests.Response:
        return self.request("GET", path)

    def form(self, path: str, index: int = -1) -> tuple[str, Form]:
        """The page at `path` and one of its forms (the last by default: the page's own)."""
        page = self.get(path)
        assert page.status_code == 200, (path, page.status_code)
        return page.url, forms_in(page.text)[index]

    def submit(self, path: str, files=None, index: int = -1, **changes: str) -> requests.Response:
        """Fill the form at `path` as its page has it, change some fields, and send it."""
        page_url, form = self.form(path, index)
        target = urljoin(page_url, form.action) if form.action else page_url
        return self.request("POST", target, data=form.data(**changes), files=files)

    def log_in(self, email: str, password: str) -> requests.Response:
        response = self.submit("/accounts/login/", username=email, password=password)
        assert response.status_code == 200, response.status_code
        return response
