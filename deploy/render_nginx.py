"""Fill in deploy/nginx.conf's ${PLENARY_...} names, as envsubst does (for the tests and bench).

`render(values)` gives the conf.d file; `main_config(...)` wraps it in a whole nginx.conf that
runs from a temporary folder (pid, logs and temporary files in it), for `nginx -t -c` and for
bench/slow_clients.py.
"""

import os
import string
import subprocess
from pathlib import Path

TEMPLATE = Path(__file__).with_name("nginx.conf")
NAMES = (
    "PLENARY_SERVER_NAME",
    "PLENARY_UPSTREAM",
    "PLENARY_HTTP_PORT",
    "PLENARY_HTTPS_PORT",
    "PLENARY_TLS_CERT",
    "PLENARY_TLS_KEY",
)


def render(values: dict[str, str]) -> str:
    missing = set(NAMES) - set(values)
    if missing:
        raise KeyError(f"missing {sorted(missing)}")
    # Only our names: nginx's own $host, $scheme... stay as they are.
    return string.Template(TEMPLATE.read_text()).safe_substitute(values)


def main_config(folder: Path, values: dict[str, str]) -> Path:
    """Write folder/plenary.conf and folder/nginx.conf; return the latter."""
    (folder / "plenary.conf").write_text(render(values))
    user = "user root;\n" if os.geteuid() == 0 else ""
    config = folder / "nginx.conf"
    config.write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {folder}/nginx.pid;\n"
        f"error_log {folder}/error.log warn;\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        f"    access_log off;\n"
        f"    client_body_temp_path {folder}/client_body;\n"
        f"    proxy_temp_path {folder}/proxy;\n"
        f"    fastcgi_temp_path {folder}/fastcgi;\n"
        f"    uwsgi_temp_path {folder}/uwsgi;\n"
        f"    scgi_temp_path {folder}/scgi;\n"
        f"    include {folder}/plenary.conf;\n"
        "}\n"
    )
    return config


def self_signed_certificate(openssl: str, folder: Path) -> tuple[Path, Path]:
    """A throw-away certificate for localhost, valid one day: (certificate, key)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(  # noqa: S603
        [
            *(openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes"),
            *("-subj", "/CN=localhost", "-days", "1", "-keyout", str(key), "-out", str(cert)),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key
