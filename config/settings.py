"""Plenary's settings, read from the environment.

Every setting has a safe default for a local run; production sets DJANGO_DEBUG=false and a real
DJANGO_SECRET_KEY (the app refuses to start without one). See the table in README.md.
"""

import datetime
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from corsheaders.defaults import default_headers
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    """A whole number from the environment, refused at start-up with the variable's name when it
    is not one or is below `minimum`."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        number = None
    if number is None or number < minimum:
        raise ImproperlyConfigured(
            f"{name} must be a whole number of at least {minimum}, not {value!r}."
        )
    return number


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_redis_url(name: str) -> str:
    """A Redis server's address, redis://[:password@]host[:port][/db] or rediss:// (TLS), or ""
    when unset; refused at start-up with the variable's name when it is anything else."""
    value = os.environ.get(name, "").strip()
    if not value:
        return ""
    parts = urlsplit(value)
    try:
        parts.port  # noqa: B018 (a port that is not a number raises)
    except ValueError:
        parts = None
    if (
        parts is None
        or parts.scheme not in {"redis", "rediss"}
        or not parts.hostname
        or not re.fullmatch(r"(/\d*)?", parts.path)
        or parts.query
        or parts.fragment
    ):
        shown = re.sub(r"//[^@/]*@", "//…@", value)  # never a password in the log
        raise ImproperlyConfigured(
            f"{name} must be redis://host:port/db or rediss://host:port/db, not {shown!r}."
        )
    return value


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
# A form refused by the CSRF check gets a page in the site's style (Django's breaks the CSP).
CSRF_FAILURE_VIEW = "config.views.csrf_failure"

# The site's public address: every absolute link (in mail, above all) is built from it by
# config.links.absolute_url(), whatever request or command made the link.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "").strip().rstrip("/")
if not SITE_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SITE_URL must be set when DJANGO_DEBUG is off, e.g. https://plenary.example.org"
        )
    SITE_URL = "http://127.0.0.1:8000"
if not re.fullmatch(r"https?://[^/?#\s]+", SITE_URL):
    raise ImproperlyConfigured(
        "DJANGO_SITE_URL must be a scheme and host (and port), with no path, such as "
        f"https://plenary.example.org, not {SITE_URL!r}."
    )

INSTALLED_APPS = [
    # Content in the six languages (README, "Languages"): before the admin, which it extends.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "outbox",
    "accounts",
    "meetings",
    "participants",
    "papers",
    "api",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "demo",
    "backups",
    # Background work: the database task backend's queue and `manage.py db_worker`; the login
    # throttle. Under names translated for the admin (config/apps.py).
    "config.apps.BackgroundTasksConfig",
    "config.apps.LoginAttemptsConfig",
    # Field-by-field history of what staff change (README, "The back office", "History").
    "simple_history",
]

