"""Three slow clients against two gunicorn sync workers, straight and behind nginx.

Starts gunicorn with deploy/gunicorn.conf.py (2 sync workers) on a loopback port and, when nginx
is installed, nginx in front of it with deploy/nginx.conf (rendered into a temporary folder, with
loopback ports and a throw-away certificate). Three clients then trickle a request, a header line
every 0.2 s; meanwhile one normal GET /healthz is timed. Straight to gunicorn, each slow client
holds a worker, so the GET waits until one gives up; behind nginx, which reads requests whole
before passing them on, it does not. Everything runs on 127.0.0.1 and
stops within about half a minute.

    .venv/bin/python bench/slow_clients.py [--trickle-seconds 6]
"""

import argparse
import http.client
import os
import runpy
import shutil
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
SLOW_CLIENTS = 3
WORKERS = 2
render_nginx = runpy.run_path(str(ROOT / "deploy" / "render_nginx.py"))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def tls_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # our own throw-away certificate, on loopback
    return context


def connect(port: int, tls: bool) -> socket.socket:
    raw = socket.create_connection((HOST, port), timeout=30)
    return tls_context().wrap_socket(raw, server_hostname="localhost") if tls else raw


def get_seconds(port: int, tls: bool) -> float:
    """How long one GET /healthz takes, up to its answer."""
    connection = (
        http.client.HTTPSConnection(HOST, port, timeout=60, context=tls_context())
        if tls
        else http.client.HTTPConnection(HOST, port, timeout=60)
    )
    started = time.perf_counter()
    connection.request("GET", "/healthz", headers={"Host": "localhost"})
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"GET /healthz answered {response.status}")
    return elapsed


def wait_for(port: int, tls: bool, process: subprocess.Popen[bytes], name: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}")
        try:
            get_seconds(port, tls)
        except OSError:
            time.sleep(0.2)
        else:
            return
    raise RuntimeError(f"{name} did not answer on port {port} within 30 s")


def slow_client(port: int, tls: bool, stop: threading.Event, trickle_seconds: float) -> None:
    """Send a request line, then one more header line every 0.2 s until told to stop.

    A sync worker that took the connection waits for the end of the headers, and serves nobody
    else meanwhile (a body sent slowly holds it the same way once Django reads the form).
    """
    try:
        with connect(port, tls) as sock:
            sock.sendall(b"POST /accounts/login/ HTTP/1.1\r\nHost: localhost\r\n")
            deadline = time.monotonic() + trickle_seconds
            line = 0
            while not stop.is_set() and time.monotonic() < deadline:
                line += 1
                sock.sendall(f"X-Slow-{line}: a\r\n".encode())
                stop.wait(0.2)
    except OSError:
        pass  # the server gave up on us: that is its right


def measure(port: int, tls: bool, trickle_seconds: float) -> tuple[float, float]:
    """(median of 5 quiet GETs, one GET while the slow clients trickle), in seconds."""
    quiet = statistics.median(get_seconds(port, tls) for _ in range(5))
    stop = threading.Event()
    clients = [
        threading.Thread(target=slow_client, args=(port, tls, stop, trickle_seconds))
        for _ in range(SLOW_CLIENTS)
    ]
    for client in clients:
        client.start()
    time.sleep(0.5)  # let them take what they can
    try:
        busy = get_seconds(port, tls)
    finally:
        stop.set()
        for client in clients:
            client.join()
    time.sleep(0.5)
    return quiet, busy


def stop_process(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trickle-seconds", type=float, default=6.0)
    args = parser.parse_args()
    results: list[tuple[str, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="plenary-bench-") as temp:
        folder = Path(temp)
        gunicorn_port = free_port()
        env = {
            **os.environ,
            "DJANGO_DEBUG": "true",
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
            "DJANGO_MEDIA_ROOT": str(folder / "media"),
            "DJANGO_LOG_LEVEL": "WARNING",
        }
        gunicorn = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                str(ROOT / "deploy" / "gunicorn.conf.py"),
                "--bind",
                f"{HOST}:{gunicorn_port}",
                "--workers",
                str(WORKERS),
                "config.wsgi",
            ],
            cwd=ROOT,
            env=env,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_for(gunicorn_port, False, gunicorn, "gunicorn")
            results.append(("gunicorn alone", *measure(gunicorn_port, False, args.trickle_seconds)))
            nginx, openssl = shutil.which("nginx"), shutil.which("openssl")
            if nginx is None or openssl is None:
                missing = "nginx" if nginx is None else "openssl"
                print(
                    f"{missing} is not installed, so the run behind nginx is skipped "
                    "(apt-get install nginx-light openssl, then run this again)."
                )
            else:
                results.append(
                    (
                        "behind nginx",
                        *behind_nginx(nginx, openssl, folder, gunicorn_port, args),
                    )
                )
        finally:
            stop_process(gunicorn)
    print(
        f"{SLOW_CLIENTS} slow clients trickling a request for {args.trickle_seconds:g} s, "
        f"{WORKERS} gunicorn sync workers; latency of one GET /healthz:"
    )
    for name, quiet, busy in results:
        print(
            f"  {name:15} quiet {quiet * 1000:8.1f} ms, "
            f"during the slow clients {busy * 1000:8.1f} ms"
        )


def behind_nginx(
    nginx: str, openssl: str, folder: Path, gunicorn_port: int, args: argparse.Namespace
) -> tuple[float, float]:
    cert, key = render_nginx["self_signed_certificate"](openssl, folder)
    https_port = free_port()
    config = render_nginx["main_config"](
        folder,
        {
            "PLENARY_SERVER_NAME": "localhost",
            "PLENARY_UPSTREAM": f"{HOST}:{gunicorn_port}",
            "PLENARY_HTTP_PORT": f"{HOST}:{free_port()}",
            "PLENARY_HTTPS_PORT": f"{HOST}:{https_port}",
            "PLENARY_TLS_CERT": str(cert),
            "PLENARY_TLS_KEY": str(key),
        },
    )
    folder.chmod(0o755)  # nginx's worker reads the certificate and writes its temporary files
    process = subprocess.Popen(  # noqa: S603
        [nginx, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(config)],
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(https_port, True, process, "nginx")
        return measure(https_port, True, args.trickle_seconds)
    finally:
        stop_process(process)


if __name__ == "__main__":
    main()
