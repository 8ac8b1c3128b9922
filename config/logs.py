"""What every log line carries: UTC time in ISO 8601, level, logger, and the client's address.

config.client_address.ClientAddressMiddleware notes the address of the request being served in
``client_address``, so a service logs it without being handed the request; ``ClientAddressFilter``,
on the console handler, puts it on every record (``-`` outside a request: commands, the shell).
Logging is configured before the apps load: nothing here imports a model.
"""

import contextvars
import logging
import time

NO_ADDRESS = "-"
client_address: contextvars.ContextVar[str] = contextvars.ContextVar(
    "client_address", default=NO_ADDRESS
)


class UTCFormatter(logging.Formatter):
    """``2026-12-01T10:00:00Z``, whatever the server's time zone."""

    converter = time.gmtime
    default_time_format = "%Y-%m-%dT%H:%M:%SZ"
    default_msec_format = None


class ClientAddressFilter(logging.Filter):
    """Adds ``client_address`` to each record: the address of the request being served."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "client_address"):
            record.client_address = client_address.get()
        return True
