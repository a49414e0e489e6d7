"""Settings shared by every environment. Environment variables override the defaults:

- ``DATABASE_URL``: any URL dj-database-url understands (``postgresql://user@host/db``);
  without it, SQLite in the data directory.
- ``DPGKIT_DATA_DIR``: where the SQLite database, the secret key and collected static files
  live (default: the user data directory, e.g. ``~/.local/share/dpgkit``).
- ``DJANGO_ALLOWED_HOSTS``: comma-separated host names.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import dj_database_url
import platformdirs
from django.utils.translation import gettext_lazy as _

WEB_DIR = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    configured = os.environ.get("DPGKIT_DATA_DIR")
    return Path(configured) if configured else Path(platformdirs.user_data_dir("dpgkit"))


def database_config(url: str | None, sqlite_path: Path) -> dict[str, Any]:
    if url:
        return dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
    if str(sqlite_path) != ":memory:":
        # SQLite creates the file, not its folder: a fresh machine has no data folder yet.
        # An unwritable folder is reported by SQLite when the database is first opened.
        with contextlib.suppress(OSError):
            sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(sqlite_path),
        # Keep each server thread's connection; WAL lets readers go on while an import writes.
        "CONN_MAX_AGE": 600,
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        },
    }


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DATA_DIR = data_dir()
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.staticfiles",
    "ninja",
    "dpgkit.web.registry",
    # Nominations and review (docs/review.md): accounts, background jobs, login throttling.
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "django_tasks_rq",
    "axes",
    "dpgkit.web.activity",
    "dpgkit.web.accounts",
    "dpgkit.web.review",
    "dpgkit.web.scans",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # HEAD on every GET of the API (Ninja routes GET only); outside the others, so the
    # headers are those of the GET response, compressed or not.
    "dpgkit.web.registry.middleware.ApiHeadMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # `/` and other unprefixed pages in the visitor's language (switcher choice, else browser).
    "dpgkit.web.registry.middleware.PreferredLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A refused workflow transition (review/workflow.py): 409 and the page to go back to.
    "dpgkit.web.review.middleware.WorkflowConflicts",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dpgkit.web.urls"
WSGI_APPLICATION = "dpgkit.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "dpgkit.web.registry.context.site",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dpgkit.web.review.context.review",
            ],
        },
    }
]

DATABASES = {
    "default": database_config(os.environ.get("DATABASE_URL"), DATA_DIR / "registry.sqlite3")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ru", _("Russian")), ("kk", _("Kazakh"))]
LOCALE_PATHS = [WEB_DIR / "locale"]
# The language chosen with the switcher, kept a year; it wins over Accept-Language.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATICFILES_DIRS = [WEB_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "dpgkit.web.errors.csrf_failure"  # the site's translated 403 page

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Page sizes of the list page and the API.
REGISTRY_PAGE_SIZE = 20
REGISTRY_API_MAX_PAGE_SIZE = 100

# Nominations and review (dpgkit.web.accounts, dpgkit.web.review; see docs/review.md).
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out username/address before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
# Django's own validators on sign-up, password reset and password change: at least 10
# characters, not one of the 20,000 most common passwords, not all digits, not close to the
# username or e-mail address. Their messages are translated (Django's catalogs, and ours for
# what Django's Kazakh catalog lacks: accounts/django_strings.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "review:home"  # by role: see review.views.home
LOGOUT_REDIRECT_URL = "registry:goods"
SESSION_COOKIE_HTTPONLY = True
# Five wrong passwords for one username from one address lock that pair for 15 minutes.
AXES_FAILURE_LIMIT = int(os.environ.get("DPGKIT_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
# Mail (confirmation links, password resets, notifications) is printed on the server's console
# unless an SMTP server is named: DJANGO_EMAIL_HOST (and DJANGO_EMAIL_PORT, default 587 with
# STARTTLS; DJANGO_EMAIL_HOST_USER, DJANGO_EMAIL_HOST_PASSWORD; DJANGO_EMAIL_USE_SSL=1 for port
# 465). DJANGO_EMAIL_BACKEND names any other Django mail backend. `dpg serve` says which is used.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_USE_SSL = os.environ.get("DJANGO_EMAIL_USE_SSL", "0") == "1"
EMAIL_USE_TLS = not EMAIL_USE_SSL and os.environ.get("DJANGO_EMAIL_USE_TLS", "1") == "1"
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "465" if EMAIL_USE_SSL else "587"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_TIMEOUT = 30
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "registry@localhost")
# Background jobs (django-tasks). "immediate" runs a job inside the request that enqueued it:
# nothing else to start. "database" stores jobs in the database (django-tasks-db); run workers
# with `python -m dpgkit.web db_worker`. "redis" stores them in Redis (django-tasks-rq, at
# DPGKIT_REDIS_URL); run workers with `python -m dpgkit.web rqworker default --job-class
# django_tasks_rq.Job --worker-class rq.worker.SimpleWorker`. The "database" and "redis"
# aliases always exist (nothing connects until a job is queued), so that a worker can be used
# next to an immediate default.
TASKS_BACKENDS = {
    "immediate": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]},
    "redis": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]},
}
TASKS = {
    "default": TASKS_BACKENDS[os.environ.get("DPGKIT_TASKS_BACKEND", "immediate")],
    "database": TASKS_BACKENDS["database"],
    "redis": TASKS_BACKENDS["redis"],
}
RQ_QUEUES = {
    "default": {"URL": os.environ.get("DPGKIT_REDIS_URL", "redis://127.0.0.1:6379/0")},
}
# Submissions: upload sizes and the read-only clone of a repository.
REVIEW_MAX_UPLOAD_BYTES = 5 * 1024 * 1024
REVIEW_CLONE_MAX_BYTES = int(os.environ.get("DPGKIT_CLONE_MAX_BYTES", str(500 * 1024 * 1024)))
REVIEW_CLONE_TIMEOUT_SECONDS = int(os.environ.get("DPGKIT_CLONE_TIMEOUT", "300"))
# Schemes a repository URL may use (comma-separated); tests add "file". Never add "file" on a
# public server: it would let applicants read repositories on the server's own disk.
REVIEW_CLONE_SCHEMES = env_list("DPGKIT_CLONE_SCHEMES", ["https"])
REVIEW_JOB_MAX_ATTEMPTS = 3
REVIEW_RENEWAL_DAYS = 365
REVIEW_REMINDER_DAYS = 30
REVIEW_CODE_OF_CONDUCT_URL = os.environ.get(
    "DPGKIT_CODE_OF_CONDUCT_URL", "https://github.com/dpgkit/dpgkit/blob/main/CODE_OF_CONDUCT.md"
)
# Links in notification e-mails start with this address.
REVIEW_SITE_URL = os.environ.get("DPGKIT_SITE_URL", "http://127.0.0.1:8000")
