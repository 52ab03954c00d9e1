"""Benchmarks: production-like (DEBUG off) against their own database.

SQLite by default (var/bench.sqlite3); set DATABASE_URL for PostgreSQL.
"""

import os

from .base import *  # noqa: F403
from .base import SQLITE_OPTIONS, VAR_DIR

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
if not os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "bench.sqlite3",
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    }
HUEY = {"huey_class": "huey.MemoryHuey", "name": "bench", "immediate": False}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