MIDDLEWARE = [
    # First: /healthz answers a load balancer before the host check, HTTPS redirect and sessions.
    "config.health.HealthCheckMiddleware",
    # The client's address on every log line (config/logs.py).
    "config.client_address.ClientAddressMiddleware",
    # The database down: a 503 "temporarily unavailable" page, not a 500.
    "config.faults.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Read-only CORS for /api/ and the export files (the "Open data API" block below).
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # A reader who prefers another language is sent from an English address to theirs.
    "config.languages.LanguageAddressMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # A full disk during an upload: the 507 "storage is full" page, nothing stored.
    "uploads.storagefull.StorageFullMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Who made a change, for the history (README, "History"): after authentication.
    "simple_history.middleware.HistoryRequestMiddleware",
    # A login's absolute lifetime and idle timeout (accounts/sessions.py).
    "accounts.middleware.SessionLifetimeMiddleware",
    # Cache-Control: private, no-store on every response to a logged-in user.
    "accounts.middleware.PrivateCacheMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # A NUL byte in the path, query string or a form field: 400. Below the header middleware,
    # so that the 400 page gets the CSP and framing headers like every other page.
    "config.middleware.NulByteMiddleware",
    # Last, as django-axes asks: it turns a lockout into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
            # What waits for staff on the admin's first page (config/admin_tasks.py).
            "libraries": {"admin_tasks": "config.admin_tasks", "languages": "config.language_tags"},
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'var' / 'plenary.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite is for one machine and light use. Writers take the lock when their transaction
    # begins, and one that finds it taken waits up to 20 seconds instead of failing at once.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )

# The cache: this process's memory unless DJANGO_CACHE_URL names a Redis server. Several app
# servers (or gunicorn workers) must share one, for the page cache, the login slow-down and the
# sessions to be the same whichever server answers (README, "Several app servers").
CACHE_URL = env_redis_url("DJANGO_CACHE_URL")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "config.cache.RedisCache",
            "LOCATION": CACHE_URL,
            # Two installations can share one Redis: each reads only its own keys.
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_KEY_PREFIX", "plenary").strip(),
            # A Redis that hangs must not hold a worker for long.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
    # Sessions read from the shared cache and are written through to the database, so a Redis
    # restart logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# The public page cache (meetings/pagecache.py): anonymous readers' pages (home, series, meeting,
# programme, changes, person, document, list of participants) are kept in the cache above,
# keyed on what they show, with an ETag and a 304. False renders every page each time (`make
# bench` measures the uncached page so).
PUBLIC_PAGE_CACHE = env_bool("DJANGO_PUBLIC_PAGE_CACHE", True)
# Each process also keeps the pages it served last in its own memory, up to this many MB (0: none),
# so a page read again costs no trip to the shared cache (meetings/pagememory.py). Always right:
# the key is the version of what the page shows, read from the database on every request.
PUBLIC_PAGE_MEMORY_MB = env_int("DJANGO_PUBLIC_PAGE_MEMORY_MB", 32)

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses any login while the (account, address) pair or the address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "papers:my_submissions"

# django-axes throttles failed logins, on our login page and the admin's alike, for 15 minutes.
# Attempts are counted by the client's address: behind a reverse proxy it must be the client's
# address, not the proxy's (TRUSTED_PROXY_COUNT below).
AXES_VERBOSE = False
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)  # accounts/lockout.html says "15 minutes"
# The (account, address) pair locks after AXES_FAILURE_LIMIT failures, an address alone after 20
# against any accounts; an account is only slowed down (accounts/throttle.py, README).
AXES_LOCKOUT_PARAMETERS = "accounts.throttle.lockout_parameters"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
# Login forms post the address as "username"; count it in lower case, whatever was typed.
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.throttle.login_username"
# Behind reverse proxies that each append to X-Forwarded-For, say how many: the client's address
# (for the per-address lockout) is then read from that header, not taken as the proxy's.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT
    AXES_IPWARE_PROXY_ORDER = "right-most"
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

# The six official languages of the UN (README, "Languages"): English at the addresses it always
# had, the others under their prefix (/fr/…); config/languages.py.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]

# Content in several languages from one record (django-modeltranslation; each app's
# translation.py): a field's English text stays where it always was, each other language has a
# column beside it (title_fr, title_zh_hans...). A missing translation falls back to English, then
# to whichever language has one, and the page marks the fallback with its own lang
# (config/content_languages.py).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "fr", "es", "ru", "ar", "zh-hans")}
# The admin's language tabs use jQuery UI, vendored (no CDN at run time).
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "var" / "media"))

# Papers: the largest file a focal point may upload. Cap request bodies in the web server too.
PAPERS_MAX_UPLOAD_SIZE = env_int("DJANGO_PAPERS_MAX_UPLOAD_MB", 50, minimum=1) * 1024 * 1024
# Where notices of new submissions go; empty: to the active members of the "Secretariat" group.
PAPERS_SECRETARIAT_EMAIL = env_list("DJANGO_PAPERS_SECRETARIAT_EMAIL", "")

