"""The budgets of issue 11 and the one table bench/serve.py prints against them.

The budgets are for the large meeting (300 presentations, 200 papers) on a 2-core machine: a
cached programme answers at least half as many requests a second as the floor (/robots.txt), an
uncached one at least 3%; no page or export asks more than 10 queries, whatever the meeting's
size; a page's HTML is under 100 KB compressed; a 200 MB upload adds under 30 MB to a worker;
50 readers for 60 s meet no error.
"""

import argparse
import datetime
import os
import platform
import re
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from throwaway import BASE_DIR, REDIS
from upload_memory import UploadFigure
from wrk_run import WrkResult

CACHED_SHARE = 0.50  # cached programme: at least this share of the floor's requests/s
UNCACHED_SHARE = 0.03  # uncached programme: at least this share
MAX_QUERIES = 10  # on any page or export, whatever its size
MAX_GZIP_KB = 100  # compressed HTML
MAX_UPLOAD_MB = 30  # memory a 200 MB upload adds to a worker

# deploy/nginx.conf's gzip_comp_level: the compressed sizes are what nginx would send.
NGINX_CONF = BASE_DIR / "deploy" / "nginx.conf"


@dataclass
class Page:
    label: str
    path: str
    cached: bool = True  # measured on the server with the page cache (else: without)
    share: float | None = None  # the budget: this share of the floor's requests/s
    html: bool = True  # compressed by nginx, and its compressed size has a budget
    gzipped: bool = True
    result: WrkResult | None = None
    queries_cold: int | None = None
    queries_hit: int | None = None
    size: int | None = None
    size_gzip: int | None = None
    status: int | None = None


def nginx_gzip_level() -> int | None:
    """deploy/nginx.conf's gzip_comp_level (1, nginx's default, when gzip is on without one),
    or None when nginx compresses nothing."""
    text = NGINX_CONF.read_text()
    if not re.search(r"^\s*gzip\s+on;", text, re.MULTILINE):
        return None
    level = re.search(r"^\s*gzip_comp_level\s+(\d+);", text, re.MULTILINE)
    return int(level[1]) if level else 1


def machine(env: dict[str, str]) -> dict[str, str]:
    cpu = "unknown CPU"
    with suppress(OSError):
        found = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        cpu = found[1].strip() if found else cpu
    memory = ""
    with suppress(OSError):
        found = re.search(r"^MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
        memory = f"{int(found[1]) / 1024 / 1024:.1f} GB RAM" if found else ""
    from django.db import connection  # noqa: PLC0415

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
        else:
            cursor.execute("select sqlite_version()")
            database = f"SQLite {cursor.fetchone()[0]}"
    connection.close()
    if env.get("DJANGO_CACHE_URL"):
        import redis  # noqa: PLC0415

        version = redis.Redis(host=REDIS[0], port=REDIS[1]).info("server")["redis_version"]
        cache = f"Redis {version} (shared by the workers)"
    else:
        cache = "local memory (each worker its own)"
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "python": platform.python_version(),
        "database": database,
        "cache": cache,
    }


def rate(per_second: float) -> str:
    """Requests per second: whole above 10, with a decimal below (an uncached large page)."""
    return f"{per_second:,.0f}" if per_second >= 10 else f"{per_second:.1f}"


def kb(size: int | None) -> str:
    return "—" if size is None else f"{size / 1024:.1f}"


def page_row(page: Page, floor: float) -> str:
    result = page.result
    if result is None:
        raise RuntimeError(f"{page.label} was not measured")
    ratio = result.per_second / floor if floor else 0.0
    budgets, over = [], []
    if page.share is not None:
        budgets.append(f"≥ {page.share:.0%} of floor")
        if ratio < page.share:
            over.append("req/s")
    if page.label.startswith("Floor"):
        budgets.append("the floor")
    else:
        budgets.append(f"≤ {MAX_QUERIES} SQL")
        if max(page.queries_cold or 0, page.queries_hit or 0) > MAX_QUERIES:
            over.append("SQL")
    if page.html and page.gzipped:
        budgets.append(f"< {MAX_GZIP_KB} KB gz")
        if page.size_gzip is not None and page.size_gzip >= MAX_GZIP_KB * 1024:
            over.append("size")
    if result.errors or page.status != 200:
        over.append(f"{result.errors} errors" if result.errors else f"HTTP {page.status}")
    name = f"{page.label}, {'cached' if page.cached else 'uncached'}"
    if page.label.startswith("Floor"):
        name = page.label
    return (
        f"| {name} | {rate(result.per_second)} | {result.p50_ms:.1f} | {result.p99_ms:.1f} | "
        f"{ratio:.0%} | {page.queries_cold} / {page.queries_hit} | {kb(page.size)} | "
        f"{kb(page.size_gzip)} | {', '.join(budgets)} | "
        f"{'over: ' + ', '.join(over) if over else 'ok'} |"
    )


def table(
    pages: list[Page],
    upload: UploadFigure | None,
    upload_error: str,
    soak: WrkResult,
    soak_seconds: int,
    soak_pages: int,
    about: dict[str, str],
    args: argparse.Namespace,
    level: int | None,
) -> str:
    floor = next(page for page in pages if page.path == "/robots.txt").result
    if floor is None:
        raise RuntimeError("The floor was not measured")
    compressed = (
        f"KB gz: gzip level {level}, as deploy/nginx.conf sends it."
        if level is not None
        else "deploy/nginx.conf compresses nothing."
    )
    lines = [
        f"Measured {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC on {about['cpu']}, "
        f"{about['cores']} cores, {about['memory']}; Python {about['python']}, "
        f"{about['database']}, cache: {about['cache']}. gunicorn (deploy/gunicorn.conf.py), "
        f"2 sync workers ({about['restarts']}), DEBUG off, no nginx in front; "
        f"wrk -t2 -c{args.connections} "
        f"-d{args.seconds}s from the same machine. SQL: queries of a cold request / of a cache "
        f"hit. {compressed}",
        "",
        "| Page | req/s | p50 ms | p99 ms | × floor | SQL | KB | KB gz | Budget | Result |",
        "|---|--:|--:|--:|--:|--:|--:|--:|---|---|",
    ]
    lines += [page_row(page, floor.per_second) for page in pages]
    if upload is not None:
        verdict = "ok" if upload.added_mb < MAX_UPLOAD_MB else "over"
        if not upload.stored:
            verdict += f" (HTTP {upload.status}: not stored)"
        lines.append(
            f"| Upload of {args.upload_mb} MB to the submit form (focal point): memory added "
            f"to the worker ({upload.method}), {upload.seconds:.1f} s | — | — | — | — | — | — | "
            f"— | < {MAX_UPLOAD_MB} MB | {upload.added_mb:.1f} MB: {verdict} |"
        )
    else:
        lines.append(
            f"| Upload of {args.upload_mb} MB | — | — | — | — | — | — | — | "
            f"< {MAX_UPLOAD_MB} MB | not measured: {upload_error} |"
        )
    lines.append(
        f"| Soak: {soak_seconds} s, 50 readers, {soak_pages} pages in turn (cached): "
        f"{soak.requests:,} requests, {soak.non_2xx_3xx} non-2xx/3xx, "
        f"{soak.socket_errors} socket errors | {rate(soak.per_second)} | {soak.p50_ms:.1f} | "
        f"{soak.p99_ms:.1f} | {soak.per_second / floor.per_second:.0%} | — | — | — | 0 errors | "
        f"{'ok' if soak.errors == 0 else 'over'} |"
    )
    return "\n".join(lines)
