"""Production: PostgreSQL, gunicorn, whitenoise, the task worker (README "Production")."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")  # noqa: F405  (required: no default in production)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)  # noqa: F405
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Persistent connections: a per-database setting (a top-level CONN_MAX_AGE does nothing).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
MAILERS = mailers_from_env("django.core.mail.backends.smtp.EmailBackend")  # noqa: F405
# Links in emails: MITRA_SITE_URL, else the first allowed host over HTTPS.
MITRA_SITE_URL = env(  # noqa: F405
    "MITRA_SITE_URL",
    default=f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else "",  # noqa: F405
).rstrip("/")
# A second factor is required of operators and the TPOA secretariat (ADR 0017).
MITRA["MFA_REQUIRED"] = env.bool("MITRA_MFA_REQUIRED", default=True)  # noqa: F405
