"""Test settings: the product's own, with a throw-away data folder and tasks run at once."""

import os
import tempfile

os.environ.setdefault("HOINGHI_DATA_DIR", tempfile.mkdtemp(prefix="hoinghi-test-"))
os.environ.setdefault("HOINGHI_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")

from hoinghi.settings import *  # noqa: E402,F403

# The product hashes with PBKDF2; tests create many accounts and need not pay for it.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# A file, not SQLite's shared in-memory database: concurrent-write tests need real locking and WAL.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}  # noqa: F405

# The apps' static folders as they are, as in development: production's hashed names need `collectstatic`
# (tests/test_static_files.py runs it and checks what it writes).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True
