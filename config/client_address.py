"""Notes the client's address of each request for the log lines written while serving it.

The address is read as django-axes reads it for its lockouts (``AXES_IPWARE_*``, set from
``DJANGO_TRUSTED_PROXY_COUNT``): behind trusted proxies, from ``X-Forwarded-For`` counted from the
right; otherwise ``REMOTE_ADDR``.
"""

from collections.abc import Callable

from axes.helpers import get_client_ip_address
from django.http import HttpRequest, HttpResponse

from config.logs import NO_ADDRESS, client_address


class ClientAddressMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = client_address.set(get_client_ip_address(request) or NO_ADDRESS)
        try:
            return self.get_response(request)
        finally:
            client_address.reset(token)
