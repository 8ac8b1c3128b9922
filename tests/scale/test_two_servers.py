"""Two app servers behind one load balancer, as production runs them: each its own gunicorn
process, both on one PostgreSQL database, one Redis (cache and sessions) and one object store
(media). Whatever one server writes, the other reads at once: an edit, an upload, a login.

Needs PostgreSQL (DATABASE_URL=postgres://…, CI's PostgreSQL pass) and a Redis on 127.0.0.1:6379;
skipped with the reason otherwise. The servers get a database of their own, made and migrated
here and dropped at the end, a fresh bucket in the moto server and their own Redis key prefix.
"""

import hashlib
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import dj_database_url
import psycopg2
import pytest
import redis
from psycopg2 import sql

from tests.papers import samples
from tests.scale.conftest import REGION
from tests.scale.visitor import Visitor

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/13"
STAFF = ("staff@un.example", secrets.token_urlsafe(16))
FOCAL_POINT = ("focal@iom.example", secrets.token_urlsafe(16))
MEETING_TITLE = "Tenth Coordination Meeting"
SEED = f"""
import datetime
from django.utils import timezone
from tests.factories import MeetingFactory, MembershipFactory
now = timezone.now()
MeetingFactory(title={MEETING_TITLE!r}, slug="tenth",
    submissions_open=now - datetime.timedelta(days=1),
    submissions_close=now + datetime.timedelta(days=1))
user = MembershipFactory(organization__name="International Organization for Migration",
    organization__acronym="IOM", user__email={FOCAL_POINT[0]!r}).user
user.set_password({FOCAL_POINT[1]!r})
user.save()
"""


def _postgres() -> dict:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        pytest.skip(
            "Two app servers share a PostgreSQL database: run with DATABASE_URL=postgres://… "
            "(CI's PostgreSQL pass does)."
        )
    return dj_database_url.parse(url)


def _redis_reachable() -> None:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        pytest.skip(f"Two app servers share a Redis: none answers at {REDIS_URL} ({error}).")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Cluster:
    servers: list[str]
    media_roots: list[Path]


def _admin_connection(database: dict):
    connection = psycopg2.connect(
        dbname="postgres",
        user=database["USER"],
        password=database["PASSWORD"] or None,
        host=database["HOST"] or None,
        port=database["PORT"] or None,
    )
    connection.autocommit = True
    return connection


def _manage(environment: dict[str, str], *args: str) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 (our own manage.py, with our own arguments)
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _finished(*commands: subprocess.Popen) -> None:
    for command in commands:
        output, _ = command.communicate(timeout=180)
        assert command.returncode == 0, output[-3000:]