# Background work (README, "Background work"): Django's tasks. "database" (the default) queues
# them in our own database, in the transaction that asks for them, for `manage.py db_worker`
# (started by `make run`); "immediate" runs them at once in the request (tests, tiny installs).
TASKS_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
_tasks_backend = os.environ.get("DJANGO_TASKS_BACKEND", "database").strip() or "database"
if _tasks_backend not in TASKS_BACKENDS:
    raise ImproperlyConfigured(
        f"DJANGO_TASKS_BACKEND must be one of {', '.join(TASKS_BACKENDS)}, not {_tasks_backend!r}."
    )
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[_tasks_backend]}}
# The check of an uploaded PDF or image runs in a child process with this much memory
# (address space, in MB) and this many seconds; past either it "could not be checked".
PAPERS_CHECK_MEMORY_MB = env_int("DJANGO_PAPERS_CHECK_MEMORY_MB", 512, minimum=64)
PAPERS_CHECK_SECONDS = env_int("DJANGO_PAPERS_CHECK_SECONDS", 60, minimum=1)

# Participants: nominations of a meeting that ended more than this many days ago lose their
# e-mail, phone, requirements and letter to `manage.py purge_participant_data`.
PARTICIPANTS_RETENTION_DAYS = env_int("DJANGO_PARTICIPANTS_RETENTION_DAYS", 730)
# Every upload, on every form, streams to a temporary file on disk (in the system's temporary
# directory unless DJANGO_FILE_UPLOAD_TEMP_DIR names another; it must exist), stops being
# stored past PAPERS_MAX_UPLOAD_SIZE and keeps the file name as sent for the file-name check.
FILE_UPLOAD_HANDLERS = ["uploads.handlers.PaperUploadHandler"]
FILE_UPLOAD_TEMP_DIR = os.environ.get("DJANGO_FILE_UPLOAD_TEMP_DIR") or None
# At most 50 file parts a request ("Add several documents" takes up to 50 at once; every other
# form takes one file per field, and says so when sent more).
DATA_UPLOAD_MAX_NUMBER_FILES = 50
# The programme editor sends a whole programme in one form (each session, item, presentation and
# person a row of fields): Django's default of 1,000 fields is reached by a 20-item programme
# with its blank rows. 10,000 fields stay far below the memory cap below.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Form fields other than files: 2.5 MB is far more than any form of ours sends.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)

# Uploaded files (papers, their thumbnails and previews, letters, photos, logos): MEDIA_ROOT on
# this machine, or an S3-compatible object store that several app servers share. Objects stay
# private: every file goes out through Plenary's views, which check who may see it, never by a
# bucket URL (README, "Several app servers").
MEDIA_STORAGE = os.environ.get("DJANGO_STORAGE", "").strip().lower() or "filesystem"
if MEDIA_STORAGE == "filesystem":
    _media_storage: dict = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif MEDIA_STORAGE == "s3":
    _bucket = os.environ.get("DJANGO_S3_BUCKET", "").strip()
    if not _bucket:
        raise ImproperlyConfigured("DJANGO_S3_BUCKET must be set when DJANGO_STORAGE is s3.")
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _bucket,
            # MinIO, Ceph, moto...; unset: Amazon S3. Keys: AWS_ACCESS_KEY_ID and
            # AWS_SECRET_ACCESS_KEY, or whatever else boto3 finds (an instance role).
            "endpoint_url": os.environ.get("DJANGO_S3_ENDPOINT_URL", "").strip() or None,
            "region_name": os.environ.get("DJANGO_S3_REGION", "").strip() or None,
            # No ACL sent: objects are as private as the bucket, which must not be public.
            "default_acl": None,
            # Should a URL of the storage ever be made, it is signed and expires in an hour.
            "querystring_auth": True,
            "querystring_expire": 3600,
            # A name taken is never overwritten (names are random; this is the safety net).
            "file_overwrite": False,
            # A download is read into memory up to this size, into FILE_UPLOAD_TEMP_DIR beyond.
            "max_memory_size": 2_621_440,
        },
    }
