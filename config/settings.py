"""Settings, all from environment variables with safe development defaults.

Production (DEBUG off) refuses to start without a real SECRET_KEY and FIELD_ENCRYPTION_KEY.
Every variable is listed in the README.
"""

import os
import sys
from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

TESTING = "pytest" in sys.modules
DEBUG = env.bool("DEBUG", default=False)
DEV_DEFAULTS = DEBUG or TESTING

_DEV_SECRET = "dev-insecure-0c6f8f1b2b7c4a4aa9e1-never-use-in-production-9d2f"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET if DEV_DEFAULTS else "")
FIELD_ENCRYPTION_KEY = env.str(
    "FIELD_ENCRYPTION_KEY", default="dev-field-key-not-secret" if DEV_DEFAULTS else ""
)
if not DEV_DEFAULTS:
    if not SECRET_KEY or SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("SECRET_KEY must be set to a random value of 50+ characters.")
    if not FIELD_ENCRYPTION_KEY or len(FIELD_ENCRYPTION_KEY) < 32:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEY must be set (32+ characters).")

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEV_DEFAULTS else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "template_partials.apps.SimpleAppConfig",
    "django_htmx",
    "django_tables2",
    "django_filters",
    "guardian",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    # project apps, in layer order (see DESIGN.md)
    "core",
    "org",
    "customers",
    "sales",
    "underwriting",
    "aftersales",
    "reports",
    "training",
    "appraisal",
    "payroll",
    "confidentiality",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.SessionExpiryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "confidentiality.middleware.LoginControlMiddleware",  # login hours, ranges, second factor
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.shell",
            ],
            "builtins": ["core.templatetags.core_tags"],
            "loaders": [
                (
                    "template_partials.loader.Loader",
                    [
                        (
                            "django.template.loaders.cached.Loader",
                            [
                                "django.template.loaders.filesystem.Loader",
                                "django.template.loaders.app_directories.Loader",
                            ],
                        )
                    ],
                )
            ],
        },
    }
]
FORM_RENDERER = "core.forms.BootstrapFormRenderer"

# --- database -------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        # Reads through a memory map (up to 1 GB): no copy through SQLite's small page cache,
        # which a new connection per request starts empty anyway.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA mmap_size=1073741824;"
        ),
    }
    # A file, not memory, so a real Celery worker in the integration tests sees the data.
    # (one per test run, so runs side by side don't share it).
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # No JIT compilation: a dashboard's statements cost enough to cross PostgreSQL's JIT
        # threshold yet run in well under a second, so compiling them took longer than
        # running them (the team dashboard: 3.0 s with JIT, 1.2 s without; bench/).
        DATABASES["default"].setdefault("OPTIONS", {})
        DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- auth and security ----------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, with each user's permission set kept in the shared cache.
    "core.backends.CachedPermissionBackend",
    "guardian.backends.ObjectPermissionBackend",
]
ANONYMOUS_USER_NAME = None  # guardian: no anonymous user row
GUARDIAN_MONKEY_PATCH_USER = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# django-axes: lock the account (by username, never by address alone: an office shares one
# address) after 5 failures within 15 minutes, for 30 minutes. See core.security.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_HANDLER = "core.security.WindowedLockoutHandler"
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_FAILURE_WINDOW = timedelta(minutes=env.int("LOGIN_FAILURE_WINDOW_MINUTES", default=15))
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=30))
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.security.lockout_response"
AXES_VERBOSE = False
# Two-factor sign-in (django-otp, confidentiality.services.login): the name authenticator
# apps show beside the account.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Inside-Sales")

SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_COOKIE_AGE = env.int("SESSION_MAX_HOURS", default=12) * 3600
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

HTTPS = env.bool("HTTPS", default=not DEV_DEFAULTS)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if env.bool("BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    }
}

