"""Log lines carry UTC time, level, logger and the client's address; the security log is one."""

import calendar
import io
import logging

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from config.client_address import ClientAddressMiddleware
from config.logs import ClientAddressFilter, UTCFormatter
from config.security_log import security_log


def console():
    [handler] = logging.getLogger().handlers[:1]
    return handler


def logged_through(middleware_request):
    def view(request):
        security_log.info("login failed account=%s", "ana@iom.example")
        return HttpResponse()

    return ClientAddressMiddleware(view)(middleware_request)


@pytest.fixture
def address_on_caplog(caplog):
    caplog.handler.addFilter(ClientAddressFilter())
    caplog.set_level(logging.INFO, logger="plenary.security")
    return caplog


def test_a_record_written_during_a_request_carries_the_clients_address(address_on_caplog):
    logged_through(RequestFactory().get("/", REMOTE_ADDR="203.0.113.7"))
    security_log.info("after the request")

    [during, after] = address_on_caplog.records
    assert (during.name, during.getMessage()) == (
        "plenary.security",
        "login failed account=ana@iom.example",
    )
    assert during.client_address == "203.0.113.7"
    assert after.client_address == "-"


def test_behind_a_trusted_proxy_the_address_is_read_as_the_lockouts_read_it(
    address_on_caplog, settings
):
    settings.AXES_IPWARE_PROXY_COUNT = 1
    settings.AXES_IPWARE_PROXY_ORDER = "right-most"
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")

    logged_through(
        RequestFactory().get(
            "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7"
        )
    )

    assert [record.client_address for record in address_on_caplog.records] == ["203.0.113.7"]


def test_the_console_writes_utc_iso_time_level_logger_and_address():
    handler = console()
    assert isinstance(handler.formatter, UTCFormatter)
    assert any(isinstance(each, ClientAddressFilter) for each in handler.filters)
    record = security_log.makeRecord(
        "plenary.security", logging.WARNING, __file__, 1, "locked out account=%s", ("a",), None
    )
    record.created = calendar.timegm((2026, 12, 1, 10, 0, 0))
    record.client_address = "203.0.113.7"

    assert handler.format(record) == (
        "2026-12-01T10:00:00Z WARNING plenary.security [203.0.113.7] locked out account=a"
    )


def test_each_line_is_written_once_even_at_warning_level(settings):
    handler = console()
    stream = io.StringIO()
    previous = handler.setStream(stream)
    root_level = logging.getLogger().level
    logging.getLogger().setLevel(logging.WARNING)
    try:
        security_log.info("login account=%s", "ana@iom.example")
        logging.getLogger("django.request").warning("Not Found: /nowhere")
    finally:
        handler.setStream(previous)
        logging.getLogger().setLevel(root_level)

    lines = stream.getvalue().splitlines()
    assert [line.split(" ", 1)[1] for line in lines] == [
        "INFO plenary.security [-] login account=ana@iom.example",
        "WARNING django.request [-] Not Found: /nowhere",
    ]
