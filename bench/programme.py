"""Time the programme page ("Organization of work") of a meeting with 1,000 presentations.

Run with `make bench` or `.venv/bin/python bench/programme.py [--presentations N] [--rounds N]`.
Builds a throw-away SQLite database in a temporary folder, generates one published meeting (two
days, four sessions, ten agenda items, N presentations with a speaker each and a moderator for
every tenth), then fetches the page with Django's test client and prints the median and spread of
the response times and the number of queries per request. Not a test: it asserts nothing, and
pytest does not collect it.
"""

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

# Importing these reads no setting: the database is chosen in main(), before django.setup().
import django
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parent.parent


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presentations", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=20, help="timed requests (default 20)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed requests first")
    return parser.parse_args()


def setup_django(database_path: Path) -> None:
    """Point the settings at a new SQLite file before Django reads them, then migrate."""
    os.environ["DATABASE_URL"] = f"sqlite:///{database_path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(BASE_DIR))
    django.setup()
    # The pages' static files are not under test; no collectstatic run is needed.
    warnings.filterwarnings("ignore", "No directory at", UserWarning, "django.core.handlers.base")
    # Production-like rendering: no debug, so templates are compiled once and cached (set before
    # the template engine is first built); "testserver" is the test client's host.
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    call_command("migrate", verbosity=0, interactive=False)


def generate_meeting(presentations: int):
    # Models need the app registry, which django.setup() fills once the database is chosen.
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

    meeting = Meeting.objects.create(
        title="Benchmark Meeting on Large Programmes",
        slug="benchmark-meeting",
        start_date=datetime.date(2030, 3, 4),
        end_date=datetime.date(2030, 3, 5),
        time_zone="America/New_York",
        city="New York",
        status=MeetingStatus.PUBLISHED,
    )
    sessions = [
        Session.objects.create(meeting=meeting, date=day, start_time=start, end_time=end)
        for day in (meeting.start_date, meeting.end_date)
        for start, end in (
            (datetime.time(10), datetime.time(13)),
            (datetime.time(15), datetime.time(18)),
        )
    ]
    items = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=meeting, order=n, title=f"Agenda item {n}") for n in range(1, 11)
    )
    for index, item in enumerate(items):
        item.sessions.add(sessions[index % len(sessions)])
    # Two items run over a second session, so "(continued)" is part of the work.
    items[1].sessions.add(sessions[2])
    items[5].sessions.add(sessions[3])

    honorific = Honorific.objects.create(name="Dr.")
    people = Person.objects.bulk_create(
        Person(
            honorific=honorific,
            given_name=f"Given{n}",
            family_name=f"Family{n}",
            slug=f"person-{n}",
            position=f"Director, Institute {n}",
        )
        for n in range(presentations + presentations // 10 + 1)
    )
    segments = Segment.objects.bulk_create(
        Segment(agenda_item=items[n % len(items)], order=n, title=f"Presentation {n}")
        for n in range(presentations)
    )
    appearances = [
        Appearance(
            agenda_item_id=segment.agenda_item_id,
            segment=segment,
            person=people[n],
            role=Role.SPEAKER,
            affiliation=people[n].position,
        )
        for n, segment in enumerate(segments)
    ]
    appearances += [
        Appearance(
            agenda_item_id=segment.agenda_item_id,
            segment=segment,
            person=people[presentations + n // 10],
            role=Role.MODERATOR,
            affiliation="Moderator's institute",
        )
        for n, segment in enumerate(segments)
        if n % 10 == 0
    ]
    Appearance.objects.bulk_create(appearances)
    return meeting


def measure(url: str, rounds: int, warmup: int) -> tuple[list[float], list[int], int]:
    client = Client()
    for _ in range(warmup):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"GET {url} answered {response.status_code}, not 200.")
    timings, queries = [], []
    size = 0
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - start
        timings.append(elapsed * 1000)
        queries.append(len(captured.captured_queries))
        size = len(response.content)
    return timings, queries, size


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="plenary-bench-") as folder:
        setup_django(Path(folder) / "bench.sqlite3")
        start = time.perf_counter()
        meeting = generate_meeting(args.presentations)
        generated = time.perf_counter() - start
        url = reverse("meetings:programme", kwargs={"slug": meeting.slug})
        timings, queries, size = measure(url, args.rounds, args.warmup)
        connections.close_all()

    print(f"Programme page, {args.presentations:,} presentations ({url}), SQLite")
    print(f"  data generated in {generated:.1f} s; page size {size / 1024:.0f} KiB")
    print(
        f"  {args.rounds} requests: median {statistics.median(timings):.1f} ms, "
        f"min {min(timings):.1f} ms, max {max(timings):.1f} ms"
    )
    spread = sorted(set(queries))
    print(f"  queries per request: {spread[0] if len(spread) == 1 else spread}")


if __name__ == "__main__":
    main()