# Uploads: capped, and each use declares the kinds it accepts (core.uploads).
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_MB", default=10) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Training videos (online learning) are larger than papers and photos.
VIDEO_UPLOAD_MAX_BYTES = env.int("VIDEO_UPLOAD_MAX_MB", default=500) * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# --- i18n -----------------------------------------------------------------------------
LANGUAGE_CODE = env.str("LANGUAGE_CODE", default="zh-hant")
LANGUAGES = [("zh-hant", "繁體中文"), ("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Shanghai")
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

# --- static and media -----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
PRIVATE_MEDIA_URL = None  # files are served only through permission-checked views
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEV_DEFAULTS
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# --- e-mail ---------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="insidesales@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Absolute links in mails (notifications sent by email point back to the application).
SITE_URL = env.str("SITE_URL", default="http://localhost:8000")
COMPANY_NAME = env.str("COMPANY_NAME", default="")

# --- Celery ---------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
_celery_dir = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # Longer than the longest task, so a slow task is not redelivered while it runs; a
    # message whose worker died unacknowledged is delivered again after it.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=4 * 3600),
        # Look for such messages every so many seconds (kombu's default scans only every
        # tenth look, about every 100 s).
        "unacked_restore_interval": env.int("CELERY_RESTORE_INTERVAL", default=10),
        "unacked_restore_throttle": 1,
    }
else:
    # Embedded mode: no Redis; the worker and beat share a folder as their queue.
    for sub in ("queue", "processed", "control"):
        (_celery_dir / sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_celery_dir / "queue"),
        "data_folder_out": str(_celery_dir / "queue"),
        "processed_folder": str(_celery_dir / "processed"),
        "control_folder": str(_celery_dir / "control"),
        "store_processed": False,
    }

# --- cache ----------------------------------------------------------------------------
# With Redis, one cache for every web and worker process: a list's remembered count, My
# work's total and the company parameters are forgotten everywhere when they change.
# Without it (the one-command SQLite mode), each process keeps its own in memory.
CACHE_URL = env.str("CACHE_URL", default=REDIS_URL)
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="insidesales"),
        }
    }

# How long each user's permission set and access profile are kept in the cache
# (core.permissions; any change to roles, groups, teams or employees forgets them at once).
# Only with a cache every process shares: in per-process memory a change made through one
# process would not reach the others. The tests run in one process per database.
ACCESS_CACHE_SECONDS = env.int("ACCESS_CACHE_SECONDS", default=300 if CACHE_URL or TESTING else 0)

CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=TESTING)
# Retries of a job after an error a retry can get past (core.jobs): the first waits about
# this many seconds, each next one twice as long, at most 10 minutes.
JOB_RETRY_BACKOFF = env.int("JOB_RETRY_BACKOFF_SECONDS", default=30)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 50 * 60
CELERY_TASK_TIME_LIMIT = 60 * 60
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_QUEUE", default="insidesales")
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_WORKER_HIJACK_ROOT_LOGGER = False


def cron(name, default):
    """A crontab from env CRON_<NAME> ("minute hour day month weekday"), else the default."""
    value = env.str(f"CRON_{name}", default=default).split()
    if len(value) != 5:
        raise ImproperlyConfigured(f"CRON_{name} must have five fields, got {value!r}")
    minute, hour, day, month, weekday = value
    return crontab(
        minute=minute, hour=hour, day_of_month=day, month_of_year=month, day_of_week=weekday
    )


