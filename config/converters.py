"""Path converters of our own, registered when the URLconf is loaded (config/urls.py).

`<id:pk>` is Django's `<int:pk>` with an upper bound: up to 18 digits, all below the largest
64-bit integer a database column holds. A longer number is no address of ours and is answered
404; with `int`, "/documents/99999999999999999999/" reached the database and failed there
(OverflowError, a 500) before any view could say "not found"."""

from django.urls import register_converter


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        return str(value)


register_converter(IdConverter, "id")
