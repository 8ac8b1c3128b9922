"""An S3-compatible object store for the scale tests: moto in server mode, started once per run
on a free port and reached over HTTP as MinIO or Amazon S3 would be, so django-storages and boto3
run exactly as in production. Each test that asks for `s3` gets a bucket of its own and
STORAGES["default"] switched to it (Django resets its storages when the setting changes)."""

import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import boto3
import pytest
from moto.server import ThreadedMotoServer

REGION = "us-east-1"
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "plenary-test",
    "AWS_SECRET_ACCESS_KEY": "plenary-test-secret",  # moto accepts any keys
    "AWS_DEFAULT_REGION": REGION,
}


@dataclass(frozen=True)
class ObjectStore:
    endpoint_url: str

    def client(self):
        return boto3.client("s3", endpoint_url=self.endpoint_url, region_name=REGION)

    def bucket_create(self) -> str:
        name = f"plenary-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(Bucket=name)
        return name

    def keys(self, bucket: str) -> list[str]:
        listing = self.client().list_objects_v2(Bucket=bucket)
        return sorted(item["Key"] for item in listing.get("Contents", []))

    def read(self, bucket: str, key: str) -> bytes:
        return self.client().get_object(Bucket=bucket, Key=key)["Body"].read()


@dataclass(frozen=True)
class Bucket:
    store: ObjectStore
    name: str

    def names(self) -> list[str]:
        return self.store.keys(self.name)

    def read(self, key: str) -> bytes:
        return self.store.read(self.name, key)


@pytest.fixture(scope="session")
def object_store() -> Iterator[ObjectStore]:
    """moto's S3 on 127.0.0.1 and a free port, for the whole run, with test credentials in the
    environment (boto3 reads them there, in this process and in app servers started by tests)."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request otherwise
    with pytest.MonkeyPatch.context() as patch:
        for name, value in CREDENTIALS.items():
            patch.setenv(name, value)
        server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
        server.start()
        host, port = server.get_host_and_port()
        try:
            yield ObjectStore(endpoint_url=f"http://{host}:{port}")
        finally:
            server.stop()


def s3_options(store: ObjectStore, bucket: str) -> dict:
    """STORAGES["default"] as config/settings.py makes it for DJANGO_STORAGE=s3."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": store.endpoint_url,
            "region_name": REGION,
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": 3600,
            "file_overwrite": False,
            "max_memory_size": 2_621_440,
        },
    }


@pytest.fixture
def s3(settings, object_store) -> Bucket:
    """Media in a fresh bucket of the object store for this test, nothing under MEDIA_ROOT."""
    bucket = Bucket(object_store, object_store.bucket_create())
    settings.STORAGES = {**settings.STORAGES, "default": s3_options(object_store, bucket.name)}
    return bucket
