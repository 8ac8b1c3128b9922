"""`manage.py backup` and `manage.py restore`: every row and file comes back, a bad archive or a
non-empty installation changes nothing.

The tests commit (transaction=True) so pg_dump, another process, sees the data; a fixture gives
each test the rows migrations make (the document categories), which a flush removes.
"""

import hashlib
import importlib
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from accounts.models import Organization, User
from backups import database
from backups.archive import DATABASE_MEMBERS
from meetings.models import Meeting
from papers.models import Document, DocumentCategory
from papers.services import submission
from tests.factories import DocumentFactory, VersionFactory
from tests.papers import samples

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _categories_as_migrated():
    """The installation as the migrations leave it: with its document categories, which an
    earlier transactional test's flush may have removed. (serialized_rollback would bring them
    back, but clashes with the content types that flush's post_migrate makes again.)"""
    migration = importlib.import_module("papers.migrations.0002_categories_and_secretariat")
    for name, slug, order, open_to_submissions in migration.CATEGORIES:
        DocumentCategory.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "order": order, "open_to_submissions": open_to_submissions},
        )


# What a person compares: every row and every file -----------------------------------------------


def every_row() -> dict[str, list[dict]]:
    """Each model's rows in pk order, every app included (auth, sessions, history, axes...)."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


def every_file(media_root: Path) -> dict[str, str]:
    return {
        path.relative_to(media_root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media_root.rglob("*"))
        if path.is_file()
    }


def empty_installation(media_root: Path) -> None:
    """A fresh database (migrated tables, no rows of ours) and no media folder."""
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media_root, ignore_errors=True)


def backup(tmp_path: Path, name: str = "plenary.tar.gz") -> Path:
    path = tmp_path / name
    call_command("backup", output=path, stdout=io.StringIO())
    return path


def restore(path: Path) -> str:
    out = io.StringIO()
    call_command("restore", path, stdout=out)
    return out.getvalue()


def repack(source: Path, target: Path, **changes) -> Path:
    """A copy of the archive with members changed (bytes), dropped (None) or added."""
    with tarfile.open(source) as old, tarfile.open(target, "w:gz") as new:
        for member in old.getmembers():
            data = old.extractfile(member).read()
            data = changes.pop(member.name, data)
            if data is not None:
                info = tarfile.TarInfo(member.name)
                info.size = len(data)
                new.addfile(info, io.BytesIO(data))
        for name, data in changes.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            new.addfile(info, io.BytesIO(data))
    return target


def read_member(path: Path, name: str) -> bytes:
    with tarfile.open(path) as archive:
        return archive.extractfile(name).read()


@pytest.fixture
def installation(settings):
    """A paper with a PDF (and its thumbnail) and a logo in the media storage."""
    VersionFactory(document=DocumentFactory(title="Migration and development"))
    default_storage.save("logos/iom.png", ContentFile(samples.image("PNG")))
    return Path(settings.MEDIA_ROOT)


def assert_nothing_restored(media_root: Path) -> None:
    assert User.objects.count() == 0
    assert Document.objects.count() == 0
    assert every_file(media_root) == {}


# The round trip ---------------------------------------------------------------------------------


def test_restore_brings_back_every_row_and_every_file_of_the_demo(settings, tmp_path):
    media_root = Path(settings.MEDIA_ROOT)
    call_command("load_demo", stdout=io.StringIO())
    focal_point = User.objects.get(email="focal@iom.example")
    meeting = Meeting.objects.get(slug="tenth-coordination-meeting")
    for title, data in [("Migration data", samples.pdf(pages=2)), ("Remittances", samples.pdf())]:
        submission.document_submit(
            meeting=meeting,
            organization=Organization.objects.get(acronym="IOM"),
            category=DocumentCategory.objects.get(slug="contributed-papers"),
            title=title,
            authors_text="",
            language="en",
            agenda_item=None,
            upload=SimpleUploadedFile(f"{title}.pdf", data),
            by=focal_point,
            submission_key=None,
        )
    archive = backup(tmp_path)
    rows, files = every_row(), every_file(media_root)
    assert Document.objects.filter(title="Remittances").exists()
    assert len(files) >= 2

    empty_installation(media_root)
    assert every_file(media_root) == {}
    assert not Document.objects.exists()
    printed = restore(archive)

    assert every_row() == rows
    assert every_file(media_root) == files
    assert printed.startswith("Restored ")
    assert f" tables, {len(files)} files, " in printed


def test_archive_holds_the_manifest_the_dump_and_media_files_only(installation, tmp_path):
    files = every_file(installation)
    archive = backup(tmp_path)

    with tarfile.open(archive) as tar:
        names = tar.getnames()
    manifest = json.loads(read_member(archive, "manifest.json"))
    dump = DATABASE_MEMBERS[manifest["vendor"]]

    assert sorted(names) == sorted(["manifest.json", dump, *(f"media/{name}" for name in files)])
    assert {entry["name"]: entry["sha256"] for entry in manifest["media"]} == files
    assert manifest["database"]["sha256"] == hashlib.sha256(read_member(archive, dump)).hexdigest()
    assert manifest["migrations"]["papers"].startswith("00")
    assert manifest["format"] == "plenary-backup"


def test_backup_never_overwrites_a_file(installation, tmp_path):
    existing = tmp_path / "plenary.tar.gz"
    existing.write_bytes(b"yesterday's backup")

    with pytest.raises(CommandError, match="exists already; a backup never overwrites a file"):
        call_command("backup", output=existing)
    assert existing.read_bytes() == b"yesterday's backup"


def test_backup_refuses_a_name_that_is_not_a_tar(installation, tmp_path):
    with pytest.raises(CommandError, match=r"ends in \.tar\.gz, \.tgz or \.tar, not backup\.zip"):
        call_command("backup", output=tmp_path / "backup.zip")
    assert not (tmp_path / "backup.zip").exists()


# Refusals: nothing changes ----------------------------------------------------------------------


def test_restore_refuses_an_archive_with_one_byte_changed_in_a_media_file(installation, tmp_path):
    archive = backup(tmp_path)
    logo = bytearray(read_member(archive, "media/logos/iom.png"))
    logo[10] ^= 0xFF
    damaged = repack(archive, tmp_path / "damaged.tar.gz", **{"media/logos/iom.png": bytes(logo)})
    empty_installation(installation)

    with pytest.raises(CommandError, match=r"damaged: media/logos/iom\.png does not match its"):
        restore(damaged)
    assert_nothing_restored(installation)


def test_restore_refuses_an_archive_without_manifest(installation, tmp_path):
    archive = backup(tmp_path)
    stripped = repack(archive, tmp_path / "stripped.tar.gz", **{"manifest.json": None})
    empty_installation(installation)

    with pytest.raises(CommandError, match=r"is not a Plenary backup: it has no manifest\.json"):
        restore(stripped)
    assert_nothing_restored(installation)


def test_restore_refuses_a_file_that_is_not_an_archive(db, tmp_path):
    path = tmp_path / "notes.tar.gz"
    path.write_text("not a backup")

    with pytest.raises(CommandError, match="is not a Plenary backup: it is not a readable tar"):
        restore(path)


def test_restore_names_an_archive_that_is_not_there(db, tmp_path):
    with pytest.raises(CommandError) as refused:
        restore(tmp_path / "missing.tar.gz")
    assert str(refused.value) == f"{tmp_path / 'missing.tar.gz'} does not exist or is not a file."


def test_restore_refuses_a_member_outside_media(installation, tmp_path):
    archive = backup(tmp_path)
    hostile = repack(archive, tmp_path / "hostile.tar.gz", **{"media/../../evil.py": b"x = 1"})
    empty_installation(installation)

    with pytest.raises(CommandError, match=r"holds media/\.\./\.\./evil\.py, outside media/"):
        restore(hostile)
    assert_nothing_restored(installation)
    assert not (installation.parent / "evil.py").exists()


def test_restore_refuses_a_non_empty_installation(installation, tmp_path):
    archive = backup(tmp_path)
    rows, files = every_row(), every_file(installation)

    with pytest.raises(CommandError, match="This installation is not empty"):
        restore(archive)
    assert every_row() == rows
    assert every_file(installation) == files


def test_restore_refuses_media_files_already_there(installation, tmp_path):
    archive = backup(tmp_path)
    empty_installation(installation)
    default_storage.save("notes.txt", ContentFile(b"left over"))

    with pytest.raises(CommandError, match="The media storage already holds files"):
        restore(archive)
    assert User.objects.count() == 0
    assert list(every_file(installation)) == ["notes.txt"]


def test_restore_refuses_another_databases_dump(installation, tmp_path):
    archive = backup(tmp_path)
    manifest = json.loads(read_member(archive, "manifest.json"))
    here = manifest["vendor"]
    other = "postgresql" if here == "sqlite" else "sqlite"
    dump = read_member(archive, DATABASE_MEMBERS[here])
    manifest["vendor"] = other
    manifest["database"]["name"] = DATABASE_MEMBERS[other]
    changes = {
        "manifest.json": json.dumps(manifest).encode(),
        DATABASE_MEMBERS[here]: None,
        DATABASE_MEMBERS[other]: dump,
    }
    foreign = repack(archive, tmp_path / "foreign.tar.gz", **changes)
    empty_installation(installation)

    names = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
    with pytest.raises(CommandError) as refused:
        restore(foreign)
    assert str(refused.value) == (
        f"This backup holds a {names[other]} database and this installation uses {names[here]}. "
        f"Restore it into a {names[other]} installation; converting between databases is not "
        "supported."
    )
    assert_nothing_restored(installation)


def test_restore_refuses_a_backup_of_a_newer_plenary(installation, tmp_path):
    archive = backup(tmp_path)
    manifest = json.loads(read_member(archive, "manifest.json"))
    manifest["migrations"]["papers"] = "0999_from_the_future"
    newer = repack(
        archive, tmp_path / "newer.tar.gz", **{"manifest.json": json.dumps(manifest).encode()}
    )
    empty_installation(installation)

    with pytest.raises(CommandError, match=r"newer Plenary: its migrations papers\.0999_from_the"):
        restore(newer)
    assert_nothing_restored(installation)


# The PostgreSQL tools ---------------------------------------------------------------------------


POSTGRES = {
    "HOST": "db.example",
    "PORT": 5433,
    "USER": "plenary",
    "PASSWORD": "s3cret",
    "NAME": "p",
}


def test_missing_pg_dump_is_a_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))

    with pytest.raises(CommandError, match="pg_dump was not found on PATH"):
        database.pg_dump(POSTGRES, tmp_path / "dump")


def test_failing_pg_dump_shows_its_message_and_gets_the_password_from_the_environment(
    monkeypatch, tmp_path
):
    seen = tmp_path / "seen"
    fake = tmp_path / "pg_dump"
    fake.write_text(
        f'#!/bin/sh\necho "$@" > {seen}\necho "$PGPASSWORD" >> {seen}\n'
        'echo "pg_dump: error: connection to server failed" >&2\nexit 1\n'
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))

    with pytest.raises(CommandError) as failed:
        database.pg_dump(POSTGRES, tmp_path / "dump")

    assert str(failed.value) == "pg_dump failed: pg_dump: error: connection to server failed"
    arguments, password = seen.read_text().splitlines()
    assert password == "s3cret"
    assert "s3cret" not in arguments
    assert arguments.split() == [
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        f"--file={tmp_path / 'dump'}",
        "--host",
        "db.example",
        "--port",
        "5433",
        "--username",
        "plenary",
        "--no-password",
        "--dbname=p",
    ]
