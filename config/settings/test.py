"""The test suite: SQLite by default, PostgreSQL when DATABASE_URL is set."""

import os

from .base import *  # noqa: F403
from .base import HUEY, VAR_DIR, env_bool

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / "test-media" / str(os.getpid())
# Tasks run inline, unless a process of an integration test asks for the real queue
# (HUEY_IMMEDIATE=0: enqueue into Redis or SQLite, and a consumer runs them).
HUEY = {**HUEY, "immediate": env_bool("HUEY_IMMEDIATE", True)}
if "filename" in HUEY:
    HUEY["filename"] = str(VAR_DIR / f"huey-test-{os.getpid()}.sqlite3")
LANGUAGE_CODE = "id"
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise.")]  # noqa: F405
# Throttling is switched on by the tests that are about it (the test client's login() does
# not pass a request, which django-axes needs).
AXES_ENABLED = False
# Each test starts with an empty cache of its own process (tests/conftest.py clears it); the
# Redis of REDIS_URL also holds the huey queue of the integration tests, never cleared here.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
