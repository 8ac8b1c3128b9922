"""The shipped serving configuration: nginx in front (deploy/nginx.conf), gunicorn behind it."""

import re
import runpy
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
render_nginx = runpy.run_path(str(DEPLOY / "render_nginx.py"))
NGINX = shutil.which("nginx")
OPENSSL = shutil.which("openssl")


def directive(name: str) -> list[str]:
    text = (DEPLOY / "nginx.conf").read_text()
    return re.findall(rf"^\s*{name}\s+([^;]+);", text, re.MULTILINE)


def megabytes(value: str) -> int:
    assert value.endswith("m"), value
    return int(value[:-1])


def seconds(value: str) -> int:
    assert value.endswith("s"), value
    return int(value[:-1])


def test_gunicorn_listens_on_loopback_with_sync_workers_and_a_timeout_for_a_large_paper(
    monkeypatch,
):
    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    monkeypatch.delenv("GUNICORN_WORKERS", raising=False)
    monkeypatch.setattr("multiprocessing.cpu_count", lambda: 4)

    conf = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))

    assert conf["bind"] == "127.0.0.1:8000"
    assert (conf["worker_class"], conf["workers"]) == ("sync", 9)
    assert conf["timeout"] == 120
    assert (conf["limit_request_line"], conf["limit_request_fields"]) == (8190, 100)
    assert conf["limit_request_field_size"] == 8190


def test_nginx_caps_bodies_a_little_above_the_largest_paper_and_buffers_them():
    [cap] = directive("client_max_body_size")
    largest_paper = settings.PAPERS_MAX_UPLOAD_SIZE // (1024 * 1024)
    assert largest_paper == 50
    assert largest_paper < megabytes(cap) <= largest_paper + 10
    assert directive("proxy_request_buffering") == ["on"]
    assert directive("proxy_buffering") == ["on"]
    assert [seconds(value) for value in directive("client_header_timeout")] == [10]
    assert [seconds(value) for value in directive("client_body_timeout")] == [30]
    assert [seconds(value) for value in directive("send_timeout")] == [30]
    gunicorn = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    [read_timeout] = directive("proxy_read_timeout")
    assert seconds(read_timeout) > gunicorn["timeout"]


def test_nginx_tells_plenary_the_clients_address_and_scheme():
    headers = directive("proxy_set_header")
    assert "X-Forwarded-For $proxy_add_x_forwarded_for" in headers
    assert "X-Forwarded-Proto $scheme" in headers
    assert "Host $host" in headers
    # No location serves MEDIA_ROOT (papers go through Plenary's download views) nor static files
    # (whitenoise serves them through the app).
    text = (DEPLOY / "nginx.conf").read_text()
    locations = re.findall(r"^\s*location\s+([^{]+?)\s*\{", text, re.MULTILINE)
    assert locations == ["= /healthz", "/", "/"]
    assert directive("alias") == directive("root") == []


@pytest.mark.skipif(NGINX is None or OPENSSL is None, reason="nginx (or openssl) not installed")
def test_nginx_accepts_the_rendered_configuration(tmp_path):
    cert, key = render_nginx["self_signed_certificate"](OPENSSL, tmp_path)
    config = render_nginx["main_config"](
        tmp_path,
        {
            "PLENARY_SERVER_NAME": "plenary.example.org",
            "PLENARY_UPSTREAM": "127.0.0.1:8000",
            "PLENARY_HTTP_PORT": "127.0.0.1:18080",
            "PLENARY_HTTPS_PORT": "127.0.0.1:18443",
            "PLENARY_TLS_CERT": str(cert),
            "PLENARY_TLS_KEY": str(key),
        },
    )

    done = subprocess.run(  # noqa: S603
        [NGINX, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 0, done.stderr
    assert "test is successful" in done.stderr
    rendered = (tmp_path / "plenary.conf").read_text().splitlines()
    assert [line for line in rendered if "${" in line.split("#")[0]] == []
