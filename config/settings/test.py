"""Tests: fast hashing, in-memory email, immediate tasks, no network."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Per-process cache; the public page cache is off (tests that check it turn it on and clear it).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "throttle": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "throttle",
    },
}
MITRA["PUBLIC_PAGE_CACHE_SECONDS"] = 0  # noqa: F405
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
# TEST_DATABASE_URL selects PostgreSQL for the second pass of `make test`.
if env("TEST_DATABASE_URL", default=""):  # noqa: F405
    DATABASES = {"default": env.db("TEST_DATABASE_URL")}  # noqa: F405
    DATABASES["default"]["ATOMIC_REQUESTS"] = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