# Each app's scheduled jobs. Times are in TIME_ZONE and can be changed with CRON_<NAME>.
CELERY_BEAT_SCHEDULE = {
    "org-sync-calendar": {
        # the State Council publishes next year's schedule in the autumn
        "task": "org.tasks.sync_calendar",
        "schedule": cron("SYNC_CALENDAR", "0 4 1 12 *"),
    },
    "training-close-online-tests": {
        "task": "training.tasks.close_due_online_tests",
        "schedule": cron("ONLINE_TESTS", "*/5 * * * *"),
    },
    # Hourly: what the scheduled jobs should have produced by now exists (core.reconcile).
    "reconcile": {
        "task": "core.tasks.reconcile",
        "schedule": cron("RECONCILE", "5 * * * *"),
    },
    "clear-expired-sessions": {
        "task": "core.tasks.clear_expired_sessions",
        "schedule": cron("CLEAR_SESSIONS", "15 3 * * *"),
    },
    "underwriting-overdue-applications": {
        "task": "underwriting.tasks.notify_overdue_applications",
        "schedule": cron("UNDERWRITING_OVERDUE", "0 9 * * *"),
    },
    "underwriting-premium-schedules": {
        "task": "underwriting.tasks.extend_premium_schedules",
        "schedule": cron("PREMIUM_SCHEDULES", "30 2 1 * *"),
    },
    "aftersales-renewal-reminders": {
        "task": "aftersales.tasks.send_renewal_reminders",
        "schedule": cron("RENEWAL_REMINDERS", "0 8 * * *"),
    },
    "aftersales-follow-ups": {
        "task": "aftersales.tasks.chase_follow_ups",
        "schedule": cron("FOLLOW_UPS", "30 8 * * *"),
    },
    "aftersales-deadlines": {
        "task": "aftersales.tasks.escalate_overdue",
        "schedule": cron("AFTERSALES_DEADLINES", "0 9 * * *"),
    },
    "confidentiality-agreement-reminders": {
        "task": "confidentiality.tasks.send_agreement_reminders",
        "schedule": cron("AGREEMENT_REMINDERS", "15 8 * * *"),
    },
    "confidentiality-review-access-logs": {
        "task": "confidentiality.tasks.review_access_logs",
        "schedule": cron("ACCESS_REVIEW", "30 6 * * *"),
    },
    "confidentiality-prune-logs": {
        "task": "confidentiality.tasks.prune_logs",
        "schedule": cron("LOG_PRUNING", "45 2 * * *"),
    },
    "confidentiality-destruction-candidates": {
        "task": "confidentiality.tasks.list_destruction_candidates",
        "schedule": cron("DESTRUCTION_CANDIDATES", "30 2 * * *"),
    },
    "confidentiality-leavers-accounts": {
        # just after midnight: a leaver's account is closed on the leaving date
        "task": "confidentiality.tasks.close_leavers_accounts",
        "schedule": cron("LEAVERS_ACCOUNTS", "5 0 * * *"),
    },
    "training-certificate-expiry": {
        "task": "training.tasks.qualifications.send_certificate_expiry_reminders",
        "schedule": cron("CERTIFICATE_EXPIRY", "0 8 * * *"),
    },
    "aftersales-policy-filing": {
        "task": "aftersales.tasks.check_policy_files",
        "schedule": cron("POLICY_FILING", "0 6 * * 1"),
    },
    "training-mandatory-reminders": {
        "task": "training.tasks.sessions.send_mandatory_reminders",
        "schedule": cron("TRAINING_MANDATORY", "0 7 * * *"),
    },
    "appraisal-reminders": {
        "task": "appraisal.tasks.send_appraisal_reminders",
        "schedule": cron("APPRAISAL_REMINDERS", "0 8 * * *"),
    },
    # Reports: daily after the working day, weekly on Monday morning, monthly on the 1st.
    "reports-daily": {
        "task": "reports.tasks.scheduled_report",
        "schedule": cron("REPORT_DAILY", "30 19 * * *"),
        "args": ("day",),
    },
    "reports-weekly": {
        "task": "reports.tasks.scheduled_report",
        "schedule": cron("REPORT_WEEKLY", "0 7 * * 1"),
        "args": ("week",),
    },
    "reports-monthly": {
        "task": "reports.tasks.scheduled_report",
        "schedule": cron("REPORT_MONTHLY", "0 6 1 * *"),
        "args": ("month",),
    },
}

# --- logging --------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}

# --- app settings ---------------------------------------------------------------------
DJANGO_TABLES2_TEMPLATE = "core/table.html"
DJANGO_TABLES2_PAGE_RANGE = 8
PAGE_SIZES = (25, 50, 100)

# Locking by username alone is deliberate (an office shares one address): see core.security.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

# django-filter: an unselected filter reads "All", not "---------".
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("All")
