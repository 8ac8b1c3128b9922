"""Time the uncached programme page of a large meeting: 5 days, 3 rooms, 300 presentations.

Run with `.venv/bin/python bench/programme_render.py [--rounds N] [--profile]`. Builds a
throw-away SQLite database (or uses DATABASE_URL when it is set: give it a database of its own,
the script migrates it and adds a meeting), loads the large meeting (demo/large.py's
`load_large_meeting()` when it is there, else the generator below: 5 days, a morning and an
afternoon in each of 3 rooms, 300 presentations, about 260 people, released as version 1 and
published), then reads its programme as an anonymous reader with Django's test client, with no
cache of any kind in the way (the cache backend is a dummy one). Prints the median and min of
the timed requests after warm-up, queries and bytes, the split between building the view's
context and rendering the template, and with --profile cProfile's top entries.

Issue 11 asks for this page at least 3 times faster than before the work: the figures before
and after are in the README's "scaling" section. Not a test: it asserts nothing.
"""

import argparse
import cProfile
import datetime
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

import django
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parent.parent

DAYS = 5
ROOMS = ("Conference Room 1", "Conference Room 2", "Conference Room 3")
PRESENTATIONS = 300
SPEAKERS = 230  # some speak twice; with the moderators, about 260 people


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="timed requests (default 30)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests first")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top entries")
    parser.add_argument("--top", type=int, default=25, help="profile entries shown")
    parser.add_argument(
        "--generator", action="store_true", help="use this script's generator, not demo/large.py"
    )
    return parser.parse_args()


