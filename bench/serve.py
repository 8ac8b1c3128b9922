"""`make bench`: Plenary served as in production, measured with wrk, printed as one table.

Run with `make bench` or `.venv/bin/python bench/serve.py [--quick]`. It builds a throw-away
installation: a fresh PostgreSQL database when DATABASE_URL names a PostgreSQL server (created
as plenary_bench_<pid> and dropped after), else a SQLite file in a temporary folder; Redis as the
cache when one answers at 127.0.0.1:6379 (its own key prefix, deleted after), else each worker's
local memory. It migrates, collects the static files, loads the demo (`load_demo`) and the large
meeting (`load_large_meeting`: 300 presentations, 200 papers), then starts two gunicorns with
deploy/gunicorn.conf.py and 2 sync workers each, DEBUG off: one with the public page cache, one
without (DJANGO_PUBLIC_PAGE_CACHE=false), for the cached and uncached figures.

From this process it measures with wrk: requests per second, median and 99th percentile of each
page, and each page's ratio to the floor (/robots.txt: no query, no template, every middleware);
in-process, with Django's test client on the same database, the SQL queries of each page (cold:
nothing cached; hit: the second anonymous reader) and its size, plain and gzipped at the level
deploy/nginx.conf uses; the memory a 200 MB upload adds to the worker that takes it; and a 60 s
soak of 50 readers over a mix of pages, with its errors.

It prints one markdown table against the budgets of issue 11 (for the README), asserts nothing,
and exits 0 unless the bench itself could not run. Everything it made (processes, folders, the
database, the cache keys) is removed at the end, on Ctrl-C or on failure too. The figures of a
busy machine are noisy: compare runs of a quiet one.
"""

import argparse
import gzip
import os
import signal
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import ExitStack, suppress
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(Path(__file__).resolve().parent))

# bench/ is on the path first: these are the modules beside this one.
from budgets import (  # noqa: E402
    CACHED_SHARE,
    UNCACHED_SHARE,
    Page,
    machine,
    nginx_gzip_level,
    table,
)
from throwaway import (  # noqa: E402
    GUNICORN,
    Run,
    cleanup,
    environment,
    free_port,
    install,
    say,
    start_gunicorn,
    submit_fields,
    wait_until_up,
    worker_restarts,
)
from upload_memory import upload_memory  # noqa: E402
from wrk_run import ACCEPT, wrk  # noqa: E402

FOCAL_POINT = "focal@iom.example"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 s a measure, a 10 s soak")
    parser.add_argument("--seconds", type=int, help="seconds a measure (default 6, quick 2)")
    parser.add_argument("--soak", type=int, help="seconds of the soak (default 60, quick 10)")
    parser.add_argument("--connections", type=int, default=8, help="wrk connections a measure")
    parser.add_argument("--upload-mb", type=int, help="size of the upload (default 200, quick 20)")
    args = parser.parse_args()
    args.seconds = args.seconds or (2 if args.quick else 6)
    args.soak = args.soak or (10 if args.quick else 60)
    args.upload_mb = args.upload_mb or (20 if args.quick else 200)
    return args


def pages_to_measure() -> list[Page]:
    from papers.models import Document  # noqa: PLC0415

    document = Document.objects.filter(meeting__slug="large-meeting").order_by("pk").first()
    download = f"/documents/{document.pk}/versions/1/download/"
    tenth = "/meetings/tenth-coordination-meeting"
    large = "/meetings/large-meeting"
    return [
        Page("Floor: /robots.txt", "/robots.txt", html=False),
        Page("Home", "/"),
        Page("Tenth: meeting page", f"{tenth}/"),
        Page("Tenth: programme", f"{tenth}/programme/"),
        Page("Large: programme", f"{large}/programme/", share=CACHED_SHARE),
        Page("Large: meeting page, 200 documents", f"{large}/"),
        Page("Large: programme.ics", f"{large}/programme.ics", html=False),
        Page("Large: schedule.xml", f"{large}/schedule.xml", html=False),
        Page("Large: a paper's PDF download", download, html=False, gzipped=False),
        Page("Home", "/", cached=False),
        Page("Tenth: meeting page", f"{tenth}/", cached=False),
        Page("Tenth: programme", f"{tenth}/programme/", cached=False),
        Page("Large: programme", f"{large}/programme/", cached=False, share=UNCACHED_SHARE),
        Page("Large: meeting page, 200 documents", f"{large}/", cached=False),
    ]


