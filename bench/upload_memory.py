"""What a large upload adds to the memory of the gunicorn worker that takes it, for bench/serve.py.

A focal point logs in over HTTP and sends a paper to the submit form, streamed from here in 1 MB
pieces (the PDF is generated on the fly, so nothing of that size is ever in this process's
memory either). The worker's peak resident memory is reset just before (Linux: writing 5 to
/proc/<pid>/clear_refs) and read just after (VmHWM); the figure is the peak minus the memory
the worker held before, for the worker that grew most (the one that took the upload).
"""

import http.client
import re
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

CHUNK = 1024 * 1024
LINE = b"%" + b"0123456789abcdef" * 63 + b"\n"  # a 1 KB comment line: padding a PDF may hold


def worker_pids(master: int) -> list[int]:
    """gunicorn's workers: the processes whose parent is the master."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            pids.append(int(stat.parent.name))
    return sorted(pids)


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def _reset_peak(pid: int) -> bool:
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
    except OSError:
        return False
    return True


class _Poller(threading.Thread):
    """The highest resident memory of each worker, read every 20 ms (where clear_refs fails)."""

    def __init__(self, pids: list[int]) -> None:
        super().__init__(daemon=True)
        self.pids, self.peaks, self.stop = pids, dict.fromkeys(pids, 0), threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            for pid in self.pids:
                with suppress(OSError, LookupError):
                    self.peaks[pid] = max(self.peaks[pid], _status_kb(pid, "VmRSS"))
            time.sleep(0.02)


def _pdf_pieces(size: int) -> tuple[int, Iterator[bytes]]:
    """A valid one-page PDF of about `size` bytes: the padding is comment lines after the
    header, the objects and their cross-reference table after it. Returns (length, pieces)."""
    header = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    lines = max(0, (size - 600) // len(LINE))
    padding = lines * len(LINE)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    tail = bytearray()
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(header) + padding + len(tail))
        tail += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(header) + padding + len(tail)
    tail += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    tail += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    tail += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )

    def pieces() -> Iterator[bytes]:
        yield header
        block = LINE * (CHUNK // len(LINE))
        left = lines
        while left:
            count = min(left, CHUNK // len(LINE))
            yield block if count == CHUNK // len(LINE) else LINE * count
            left -= count
        yield bytes(tail)

    return len(header) + padding + len(tail), pieces()


@dataclass
class Browser:
    """Just enough of a browser: one host, its cookies, the CSRF token of the last form."""

    base_url: str

    def __post_init__(self) -> None:
        self.cookies: dict[str, str] = {}
        parts = urlsplit(self.base_url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80

    def _connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection(self.host, self.port, timeout=300)

    def _headers(self) -> dict[str, str]:
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        return {"Cookie": cookie} if cookie else {}

    def _keep_cookies(self, response: http.client.HTTPResponse) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]

    def get(self, path: str) -> tuple[int, str]:
        connection = self._connection()
        connection.request("GET", path, headers=self._headers())
        response = connection.getresponse()
        self._keep_cookies(response)
        body = response.read().decode()
        connection.close()
        return response.status, body

    def csrf_token(self, path: str) -> str:
        status, page = self.get(path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if match is None:
            raise RuntimeError(f"No form at {path} (HTTP {status})")
        return match[1]

    def post_form(self, path: str, fields: dict[str, str]) -> tuple[int, str]:
        fields = {"csrfmiddlewaretoken": self.csrf_token(path), **fields}
        connection = self._connection()
        headers = {
            **self._headers(),
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": self.base_url + path,
        }
        connection.request("POST", path, body=urlencode(fields), headers=headers)
        response = connection.getresponse()
        self._keep_cookies(response)
        response.read()
        connection.close()
        return response.status, response.headers.get("Location", "")

    def post_file(self, path: str, fields: dict[str, str], size: int) -> tuple[int, str]:
        """A multipart POST with a generated PDF of `size` bytes, sent as it is generated."""
        fields = {"csrfmiddlewaretoken": self.csrf_token(path), **fields}
        boundary = uuid.uuid4().hex
        head = b"".join(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + f"{value}\r\n".encode()
            for name, value in fields.items()
        )
        head += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="large-paper.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode()
        end = f"\r\n--{boundary}--\r\n".encode()
        length, pieces = _pdf_pieces(size)
        connection = self._connection()
        connection.putrequest("POST", path)
        for name, value in {
            **self._headers(),
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "Content-Length": str(len(head) + length + len(end)),
            "Referer": self.base_url + path,
        }.items():
            connection.putheader(name, value)
        connection.endheaders()
        connection.send(head)
        for piece in pieces:
            connection.send(piece)
        connection.send(end)
        response = connection.getresponse()
        self._keep_cookies(response)
        response.read()
        connection.close()
        return response.status, response.headers.get("Location", "")


@dataclass
class UploadFigure:
    added_mb: float
    status: int
    stored: bool
    seconds: float
    method: str


def upload_memory(
    *,
    base_url: str,
    master_pid: int,
    email: str,
    password: str,
    submit_path: str,
    fields: dict[str, str],
    megabytes: int,
) -> UploadFigure:
    browser = Browser(base_url)
    status, location = browser.post_form(
        "/accounts/login/", {"username": email, "password": password}
    )
    if status != 302:
        raise RuntimeError(f"The focal point could not log in (HTTP {status})")
    # Two small papers first, so that what the code path loads once (modules, the PDF library's
    # state) is in the worker before the figure is taken.
    for number in range(2):
        browser.post_file(submit_path, {**fields, "title": f"Warm-up {number}"}, CHUNK)
    pids = worker_pids(master_pid)
    before = {pid: _status_kb(pid, "VmRSS") for pid in pids}
    reset = all(_reset_peak(pid) for pid in pids)
    poller = _Poller(pids)
    poller.start()
    started = time.monotonic()
    status, location = browser.post_file(
        submit_path, {**fields, "title": f"A paper of {megabytes} MB"}, megabytes * CHUNK
    )
    seconds = time.monotonic() - started
    poller.stop.set()
    poller.join()
    peaks = {}
    for pid in pids:
        try:
            peaks[pid] = _status_kb(pid, "VmHWM") if reset else poller.peaks[pid]
        except (OSError, LookupError):
            peaks[pid] = poller.peaks[pid]
    added_kb = max(peaks[pid] - before[pid] for pid in pids)
    return UploadFigure(
        added_mb=added_kb / 1024,
        status=status,
        stored=status == 302 and location.endswith("/my/submissions/"),
        seconds=seconds,
        method="VmHWM after clear_refs" if reset else "VmRSS every 20 ms",
    )
