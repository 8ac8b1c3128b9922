"""How a stored file goes out: as a download that nothing in it can run, under its own name.

Papers' versions and participants' nomination letters are sent the same way: an attachment
named per RFC 6266, `nosniff`, and a Content Security Policy under which the file, should a
browser render it, runs, loads and frames nothing (views use `csp_override(FILE_CSP)`).
"""

import os
import re
import unicodedata
from urllib.parse import quote

from django.utils.csp import CSP

# A file is data, never a page: nothing in it runs, loads or frames, should a browser render it.
FILE_CSP = {"default-src": [CSP.NONE], "sandbox": True}
_UNSAFE_IN_QUOTES = re.compile(r'[^\x20-\x7e]|["\\%]')


def attachment_disposition(name: str) -> str:
    """Content-Disposition per RFC 6266: an ASCII name for every client, the real one in filename*.

    Django's own header gives only filename* for non-ASCII names; older clients then save the
    file under the URL's last part, so the ASCII fallback comes first.
    """
    stem, extension = os.path.splitext(name)
    ascii_stem = _UNSAFE_IN_QUOTES.sub("_", _to_ascii(stem)).strip(" ._") or "document"
    fallback = ascii_stem + _UNSAFE_IN_QUOTES.sub("_", _to_ascii(extension))
    if fallback == name:
        return f'attachment; filename="{name}"'
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def _to_ascii(text: str) -> str:
    """ "é" becomes "e"; a character with no ASCII form becomes "_", so words stay apart."""
    return "".join(
        unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode() or "_"
        for char in text
    )
