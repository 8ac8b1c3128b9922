"""The throw-away installation bench/serve.py measures: its database, cache, folders and servers.

Production settings (DEBUG off, a new secret key, hashed static files) pointed at a database, a
cache prefix and folders made for the run; gunicorn started with deploy/gunicorn.conf.py. A `Run`
notes everything made, so that `cleanup()` removes it whatever happened: the processes, the
PostgreSQL database, the cache keys and the temporary folder.
"""

import datetime
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
REDIS = ("127.0.0.1", 6379)
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "9"))


@dataclass
class Run:
    """What was made, so that cleanup removes it whatever happened."""

    temp: Path
    processes: list[subprocess.Popen] = field(default_factory=list)
    admin_database_url: str = ""
    database_name: str = ""
    cache_prefix: str = ""


def say(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


def redis_reachable() -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(REDIS) == 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def create_database(run: Run, url: str) -> str:
    """A fresh PostgreSQL database beside the one `url` names; returns its URL."""
    import psycopg2  # noqa: PLC0415 (only for PostgreSQL)

    run.admin_database_url = url
    name = f"plenary_bench_{os.getpid()}"
    connection = psycopg2.connect(url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    run.database_name = name
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def drop_database(run: Run) -> None:
    import psycopg2  # noqa: PLC0415

    connection = psycopg2.connect(run.admin_database_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{run.database_name}" WITH (FORCE)')
    connection.close()


def environment(run: Run, port: int) -> dict[str, str]:
    """The production settings, pointed at this run's database, cache and folders."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        database_url = create_database(run, url)
    else:
        database_url = f"sqlite:///{run.temp / 'bench.sqlite3'}"
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SITE_URL": f"http://127.0.0.1:{port}",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "DJANGO_MEDIA_ROOT": str(run.temp / "media"),
        "DJANGO_STATIC_ROOT": str(run.temp / "static"),
        "DJANGO_FILE_UPLOAD_TEMP_DIR": str(run.temp / "uploads"),
        "DJANGO_PAPERS_MAX_UPLOAD_MB": "1024",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DEMO_ADMIN_PASSWORD": secrets.token_urlsafe(16),
        "DEMO_USER_PASSWORD": secrets.token_urlsafe(16),
        "GUNICORN_WORKERS": "2",
    }
    (run.temp / "uploads").mkdir()
    if redis_reachable():
        run.cache_prefix = f"bench-{os.getpid()}"
        env["DJANGO_CACHE_URL"] = f"redis://{REDIS[0]}:{REDIS[1]}/{REDIS_DB}"
        env["DJANGO_CACHE_KEY_PREFIX"] = run.cache_prefix
    return env


def install(env: dict[str, str]) -> None:
    """Migrate, collect the static files and load the meetings, in this process: the same
    settings the servers read, and Django is needed here afterwards to count queries."""
    os.environ.update(env)
    import django  # noqa: PLC0415 (settings come from the environment just set)
    from django.core.management import call_command  # noqa: PLC0415

    django.setup()
    say("migrating")
    call_command("migrate", verbosity=0, interactive=False)
    say("collecting static files")
    from django.conf import settings  # noqa: PLC0415
    from django.test.utils import override_settings  # noqa: PLC0415

    # The hashed names and the manifest the pages link with, without the gzip and Brotli
    # copies whitenoise would make of each file: wrk fetches no static file, and compressing
    # them all takes longer than the rest of the set-up.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STORAGES=storages):
        call_command("collectstatic", verbosity=0, interactive=False)
    say("loading the demo and the large meeting")
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("load_large_meeting", stdout=open(os.devnull, "w"))  # noqa: SIM115
    open_submissions()


def open_submissions() -> None:
    """The large meeting takes papers now, large ones too: the upload measure sends one."""
    from django.utils import timezone  # noqa: PLC0415

    from meetings.models import Meeting  # noqa: PLC0415

    now = timezone.now()
    Meeting.objects.filter(slug="large-meeting").update(
        submissions_open=now - datetime.timedelta(days=1),
        submissions_close=now + datetime.timedelta(days=30),
        papers_per_organization=100,
        megabytes_per_organization=100_000,
    )


def submit_fields() -> dict[str, str]:
    from papers.models import DocumentCategory  # noqa: PLC0415

    category = DocumentCategory.objects.get(slug="contributed-papers")
    return {"category": str(category.pk), "authors_text": "", "language": "en", "agenda_item": ""}


def start_gunicorn(run: Run, env: dict[str, str], port: int, *, cached: bool) -> subprocess.Popen:
    server_env = {
        **os.environ,
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "DJANGO_SITE_URL": f"http://127.0.0.1:{port}",
        "DJANGO_PUBLIC_PAGE_CACHE": "true" if cached else "false",
    }
    log = (run.temp / f"gunicorn-{port}.log").open("w")
    process = subprocess.Popen(  # noqa: S603 (our own command)
        [GUNICORN, "-c", str(BASE_DIR / "deploy" / "gunicorn.conf.py"), "config.wsgi"],
        cwd=BASE_DIR,
        env=server_env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: cleanup stops the workers with it
    )
    run.processes.append(process)
    return process


def wait_until_up(run: Run, process: subprocess.Popen, port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (run.temp / f"gunicorn-{port}.log").read_text()
            raise RuntimeError(f"gunicorn on {port} stopped:\n{log[-3000:]}")
        floor = f"http://127.0.0.1:{port}/robots.txt"
        with suppress(OSError), urllib.request.urlopen(floor, timeout=2):
            return
        time.sleep(0.3)
    raise RuntimeError(f"gunicorn on {port} did not answer within 60 s")


def cleanup(run: Run) -> None:
    say("cleaning up")
    for process in run.processes:
        if process.poll() is None:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
    for process in run.processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    with suppress(Exception):
        from django.db import connections  # noqa: PLC0415

        connections.close_all()
    if run.database_name:
        say(f"dropping {run.database_name} (on a busy server this can take a minute)")
        try:
            drop_database(run)
        except Exception as error:  # reported; the cleanup goes on
            say(f"could not drop {run.database_name}: {error}")
    if run.cache_prefix:
        with suppress(Exception):
            import redis  # noqa: PLC0415

            client = redis.Redis(host=REDIS[0], port=REDIS[1], db=REDIS_DB)
            for key in client.scan_iter(match=f"{run.cache_prefix}:*", count=1000):
                client.delete(key)
    subprocess.run(["rm", "-rf", str(run.temp)], check=False)  # noqa: S603, S607


def worker_restarts(run: Run, servers: dict[bool, tuple[subprocess.Popen, int]]) -> str:
    """How often gunicorn replaced a worker (max_requests) during the run: each new worker
    imports the application again, which costs CPU the figures share."""
    boots = []
    for cached, (_, port) in servers.items():
        log = (run.temp / f"gunicorn-{port}.log").read_text()
        boots.append(f"{log.count('Booting worker') - 2} {'cached' if cached else 'uncached'}")
    return "workers replaced after max_requests: " + ", ".join(boots)