def count_queries(pages: list[Page], level: int | None) -> None:
    """Queries and bytes of each page, in this process: cold (nothing cached, no page cache)
    and on a hit (the second anonymous reader, page cache on), each in an empty local cache."""
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext, override_settings  # noqa: PLC0415

    local = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT=ACCEPT.split(": ", 1)[1])
    with override_settings(CACHES=local):
        from django.core.cache import cache  # noqa: PLC0415

        for page in pages:
            cache.clear()
            with (
                override_settings(PUBLIC_PAGE_CACHE=False),
                CaptureQueriesContext(connection) as cold,
            ):
                response = client.get(page.path)
            page.queries_cold = len(cold)
            page.status = response.status_code
            body = b"".join(response.streaming_content) if response.streaming else response.content
            page.size = len(body)
            if page.gzipped and level is not None:
                page.size_gzip = len(gzip.compress(body, compresslevel=level, mtime=0))
            cache.clear()
            with override_settings(PUBLIC_PAGE_CACHE=True):
                client.get(page.path)
                with CaptureQueriesContext(connection) as hit:
                    response = client.get(page.path)
                    if response.streaming:
                        b"".join(response.streaming_content)
            page.queries_hit = len(hit)
        cache.clear()
    connection.close()


def measure(pages: list[Page], urls: dict[bool, str], args: argparse.Namespace) -> None:
    for page in pages:
        url = urls[page.cached]
        for _ in range(4):  # both workers have read it, and the cache holds it
            with suppress(urllib.error.URLError):
                urllib.request.urlopen(url + page.path, timeout=60).read()  # noqa: S310
        say(f"wrk {args.seconds} s: {page.label} ({'cached' if page.cached else 'uncached'})")
        page.result = wrk(url, [page.path], connections=args.connections, seconds=args.seconds)


def soak_paths(pages: list[Page]) -> list[str]:
    """What 50 readers read during a meeting: mostly the programmes and meeting pages."""
    wanted = [page.path for page in pages if page.cached and page.path != "/robots.txt"]
    return list(dict.fromkeys(wanted))


def interrupted(*_: object) -> None:
    raise KeyboardInterrupt


def main() -> int:
    args = parse_args()
    if not Path(GUNICORN).exists():
        say(f"no gunicorn at {GUNICORN}: run `make venv`")
        return 1
    started = time.monotonic()
    # SIGTERM (a CI timeout, kill) cleans up as Ctrl-C does.
    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in background
    with ExitStack() as stack:
        run = Run(temp=Path(tempfile.mkdtemp(prefix="plenary-bench-")))
        stack.callback(cleanup, run)
        cached_port, uncached_port = free_port(), free_port()
        env = environment(run, cached_port)
        install(env)
        level = nginx_gzip_level()
        pages = pages_to_measure()
        fields = submit_fields()
        from django.db import connections  # noqa: PLC0415

        connections.close_all()
        say("starting gunicorn with and without the page cache")
        servers = {
            True: (start_gunicorn(run, env, cached_port, cached=True), cached_port),
            False: (start_gunicorn(run, env, uncached_port, cached=False), uncached_port),
        }
        for process, port in servers.values():
            wait_until_up(run, process, port)
        urls = {cached: f"http://127.0.0.1:{port}" for cached, (_, port) in servers.items()}
        measure(pages, urls, args)
        # The uncached server is done: its workers stop competing with the soak.
        os.killpg(servers[False][0].pid, signal.SIGTERM)
        paths = soak_paths(pages)
        say(f"soak {args.soak} s, 50 readers over {len(paths)} pages")
        soak = wrk(urls[True], paths, connections=50, seconds=args.soak)
        say(f"upload of {args.upload_mb} MB")
        upload, upload_error = None, ""
        try:
            upload = upload_memory(
                base_url=urls[True],
                master_pid=servers[True][0].pid,
                email=FOCAL_POINT,
                password=env["DEMO_USER_PASSWORD"],
                submit_path="/meetings/large-meeting/submit/",
                fields=fields,
                megabytes=args.upload_mb,
            )
        except (OSError, RuntimeError) as error:
            upload_error = str(error)
        say("counting queries")
        count_queries(pages, level)
        about = {**machine(env), "restarts": worker_restarts(run, servers)}
        print(table(pages, upload, upload_error, soak, args.soak, len(paths), about, args, level))
    say(f"done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        say("interrupted; everything made was removed")
        sys.exit(130)
