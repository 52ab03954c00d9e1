"""The test suite: SQLite by default, PostgreSQL when DATABASE_URL is set."""

import os

from .base import *  # noqa: F403
from .base import HUEY, VAR_DIR

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / "test-media" / str(os.getpid())
# Tasks run inline unless a test asks for a real queue.
HUEY = {**HUEY, "immediate": True}
if "filename" in HUEY:
    HUEY["filename"] = str(VAR_DIR / f"huey-test-{os.getpid()}.sqlite3")
LANGUAGE_CODE = "id"
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise.")]  # noqa: F405
