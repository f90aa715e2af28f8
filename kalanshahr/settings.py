"""Kalanshahr settings, read from the environment.

Every variable is documented in `.env.example`. Development turns DEBUG on (`make run` does);
anything else is production and must name its secret key and hosts explicitly.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from kalanshahr.lib import envfile

BASE_DIR = Path(__file__).resolve().parent.parent
# The production configuration keeps its variables in .env (ENV_FILE names another file); the environment wins.
envfile.load(os.environ.get("ENV_FILE", BASE_DIR / ".env"))


def envbool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def envint(name, default):
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def envlist(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production needs an explicit secret key (see .env.example); "
            "set DEBUG=1 for development."
        )
    SECRET_KEY = "insecure-development-key-only-used-when-debug-is-on"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is not set. Production needs the host names it serves (see .env.example).")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django_tasks",
    "django_tasks_db",
    "django.forms",  # Django's own widget templates, found by the project's template engine (FORM_RENDERER)
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "captcha",
    "axes",
    "kalanshahr.network",
    "kalanshahr.meetings",
    "kalanshahr.strategy",
    "kalanshahr.benchmarking",
    "kalanshahr.ideas",
    "kalanshahr.portal",
    "kalanshahr.surveys",
    "kalanshahr.workspace",
    "kalanshahr.ops",
    "django.contrib.sitemaps",
    "django.contrib.syndication",
]

MIDDLEWARE = [
    # First, so that its time and query count cover everything the request does.
    "kalanshahr.lib.requestlog.RequestLogMiddleware",
    # Before anything reads the database (sessions, the user): decides whether this request reads the primary.
    "kalanshahr.lib.dbrouter.ReadYourWritesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "kalanshahr.lib.middleware.RejectNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kalanshahr.lib.middleware.DomainErrorMiddleware",
    "kalanshahr.lib.middleware.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the response of AXES_LOCKOUT_CALLABLE.
    "axes.middleware.AxesMiddleware",
]

# Brute force on sign-in (the login page, the admin's and the API token endpoint): after
# AXES_FAILURE_LIMIT wrong passwords for one username from one address, that pair is refused for
# AXES_COOLOFF_TIME, even with the right password. Locking the pair, not the username alone, keeps a
# stranger from locking a colleague out from elsewhere.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "kalanshahr.lib.lockout.locked_out"
AXES_VERBOSE = False

ROOT_URLCONF = "kalanshahr.urls"
WSGI_APPLICATION = "kalanshahr.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "kalanshahr" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kalanshahr.lib.context_processors.today",
                "kalanshahr.workspace.menu.main_menu",
            ],
            "builtins": ["kalanshahr.lib.templatetags"],
        },
    }
]

# SQLite is the embedded default. WAL lets readers work while one writer commits; IMMEDIATE
# transactions take the write lock up front so two writers queue on the busy timeout instead of
# failing with "database is locked" halfway through a transaction.
SQLITE_PATH = os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3"))
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
# Behind PgBouncer in transaction mode (DATABASE_POOLER=pgbouncer) a server connection changes hands between
# transactions: no server-side cursors (a cursor would outlive its transaction) and no persistent connections
# (PgBouncer keeps the pool; Django's own would only hold pooler slots).
PGBOUNCER = os.environ.get("DATABASE_POOLER", "").lower() == "pgbouncer"
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=0 if PGBOUNCER else 60,
                                                  conn_health_checks=True)}
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = PGBOUNCER
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": SQLITE_PATH, "OPTIONS": SQLITE_OPTIONS}}

# A streaming replica of the PostgreSQL primary takes the reads (lib/dbrouter.py): writes, reads inside a
# transaction and a person's reads for a few seconds after they wrote stay on the primary; a replica that is
# down or lags past REPLICA_MAX_LAG seconds is left out until it catches up.
REPLICA_MAX_LAG = float(os.environ.get("REPLICA_MAX_LAG", "5"))
REPLICA_CHECK_SECONDS = float(os.environ.get("REPLICA_CHECK_SECONDS", "2"))
READ_YOUR_WRITES_SECONDS = envint("READ_YOUR_WRITES_SECONDS", 10)
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"], conn_max_age=60,
                                                 conn_health_checks=True)
    # The tests reach the replica's rows through the primary's test database (the replica follows it).
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["kalanshahr.lib.dbrouter.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache: each process's own memory by default (one process, as `make run` serves); CACHE_URL
# (redis://127.0.0.1:6379/0) selects a Redis shared by every app server, through Django's own RedisCache, so a
# page fragment stored by one server is read by the others. SESSION_ENGINE=cache keeps sessions there too
# (cached_db, which also writes them to the database, is the safe choice when Redis is not persistent).
if os.environ.get("CACHE_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["CACHE_URL"],
                          "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "kalanshahr")}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_ENGINE = {"cache": "django.contrib.sessions.backends.cache",
                  "cached_db": "django.contrib.sessions.backends.cached_db"}.get(
    os.environ.get("SESSION_ENGINE", ""), "django.contrib.sessions.backends.db")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workspace:my_tasks"  # a person lands on what waits for them
LOGOUT_REDIRECT_URL = "home"

# Persian first. Unprefixed URLs are Persian; English lives under /en/.
LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", "فارسی"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "kalanshahr" / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Tehran")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "kalanshahr" / "static", BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Private uploads (idea attachments) sit outside MEDIA_ROOT and are served only by views that check access.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names in production, gzip and Brotli copies too unless STATIC_COMPRESS=0 (the compression is
        # most of collectstatic's 20-odd seconds; the test of the production processes leaves it out).
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or envbool("TESTING", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage" if envbool("STATIC_COMPRESS", True)
            else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "kalanshahr@localhost")

# Production hardening; `manage.py check --deploy` passes with no warnings when DEBUG is off.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
# A load balancer asks for /health/ over plain HTTP on the private network: it is answered, not redirected.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", not DEBUG)
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
if envbool("BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an anonymous request is answered 401 with a WWW-Authenticate header.
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "kalanshahr.lib.api.Pagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "kalanshahr.lib.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kalanshahr API",
    "DESCRIPTION": "The REST API of the metropolitan municipalities network. Errors have one shape: "
                   '{"error": {"code", "message_fa", "message_en"}}.',
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the installed sidecar package: no CDN on closed networks.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # The default hook turns choices into enums; ours documents the error responses of every operation.
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "kalanshahr.lib.api.document_errors"],
    "ENUM_NAME_OVERRIDES": {
        "ResolutionStateEnum": "kalanshahr.meetings.models.ResolutionState",
        "AdoptionStatusEnum": "kalanshahr.meetings.models.AdoptionStatus",
        "CommitmentStatusEnum": "kalanshahr.meetings.models.CommitmentStatus",
        "SchemeKindEnum": "kalanshahr.benchmarking.models.SchemeKind",
    },
}

# Reminders: how many days ahead a commitment counts as due soon; and how many days after the approval a city's
# adoption may stay pending before its editors are reminded in the daily digest.
REMINDER_DAYS = envint("REMINDER_DAYS", 7)
ADOPTION_REMINDER_DAYS = envint("ADOPTION_REMINDER_DAYS", 7)
# Ideas: completed expert reviews a decision needs, and days an expert has for a review before it is overdue.
IDEA_REQUIRED_REVIEWS = envint("IDEA_REQUIRED_REVIEWS", 2)
IDEA_REVIEW_DAYS = envint("IDEA_REVIEW_DAYS", 14)

# Comments: at most this many per address (or per account) in this many minutes.
COMMENT_RATE_LIMIT = envint("COMMENT_RATE_LIMIT", 5)
COMMENT_RATE_MINUTES = envint("COMMENT_RATE_MINUTES", 10)
# Survey answers without a token: at most SURVEY_RATE_LIMIT from one address within SURVEY_RATE_MINUTES (an office's
# shared connection may carry many people's answers, hence more than for comments).
SURVEY_RATE_LIMIT = envint("SURVEY_RATE_LIMIT", 30)
SURVEY_RATE_MINUTES = envint("SURVEY_RATE_MINUTES", 10)

# Widgets render through the project's template engine, so that templates/ can override a library's widget (the
# captcha's); Django's default renderer only looks inside the installed apps.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# The captcha asks a small sum in digits (Persian digits are accepted); the image is drawn locally, large enough to
# read, and the same question is given in words for screen readers (lib/captcha.py).
CAPTCHA_CHALLENGE_FUNCT = "kalanshahr.lib.captcha.sum_challenge"
CAPTCHA_FONT_SIZE = 34
CAPTCHA_LETTER_ROTATION = (-20, 20)
CAPTCHA_TIMEOUT = 10
# Only the test suite turns this on: the answer "passed" then solves any captcha.
CAPTCHA_TEST_MODE = envbool("CAPTCHA_TEST_MODE", False)

# Days after a reporting period ends by which its data is due; later it is overdue.
DATA_GRACE_DAYS = envint("DATA_GRACE_DAYS", 20)

# Background tasks (django-tasks, the backport of Django's own tasks framework): e-mails leave the request. In
# production they wait in the database for `manage.py run_worker`; `make run` and the test suite run them at once
# (TASKS_BACKEND names another backend). A task still "running" after TASK_STALE_SECONDS was left by a worker
# that died: the next worker to start takes it again.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND") or (
    "django_tasks.backends.immediate.ImmediateBackend" if DEBUG else "django_tasks_db.DatabaseBackend")}}
TASK_STALE_SECONDS = envint("TASK_STALE_SECONDS", 600)
# /health/ says "degraded" when a task has waited longer than this: no worker is taking them.
TASK_QUEUE_MAX_WAIT = envint("TASK_QUEUE_MAX_WAIT", 300)
# A measurement file larger than this is imported by the task worker, the page showing its progress; a smaller
# one is checked and confirmed inside the request (strategy/imports.py). 2 MB is about 40,000 rows.
IMPORT_BACKGROUND_BYTES = envint("IMPORT_BACKGROUND_BYTES", 2_000_000)

# Prometheus metrics at /metrics/ for a scraper sending "Authorization: Bearer METRICS_TOKEN" (ops/metrics.py);
# without a token there is no such page.
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
# One JSON line per request (lib/requestlog.py) on the "kalanshahr.requests" logger, plain on standard output
# so that journald or the collector reads each line whole; on by default in production.
LOG_REQUESTS = envbool("LOG_REQUESTS", not DEBUG and not envbool("TESTING", False))
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"bare": {"format": "%(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler"},
                 "requests": {"class": "logging.StreamHandler", "formatter": "bare",
                              "stream": "ext://sys.stdout"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # django-axes logs every sign-in at INFO, WeasyPrint and fontTools every step of
    # every document; their warnings are what matter.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"},
                "fontTools": {"level": "WARNING"},
                "kalanshahr.requests": {"handlers": ["requests"], "level": "INFO", "propagate": False}},
}

# Demo logins share one password; `make run` prints it. Never load the demo on a production site.
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "kalanshahr-demo")
