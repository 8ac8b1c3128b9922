"""Writing checked files to the storage so that a failure leaves no stray file behind."""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.files.storage import default_storage

logger = logging.getLogger(__name__)


@contextmanager
def files_removed_on_failure() -> Iterator[list[str]]:
    """Collects the names of files written; deletes them if the block does not complete."""
    written: list[str] = []
    try:
        yield written
    except BaseException:
        for name in written:
            try:
                default_storage.delete(name)
            except OSError:  # the original error matters more
                logger.exception("Could not delete %s after a failed upload", name)
        raise
