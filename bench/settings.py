"""Settings for the benchmarks: production-like (DEBUG off, cached templates), plus the
baseline views of bench/urls.py.

Secrets default to fixed bench values so the seed and the run encrypt with the same key;
``DATABASE_URL`` chooses the bench database (never the development one by accident).
"""

import os
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "bench-" + "x" * 60)
os.environ.setdefault("FIELD_ENCRYPTION_KEY", "bench-field-encryption-key-0123456789abcdef")
os.environ.setdefault("HTTPS", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault(
    "DATABASE_URL", f"sqlite:///{Path(__file__).resolve().parent.parent / 'var' / 'bench.sqlite3'}"
)
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")

from config.settings import *  # noqa: E402, F403
from config.settings import STORAGES  # noqa: E402

DEBUG = False
ROOT_URLCONF = "bench.urls"
# Plain static storage: no collectstatic manifest needed to render pages.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each user's permissions and access profile kept between requests, as in production,
# where the cache is the Redis every process shares (here the one process's memory).
ACCESS_CACHE_SECONDS = 300
# Mails from notifications go nowhere.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