def setup_django(database_url: str, media_root: Path) -> None:
    """Choose the database and a dummy cache before Django reads the settings, then migrate."""
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(BASE_DIR))
    django.setup()
    warnings.filterwarnings("ignore", "No directory at", UserWarning, "django.core.handlers.base")
    # Production-like rendering: templates compiled once (no debug). Nothing cached: a dummy cache
    # backend, so a page cache added in front of the view cannot hide the page's real cost.
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.MEDIA_ROOT = media_root  # the large meeting's papers go to the throw-away folder
    settings.CACHES = {
        alias: {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
        for alias in settings.CACHES
    }
    # Nor the pages each process keeps in memory (meetings/pagememory.py, issue 11).
    settings.PUBLIC_PAGE_MEMORY_MB = 0
    call_command("migrate", verbosity=0, interactive=False)


def generate_meeting():
    """The large meeting, built with bulk_create; released as version 1."""
    from meetings.models import (  # noqa: PLC0415
        AgendaItem,
        Appearance,
        Honorific,
        Meeting,
        MeetingStatus,
        Person,
        Role,
        Segment,
        Session,
    )
    from meetings.versions.services import programme_release  # noqa: PLC0415

    start = datetime.date(2031, 6, 2)
    meeting = Meeting.objects.create(
        title="Benchmark Meeting on a Large Programme",
        slug=os.environ.get("BENCH_SLUG") or f"bench-large-{int(time.time())}",
        start_date=start,
        end_date=start + datetime.timedelta(days=DAYS - 1),
        time_zone="Europe/Vienna",
        city="Vienna",
        venue="Vienna International Centre",
        status=MeetingStatus.PUBLISHED,
    )
    sessions = Session.objects.bulk_create(
        Session(
            meeting=meeting,
            date=start + datetime.timedelta(days=day),
            start_time=datetime.time(hour),
            end_time=datetime.time(hour + 3),
            name="Morning session" if hour == 10 else "Afternoon session",
            room=room,
        )
        for day in range(DAYS)
        for hour in (10, 15)
        for room in ROOMS
    )
    # Two items a session, five presentations each; every tenth item runs over into the next
    # session too, so "(continued)" is part of the work.
    items = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, order=n, title=f"Agenda item {n}: a topic of the meeting")
        for n in range(1, 2 * len(sessions) + 1)
    )
    links = AgendaItem.sessions.through
    rows = [
        links(agendaitem_id=item.pk, session_id=sessions[index // 2].pk)
        for index, item in enumerate(items)
    ]
    rows += [
        links(agendaitem_id=item.pk, session_id=sessions[index // 2 + 1].pk)
        for index, item in enumerate(items)
        if index % 10 == 9 and index // 2 + 1 < len(sessions)
    ]
    links.objects.bulk_create(rows)
    honorifics = [Honorific.objects.get_or_create(name=name)[0] for name in ("Ms.", "Mr.", "Dr.")]
    people = Person.objects.bulk_create(
        Person(
            honorific=honorifics[n % 3],
            given_name=f"Given{n}",
            family_name=f"Family-Name{n}",
            slug=f"bench-person-{meeting.pk}-{n}",
            position=f"Director, Institute of Studies {n}",
        )
        for n in range(SPEAKERS + len(sessions))
    )
    segments = Segment.objects.bulk_create(
        Segment(agenda_item=items[n // 5], order=n, title=f"Presentation {n} on a subject")
        for n in range(PRESENTATIONS)
    )
    appearances = [
        Appearance(
            agenda_item_id=segment.agenda_item_id,
            segment=segment,
            person=people[n % SPEAKERS],
            role=Role.SPEAKER,
            affiliation=people[n % SPEAKERS].position,
        )
        for n, segment in enumerate(segments)
    ]
    # Every tenth presentation has two speakers ("A and B").
    appearances += [
        Appearance(
            agenda_item_id=segment.agenda_item_id,
            segment=segment,
            person=people[(n + 7) % SPEAKERS],
            role=Role.SPEAKER,
            order=1,
            affiliation="",
        )
        for n, segment in enumerate(segments)
        if n % 10 == 0
    ]
    # A moderator for each item, shared by the two items of a session.
    appearances += [
        Appearance(
            agenda_item=item,
            person=people[SPEAKERS + index // 2],
            role=Role.MODERATOR,
            affiliation="Secretariat",
        )
        for index, item in enumerate(items)
    ]
    Appearance.objects.bulk_create(appearances)
    programme_release(meeting=meeting, by=None, note="")
    return meeting


def large_meeting(use_generator: bool):
    if not use_generator and (BASE_DIR / "demo" / "large.py").exists():
        from demo.large import load_large_meeting  # noqa: PLC0415

        return load_large_meeting(), "demo/large.py"
    return generate_meeting(), "bench/programme_render.py's generator"


def measure(url: str, rounds: int, warmup: int) -> tuple[list[float], list[float], int, int]:
    """Wall-clock and CPU milliseconds of each timed request, queries and bytes of one. CPU time
    (this process only) is the steadier figure on a shared machine."""
    client = Client()
    for _ in range(warmup):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}, not 200.")
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    queries, size = len(captured.captured_queries), len(response.content)
    wall, cpu = [], []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        client.get(url)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu, queries, size


def split(slug: str, rounds: int) -> tuple[float, float]:
    """Median CPU ms of building the view's context (queries included) and of rendering the
    template with it, the view's own steps without middleware or any page cache around them."""
    from django.contrib.auth.models import AnonymousUser  # noqa: PLC0415
    from django.template.loader import render_to_string  # noqa: PLC0415

    from meetings.views import ProgrammeView  # noqa: PLC0415

    factory = RequestFactory()
    context_times, render_times = [], []
    for _ in range(rounds):
        request = factory.get(reverse("meetings:programme", kwargs={"slug": slug}))
        request.user = AnonymousUser()
        start = time.process_time()
        view = ProgrammeView()
        view.setup(request, slug=slug)
        view.object = view.get_object()
        context = view.get_context_data(object=view.object)
        middle = time.process_time()
        render_to_string(view.template_name, context, request)
        end = time.process_time()
        context_times.append((middle - start) * 1000)
        render_times.append((end - middle) * 1000)
    return statistics.median(context_times), statistics.median(render_times)


def profile(url: str, rounds: int, top: int) -> str:
    client = Client()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        client.get(url)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="plenary-bench-") as folder:
        database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/bench.sqlite3"
        setup_django(database_url, Path(folder) / "media")
        start = time.perf_counter()
        meeting, source = large_meeting(args.generator)
        generated = time.perf_counter() - start
        url = reverse("meetings:programme", kwargs={"slug": meeting.slug})
        wall, cpu, queries, size = measure(url, args.rounds, args.warmup)
        context_ms, render_ms = split(meeting.slug, args.rounds)
        report = profile(url, max(3, args.rounds // 3), args.top) if args.profile else ""
        counts = (
            meeting.sessions.count(),
            meeting.agenda_items.count(),
            sum(item.segments.count() for item in meeting.agenda_items.all()),
        )
        connections.close_all()

    print(f"Programme page, uncached, {connection.vendor} ({url}), data from {source}")
    print(
        f"  {counts[0]} sessions, {counts[1]} agenda items, {counts[2]} presentations; "
        f"built in {generated:.1f} s"
    )
    print(f"  page size {size:,} bytes; {queries} queries per request")
    print(
        f"  {args.rounds} requests after {args.warmup} warm-up, wall clock: "
        f"median {statistics.median(wall):.1f} ms, min {min(wall):.1f} ms; "
        f"CPU: median {statistics.median(cpu):.1f} ms, min {min(cpu):.1f} ms"
    )
    print(
        f"  split (CPU median, no middleware): view and context {context_ms:.1f} ms, "
        f"template render {render_ms:.1f} ms"
    )
    if report:
        print(report)


if __name__ == "__main__":
    main()