def _gunicorn(port: int, environment: dict[str, str], log: Path) -> subprocess.Popen:
    """One app server as deploy/gunicorn.conf.py runs it, with one sync worker."""
    with log.open("w") as output:
        return subprocess.Popen(  # noqa: S603
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "config.wsgi",
                f"--bind=127.0.0.1:{port}",
                "--workers=1",
                "--timeout=60",
                "--graceful-timeout=5",
            ],
            cwd=ROOT,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def _wait_healthy(url: str, process: subprocess.Popen, log: Path) -> None:
    """Until /healthz says the database, the cache and the storage all work."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"{url} stopped:\n{log.read_text()[-3000:]}")
        try:
            response = Visitor(url).get("/healthz")
        except OSError:
            time.sleep(0.2)
            continue
        assert response.json() == {
            "status": "ok",
            "checks": {"database": "ok", "cache": "ok", "storage": "ok"},
        }, log.read_text()[-3000:]
        return
    raise AssertionError(f"{url} did not answer within 60 s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def cluster(tmp_path, object_store) -> Iterator[Cluster]:
    database = _postgres()
    _redis_reachable()
    name = f"plenary_twoservers_{os.getpid()}"
    prefix = f"plenary-twoservers-{uuid.uuid4().hex[:8]}"
    bucket = object_store.bucket_create()
    admin = _admin_connection(database)
    with admin.cursor() as cursor:
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    shared = {
        **{key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "tests.scale.server_settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DATABASE_URL": _database_url(database, name),
        "DJANGO_CACHE_URL": REDIS_URL,
        "DJANGO_CACHE_KEY_PREFIX": prefix,
        "DJANGO_STORAGE": "s3",
        "DJANGO_S3_BUCKET": bucket,
        "DJANGO_S3_ENDPOINT_URL": object_store.endpoint_url,
        "DJANGO_S3_REGION": REGION,
        "DJANGO_FILE_UPLOAD_TEMP_DIR": str(tmp_path),
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
    }
    processes: list[subprocess.Popen] = []
    try:
        servers, media_roots, logs = [], [], []
        for letter in "AB":
            port = _free_port()
            servers.append(f"http://127.0.0.1:{port}")
            media_roots.append(tmp_path / f"media-{letter}")
            logs.append(tmp_path / f"gunicorn-{letter}.log")
            environment = {
                **shared,
                "DJANGO_SITE_URL": servers[-1],
                "DJANGO_MEDIA_ROOT": str(media_roots[-1]),
            }
            processes.append(_gunicorn(port, environment, logs[-1]))
        # The servers start (importing Django takes seconds) while the database is made ready.
        setup = {
            **shared,
            "DJANGO_SITE_URL": "http://127.0.0.1:1",
            "DJANGO_SUPERUSER_EMAIL": STAFF[0],
            "DJANGO_SUPERUSER_PASSWORD": STAFF[1],
        }
        _finished(_manage(setup, "migrate", "--no-input"))
        _finished(
            _manage(setup, "createsuperuser", "--no-input"), _manage(setup, "shell", "-c", SEED)
        )
        for url, process, log in zip(servers, processes, logs, strict=True):
            _wait_healthy(url, process, log)
        yield Cluster(servers=servers, media_roots=media_roots)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        with admin.cursor() as cursor:
            cursor.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
        admin.close()
        shared_redis = redis.Redis.from_url(REDIS_URL)
        for key in shared_redis.scan_iter(f"{prefix}:*"):
            shared_redis.delete(key)


def _database_url(database: dict, name: str) -> str:
    user = database["USER"] or ""
    password = f":{database['PASSWORD']}" if database["PASSWORD"] else ""
    at = f"{user}{password}@" if user else ""
    host = database["HOST"] or "127.0.0.1"
    port = f":{database['PORT']}" if database["PORT"] else ""
    return f"postgres://{at}{host}{port}/{name}"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_what_one_server_writes_the_other_reads_at_once(cluster):
    server_a, server_b = cluster.servers
    reader_b = Visitor(server_b)
    assert MEETING_TITLE in reader_b.get("/meetings/tenth/").text  # and now in B's page cache

    # Staff change the meeting's title in the back office through A; B shows it at once.
    staff_a = Visitor(server_a)
    staff_a.log_in(*STAFF)
    admin = staff_a.get("/admin/meetings/meeting/")
    change = re.search(r'href="(/admin/meetings/meeting/\d+/change/)"', admin.text).group(1)
    saved = staff_a.submit(change, title_en="Tenth Coordination Meeting (resumed)", _save="Save")
    assert "was changed successfully" in saved.text
    page = reader_b.get("/meetings/tenth/")
    assert page.status_code == 200
    assert "Tenth Coordination Meeting (resumed)" in page.text

    # A focal point uploads a paper through A; staff logged in on B download the same bytes.
    data = samples.pdf(pages=2, mark=True)
    focal_a = Visitor(server_a)
    focal_a.log_in(*FOCAL_POINT)
    _page, form = focal_a.form("/meetings/tenth/submit/")
    submitted = focal_a.submit(
        "/meetings/tenth/submit/",
        files={"file": ("Migration paper.pdf", data, "application/pdf")},
        category=form.option("category", "Contributed papers"),
        title="Migration and development",
        authors_text="Ana Lopes",
    )
    assert "“Migration and development” was submitted." in submitted.text
    download = re.search(r'href="(/documents/\d+/versions/1/download/)"', submitted.text)
    staff_b = Visitor(server_b)
    staff_b.log_in(*STAFF)
    file = staff_b.get(download.group(1))
    assert file.status_code == 200
    assert file.headers["Content-Type"] == "application/pdf"
    assert sha256(file.content) == sha256(data)

    # The focal point's login, made on A, holds on B: sessions are shared.
    focal_b = Visitor(server_b, cookies=focal_a.cookies)
    mine = focal_b.get("/my/submissions/")
    assert mine.url == f"{server_b}/my/submissions/"
    assert "You are a focal point for" in mine.text
    assert "Migration and development" in mine.text
    assert Visitor(server_b).get(download.group(1)).status_code == 404  # not logged in

    # No server kept a file of its own: media went to the object store.
    kept = [path for root in cluster.media_roots if root.exists() for path in root.rglob("*")]
    assert [path for path in kept if path.is_file()] == []