else:
    raise ImproperlyConfigured(f"DJANGO_STORAGE must be filesystem or s3, not {MEDIA_STORAGE!r}.")

STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Strict Content Security Policy: no inline script or style anywhere on our pages.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# Open data API (api/, README "The open data API"): read-only JSON under /api/v1/, public data
# only, for everyone alike: no authentication (a logged-in user reads what the public reads),
# anonymous clients throttled by address, CORS open to any origin for reading and on /api/ only.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PublicRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("DJANGO_API_RATE", "600/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Plenary open data API",
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_AUTHENTICATION": [],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "SWAGGER_UI_SETTINGS": {
        "validatorUrl": None,
        "deepLinking": True,
        "tryItOutEnabled": True,
        "defaultModelsExpandDepth": -1,
    },
}
# The API, and the programme's export files (calendars, frab schedules, the PDF), which web-based
# schedule readers fetch from other sites.
CORS_URLS_REGEX = (
    r"^/(api/.*"
    r"|meetings/[^/]+/(programme\.(ics|pdf)|schedule\.(xml|json)|sessions/\d+\.ics)"
    r"|(people|series)/[^/]+/calendar\.ics)$"
)
# A browser's own conditional requests need their headers allowed in the preflight.
CORS_ALLOW_HEADERS = (*default_headers, "if-none-match", "if-modified-since")
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified"]
CORS_PREFLIGHT_MAX_AGE = 86400

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# A login ends after an absolute lifetime and after a time without requests, sooner for staff
# (accounts/sessions.py); the cookie lasts as long as the longest.
SESSION_STAFF_MAX_AGE = datetime.timedelta(hours=8)
SESSION_STAFF_IDLE_TIMEOUT = datetime.timedelta(minutes=30)
SESSION_FOCAL_POINT_MAX_AGE = datetime.timedelta(days=14)
SESSION_FOCAL_POINT_IDLE_TIMEOUT = datetime.timedelta(days=2)
SESSION_COOKIE_AGE = int(SESSION_FOCAL_POINT_MAX_AGE.total_seconds())
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # __Host- cookies: the browser keeps them only if Secure, for Path=/ and with no Domain.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)

_email_backend = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
_email_options = {}
if _email_backend.endswith("smtp.EmailBackend"):
    _email_options = {
        "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
        "port": env_int("DJANGO_EMAIL_PORT", 25, minimum=1),
        "username": os.environ.get("DJANGO_EMAIL_HOST_USER", ""),
        "password": os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", ""),
        "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", False),
        # A mail server that hangs must not hold a worker: the outbox retries later.
        "timeout": 10,
    }
MAILERS = {"default": {"BACKEND": _email_backend, "OPTIONS": _email_options}}
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "plenary@localhost")

_log_level = os.environ.get("DJANGO_LOG_LEVEL", "INFO")
# One format for every line: "2026-12-01T10:00:00Z WARNING django.request [203.0.113.7] ...":
# UTC time, level, logger and the client's address ("-" outside a request), see config/logs.py.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"client_address": {"()": "config.logs.ClientAddressFilter"}},
    "formatters": {
        "utc": {
            "()": "config.logs.UTCFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s [%(client_address)s] %(message)s",
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "utc",
            "filters": ["client_address"],
        }
    },
    "root": {"handlers": ["console"], "level": _log_level},
    "loggers": {
        # Django's own console handler would print its lines a second time: only the root writes.
        "django": {"handlers": [], "level": _log_level, "propagate": True},
        # config/security_log.py: logins, lockouts, refused uploads, decisions. Always INFO.
        "plenary.security": {"level": "INFO", "propagate": True},
        # pikepdf announces its logger bridge at INFO on first use: not news for an operator.
        "pikepdf": {"level": "WARNING", "propagate": True},
        # WeasyPrint (badges, lists as PDF) narrates each step at INFO; a missing glyph is a
        # WARNING and still shows.
        "weasyprint": {"level": "WARNING", "propagate": True},
        "fontTools": {"level": "WARNING", "propagate": True},
    },
}
