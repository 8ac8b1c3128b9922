"""gunicorn for Plenary, behind nginx (deploy/nginx.conf): `gunicorn -c deploy/gunicorn.conf.py`.

gunicorn never faces clients: it listens on the loopback interface and nginx, which reads each
request whole before passing it on and takes each response whole, is the only one that talks to
it. That is what makes sync workers right here: a worker is busy only while Django works, never
while a client is slow, and a sync worker is the simplest to reason about (one request, one
process, one database connection). Threads (gthread) would only help with slow clients, which
nginx already absorbs.
"""

import multiprocessing
import os

# Loopback only; nginx's `upstream plenary` points here.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# The usual rule for sync workers: two per core, plus one.
worker_class = "sync"
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))

# A 50 MB paper, already buffered by nginx, arrives over loopback in well under a second; its
# checks (the PDF's objects, page count, thumbnail, checksum) take seconds. 120 s covers the
# largest paper on a slow disk with room to spare, and still stops a request that hangs.
timeout = 120
# On a restart, requests under way get this long to finish.
graceful_timeout = 30
# nginx keeps connections to the upstream open (keepalive 8); close ours a little later.
keepalive = 20

# Request line and headers no longer than nginx lets through (large_client_header_buffers 8k).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190

# The app is imported once, in the master, before the workers fork: a worker starts (and is
# replaced) in milliseconds instead of importing Django, WeasyPrint and the rest again, which
# takes seconds of CPU while the other workers serve; the workers share those pages of memory.
# Nothing opens a connection at import time, so no socket is shared between workers.
preload_app = True
# A worker is replaced after this many requests, so a slow leak never grows for long.
max_requests = 1000
max_requests_jitter = 100

# The workers' heartbeat files in memory, not on a disk that may be slow or full.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# Error log to stderr, in gunicorn's format; nginx writes the access log.
errorlog = "-"
