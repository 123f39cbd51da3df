"""Settings shared by every environment. Values that differ come from the environment."""

from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from mitra.core.country_names import country_names_override

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-dev-key-change-me-0123456789abcdef")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",  # operators' back office (ADR 0008)
    "django.contrib.auth",
    "django.contrib.contenttypes",  # audit events point at any record
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # intcomma in dashboards
    "rest_framework",  # API v1 (ADR 0005)
    "django_otp",  # second factor: TOTP devices and recovery codes (ADR 0017)
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # recovery codes, each used once
    "drf_spectacular",  # OpenAPI schema at /api/v1/schema/
    "drf_spectacular_sidecar",  # Redoc served from our static files, not a CDN
    "django_filters",  # list filters in the API
    "django_countries",  # ISO 3166 countries
    "django_htmx",  # request.htmx for partial rendering
    "django_tasks_db",  # database backend of django.tasks (ADR 0009)
    "mitra.core",
    "mitra.accounts",
    "mitra.audit",
    "mitra.regions",
    "mitra.bodies",
    "mitra.grants",  # visibility grants: read rights by role, with their legal basis (ADR 0015)
    "mitra.organizations",
    "mitra.agreements",
    "mitra.notifications",  # the event registry, in-app notices, email (issue 9)
    "mitra.jobs",  # long work in the task worker with a progress page (docs/dev/jobs.md)
    "mitra.deadlines",  # working days, due dates, reminders, calendar feeds
    "mitra.meetings",  # TPOA deliberations, rakor, signings, monev visits
    "mitra.permits",  # TPOA licensing: izin prinsip, reviews, decisions, izin operasional
    "mitra.sanctions",  # sanction cases (domain.md §3.9)
    "mitra.staff",  # foreign staff as people: requests, N9 limits (issue 15 §2)
    "mitra.workplans",  # RIK/RKT and activities
    "mitra.monitoring",  # reports, disclosures, monitoring visits, compliance
    "mitra.iati",  # IATI import, matching and cross-check (issue 17, docs/dev/iati.md)
    "mitra.risk",  # risk indicators per organization, the supervisor's list (docs/dev/risk.md)
    "mitra.intake",
    "mitra.dashboard",
    "mitra.portal",
    "mitra.api",
    "mitra.demo",  # load_demo: the canonical story and demo users
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",  # serves static files in production
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",  # /id/ and /en/ prefixes, Accept-Language
    # 400 for control characters (NUL…) in queries and submitted text (issue 13 §4).
    "mitra.core.middleware.ControlCharactersMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Deny by default: every view needs a login unless marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Idle timeout and absolute lifetime of a session; a second factor where one is set up or
    # required (ADR 0017). After authentication and messages.
    "mitra.accounts.middleware.SessionPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",  # built-in CSP (Django 6)
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "mitra" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers proceed while one writer commits; a single office's load fits.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
DATABASES["default"]["ATOMIC_REQUESTS"] = False  # services own their transactions
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every process (gunicorn workers, the task worker): public pages
# (mitra.core.cache) and login throttling rely on it. Redis when REDIS_URL is set, else the
# database table "mitra_cache" (created by core's migration 0002 and `manage.py createcachetable`).
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "mitra",
            # Seconds: a Redis that hangs must not hold a request.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
        # Sign-in counters apart from the page cache: no flood of cached pages may evict a
        # lock (accounts.throttle).
        "throttle": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "mitra-throttle",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "mitra_cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        # Its own table: culling the page cache (anyone can add pages by varying a query)
        # never drops a sign-in lock; entries are tiny and expire with the lock.
        "throttle": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "mitra_throttle",
            "OPTIONS": {"MAX_ENTRIES": 1_000_000},
        },
    }

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # "zzzzzzzzzzzz": one character repeated is refused too (issue 14 §1).
    {"NAME": "mitra.accounts.validators.RepeatedCharacterValidator"},
]
# Sessions (issue 14 §3): at most SESSION_COOKIE_AGE seconds after sign-in, however active (the
# middleware enforces it: Django's own expiry slides with every save), and signed out after
# MITRA["SESSION_IDLE_MINUTES"] without a request.
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=12 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
PASSWORD_RESET_TIMEOUT = env.int("DJANGO_PASSWORD_RESET_TIMEOUT", default=60 * 60)
OTP_TOTP_ISSUER = "Mitra"
# django-otp's own per-device back-off is off: the sign-in throttle (mitra.accounts.throttle)
# counts wrong codes with wrong passwords, per username and address, across workers.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
OTP_ADMIN_HIDE_SENSITIVE_DATA = True  # operators see devices in the admin, never their keys

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One date format per language, "17 Maret 2021" / "17 March 2021": config/formats/<lang>/.
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
# Country names from the Unicode CLDR (Babel) in the active language; django-countries keeps the
# codes and choices (mitra/core/country_names.py).
COUNTRIES_OVERRIDE = country_names_override()
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "mitra" / "static", ("vendor", BASE_DIR / "node_modules")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = Path(env("MITRA_MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "media/"

SECURE_CSP: dict[str, list[str]] = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "mitra.api.authentication.ApiTokenAuthentication",  # named, expiring (ADR 0017)
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "mitra.api.schema.MitraAutoSchema",  # PUBLIC: security []
    "DEFAULT_PAGINATION_CLASS": "mitra.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "mitra.api.exception_handlers.api_exception_handler",
    # A JSON body must be an object (`null` or `[]` is a 400, not a 500 deeper down).
    "DEFAULT_PARSER_CLASSES": [
        "mitra.api.parsers.ObjectJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Mitra API",
    "DESCRIPTION": (
        "Cooperation between the Indonesian government and foreign organizations.\n\n"
        "Authenticate with a token from `POST /api/v1/auth/token/` sent as "
        "`Authorization: Token <token>`. You see and change what the web interface lets you "
        "see and change; records outside your scope answer 404. Every error has the shape "
        '`{"message": "...", "extra": {"field": ["..."]}}`; a refused write changes nothing. '
        "Messages follow `Accept-Language` (`id` by default, or `en`)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "REDOC_DIST": "SIDECAR",
    # One URL may be served by one API class per method (mitra.api.v1.base.route).
    "DEFAULT_GENERATOR_CLASS": "mitra.api.schema.MitraSchemaGenerator",
    # `<id:pk>` (mitra.api.converters.IdConverter): a BigAutoField id, 1..2**63-1.
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}},
    # Several models have a `kind` or `status`; name each enum after its model.
    "ENUM_NAME_OVERRIDES": {
        "AgreementStatusEnum": "mitra.agreements.models.Agreement.Status",
        "OrganizationStatusEnum": "mitra.organizations.models.ForeignOrganization.Status",
        "OrganizationKindEnum": "mitra.organizations.models.ForeignOrganization.Kind",
        "BodyKindEnum": "mitra.bodies.models.GovernmentBody.Kind",
        "RegencyKindEnum": "mitra.regions.models.Regency.Kind",
        "DocumentKindEnum": "mitra.agreements.models.AgreementDocument.Kind",
        "WorkPlanStatusEnum": "mitra.workplans.models.WorkPlan.Status",
        "WorkPlanKindEnum": "mitra.workplans.models.WorkPlan.Kind",
        "ActivityStatusEnum": "mitra.workplans.models.Activity.Status",
        "ReportStatusEnum": "mitra.monitoring.models.Report.Status",
        "ReportKindEnum": "mitra.monitoring.models.Report.Kind",
        "FollowUpStatusEnum": "mitra.monitoring.models.FollowUpItem.Status",
        "FindingSeverityEnum": "mitra.monitoring.models.Finding.Severity",
        "PermitApplicationStatusEnum": "mitra.permits.models.Application.Status",
        "PermitApplicationKindEnum": "mitra.permits.models.Application.Kind",
        "PermitStatusEnum": "mitra.permits.models.Permit.Status",
        "IzinOperasionalStatusEnum": "mitra.permits.models.IzinOperasional.Status",
        "ForeignStaffStatusEnum": "mitra.permits.models.ForeignStaffAssignment.Status",
        "PermitReviewStateEnum": "mitra.permits.models.AgencyReview.State",
        "MeetingStatusEnum": "mitra.meetings.models.Meeting.Status",
        "MeetingKindEnum": "mitra.meetings.models.Meeting.Kind",
        "MeetingModeEnum": "mitra.meetings.models.Meeting.Mode",
        "MeetingAttendeeRoleEnum": "mitra.meetings.models.Attendee.Role",
        "SanctionCaseStatusEnum": "mitra.sanctions.models.SanctionCase.Status",
        "SanctionCaseSourceEnum": "mitra.sanctions.models.SanctionCase.Source",
        "DeadlineRuleKindEnum": "mitra.deadlines.models.DeadlineRule.Kind",
        "DeadlineRuleDirectionEnum": "mitra.deadlines.models.DeadlineRule.Direction",
    },
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# Email (Django 6.1 mailers; EMAIL_BACKEND and the other EMAIL_* settings are deprecated).
# DJANGO_EMAIL_BACKEND picks the backend: console here (mail is printed), SMTP in production.
# With SMTP, DJANGO_EMAIL_HOST, _PORT, _HOST_USER, _HOST_PASSWORD, _USE_TLS, _USE_SSL and
# _TIMEOUT say where to.
def mailers_from_env(default_backend: str) -> dict:
    backend = env("DJANGO_EMAIL_BACKEND", default=default_backend)
    use_tls = env.bool("DJANGO_EMAIL_USE_TLS", default=False)
    use_ssl = env.bool("DJANGO_EMAIL_USE_SSL", default=False)
    smtp = {
        "host": env("DJANGO_EMAIL_HOST", default="localhost"),
        "port": env.int("DJANGO_EMAIL_PORT", default=465 if use_ssl else 587 if use_tls else 25),
        "username": env("DJANGO_EMAIL_HOST_USER", default=""),
        "password": env("DJANGO_EMAIL_HOST_PASSWORD", default=""),
        "use_tls": use_tls,
        "use_ssl": use_ssl,
        # Seconds: a mail server that hangs must not hold a worker (reminders, invitations).
        "timeout": env.int("DJANGO_EMAIL_TIMEOUT", default=30),
    }
    # Django's SMTP backend (or a subclass named so); other backends take no such options.
    options = smtp if backend.endswith("smtp.EmailBackend") else {}
    return {"default": {"BACKEND": backend, "OPTIONS": options}}


MAILERS = mailers_from_env("django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="mitra@localhost")
# Where Mitra is reached from outside: the links in emails start with it (no trailing slash).
MITRA_SITE_URL = env("MITRA_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Domain configuration: policy switches and limits (rules domain.md marks as uncertain are
# settings with documented defaults). Legal periods are not here: every one is a versioned
# deadline rule (mitra.deadlines, edited in the admin with its effective date).
MITRA = {
    # Upload limit for agreement documents, in bytes.
    "DOCUMENT_MAX_BYTES": env.int("MITRA_DOCUMENT_MAX_BYTES", default=20 * 1024 * 1024),
    # Days before a deadline when reminders go out (email and in-app), largest first.
    "REMINDER_OFFSETS_DAYS": env.list(
        "MITRA_REMINDER_OFFSETS_DAYS", cast=int, default=[90, 60, 30, 7, 1]
    ),
    # Days after an unmet deadline during which the daily job still sends its one overdue
    # notice (older ones stay listed as overdue, but a first run sends no burst of notices).
    "OVERDUE_NOTICE_DAYS": env.int("MITRA_OVERDUE_NOTICE_DAYS", default=7),
    # Sanction ladder: "current" (UU 16/2017: one written warning, 7 working days) or "legacy"
    # (UU 17/2013 original: three tiered warnings of 30 days each). domain.md §3.9, N10.
    "SANCTION_LADDER": env("MITRA_SANCTION_LADDER", default="current"),
    # N3/N4: an agreement with an ormas asing needs a valid izin prinsip over its period to be
    # signed or activated. "refuse" (default) refuses it; "warn" lets it through with a warning,
    # for migrating legacy records. Either way it is flagged and listed for the secretariat.
    "IZIN_PRINSIP_COVER": env("MITRA_IZIN_PRINSIP_COVER", default="refuse"),
    # Key of the government body that is the TPOA secretariat (Kemlu).
    "TPOA_SECRETARIAT": env("MITRA_TPOA_SECRETARIAT", default="kemlu"),
    # Keys of the TPOA member agencies: statutory members (PP 59/2016 Ps 5(1)) plus practice;
    # technical ministries are added per application. The one source: licensing (reviews) and
    # the visibility grant "tpoa.ormas_asing" (ADR 0015) both read it from here.
    "TPOA_MEMBERS": env.list(
        "MITRA_TPOA_MEMBERS",
        default=["kemlu", "kemhan", "kemendagri", "kemenkeu", "kemensetneg", "polri", "bin"],
    ),
    # Input bounds (issue 13 §4): every date typed into a form or sent to the API lies in this
    # range, so date arithmetic (start + duration) never overflows and no record is dated 1538.
    "DATE_MIN": date(1900, 1, 1),
    "DATE_MAX": date(2100, 12, 31),
    # Documents (issue 13 §1): a DOCX or ODT is a zip; its directory is judged before anything
    # is read: all members unpacked together, any one member, how many, and the inflation
    # ratio (uncompressed / compressed, for the whole and for any member over 1 MB).
    "DOCUMENT_ZIP_MAX_UNCOMPRESSED_BYTES": env.int(
        "MITRA_DOCUMENT_ZIP_MAX_UNCOMPRESSED_BYTES", default=100 * 1024 * 1024
    ),
    "DOCUMENT_ZIP_MAX_MEMBER_BYTES": env.int(
        "MITRA_DOCUMENT_ZIP_MAX_MEMBER_BYTES", default=50 * 1024 * 1024
    ),
    "DOCUMENT_ZIP_MAX_MEMBERS": env.int("MITRA_DOCUMENT_ZIP_MAX_MEMBERS", default=2000),
    "DOCUMENT_ZIP_MAX_RATIO": env.int("MITRA_DOCUMENT_ZIP_MAX_RATIO", default=100),
    # Imports of activities and reports (issue 13 §1; docs/intake.md "Imports"). The request
    # only stores the upload (at most IMPORT_MAX_BYTES); the task worker reads it within these
    # hard limits and stops with a clear error at the first one passed.
    "IMPORT_MAX_BYTES": env.int("MITRA_IMPORT_MAX_BYTES", default=5 * 1024 * 1024),
    # XLSX (a zip): unpacked size of all parts, of any one part, number of parts, inflation
    # ratio; the shared-strings part, which the reader holds in memory whole.
    "IMPORT_MAX_UNCOMPRESSED_BYTES": env.int(
        "MITRA_IMPORT_MAX_UNCOMPRESSED_BYTES", default=60 * 1024 * 1024
    ),
    "IMPORT_MAX_MEMBER_BYTES": env.int("MITRA_IMPORT_MAX_MEMBER_BYTES", default=40 * 1024 * 1024),
    "IMPORT_MAX_MEMBERS": env.int("MITRA_IMPORT_MAX_MEMBERS", default=200),
    "IMPORT_MAX_RATIO": env.int("MITRA_IMPORT_MAX_RATIO", default=150),
    "IMPORT_MAX_SHARED_STRINGS_BYTES": env.int(
        "MITRA_IMPORT_MAX_SHARED_STRINGS_BYTES", default=10 * 1024 * 1024
    ),
    # Any file: rows after the header (blank rows count too), columns with a value, cells read,
    # characters in one cell, and seconds of reading.
    "IMPORT_MAX_ROWS": env.int("MITRA_IMPORT_MAX_ROWS", default=5000),
    "IMPORT_MAX_COLUMNS": env.int("MITRA_IMPORT_MAX_COLUMNS", default=100),
    "IMPORT_MAX_CELLS": env.int("MITRA_IMPORT_MAX_CELLS", default=300_000),
    "IMPORT_MAX_CELL_CHARS": env.int("MITRA_IMPORT_MAX_CELL_CHARS", default=10_000),
    "IMPORT_MAX_SECONDS": env.int("MITRA_IMPORT_MAX_SECONDS", default=120),
    # Sign-in throttling (issue 14 §1), counted in CACHES["default"] (shared by every worker):
    # LOGIN_MAX_FAILURES wrong passwords or codes for one username, or LOGIN_IP_MAX_FAILURES
    # from one client address, lock that username or address for LOGIN_LOCK_MINUTES. The
    # real user comes back by resetting the password by email (which clears the lock).
    "LOGIN_MAX_FAILURES": env.int("MITRA_LOGIN_MAX_FAILURES", default=5),
    "LOGIN_IP_MAX_FAILURES": env.int("MITRA_LOGIN_IP_MAX_FAILURES", default=30),
    "LOGIN_LOCK_MINUTES": env.int("MITRA_LOGIN_LOCK_MINUTES", default=15),
    # Addresses of reverse proxies whose X-Forwarded-For is believed (empty: REMOTE_ADDR only).
    "TRUSTED_PROXIES": env.list("MITRA_TRUSTED_PROXIES", default=[]),
    # Second factor (TOTP, ADR 0017): offered to everyone; required of operators and the TPOA
    # secretariat's officials when on. On in production, off for the demo (README).
    "MFA_REQUIRED": env.bool("MITRA_MFA_REQUIRED", default=False),
    # Sessions end after this many minutes without a request (issue 14 §3).
    "SESSION_IDLE_MINUTES": env.int("MITRA_SESSION_IDLE_MINUTES", default=30),
    # API tokens expire after this many days unless their owner picks fewer.
    "API_TOKEN_DAYS": env.int("MITRA_API_TOKEN_DAYS", default=90),
}

# Intake ("New from text"): a value read from a press item with a confidence below this is not
# proposed; the review screen leaves the field empty and says why (issue 12). Confidences are
# rule priors (docs/intake.md): 0.5 = a fallback guess, 0.6 = a single cue, 0.8+ = explicit.
MITRA["INTAKE_MIN_CONFIDENCE"] = env.float("MITRA_INTAKE_MIN_CONFIDENCE", default=0.55)

# IATI imports (ADR 0024): "indonesia" stores the activities that concern Indonesia (the
# cross-check reads no others) and counts the rest; "all" stores every activity.
MITRA["IATI_IMPORT_SCOPE"] = env("MITRA_IATI_IMPORT_SCOPE", default="indonesia")
# A folder on the server whose .xml files an operator can import from the import page (large
# registry dumps are copied there rather than uploaded); empty: uploads only (mitra/iati/folder.py).
MITRA["IATI_IMPORT_FOLDER"] = env("MITRA_IATI_IMPORT_FOLDER", default="")

# Public pages (mitra.core.cache): seconds a rendered anonymous page stays in the shared cache
# (0: off; every recorded change empties it at once anyway), and the browser's max-age.
MITRA["PUBLIC_PAGE_CACHE_SECONDS"] = env.int("MITRA_PUBLIC_PAGE_CACHE_SECONDS", default=300)
MITRA["PUBLIC_PAGE_MAX_AGE"] = env.int("MITRA_PUBLIC_PAGE_MAX_AGE", default=60)
# `manage.py task_worker`: a task RUNNING longer than this on a worker of another machine (or
# one without a "host:pid" id) is taken as lost and run again, once (mitra.core.worker).
MITRA["TASK_LEASE_SECONDS"] = env.int("MITRA_TASK_LEASE_SECONDS", default=3600)

# The activity map's tile server, e.g. "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"
# (empty: no tiles; the map draws its markers on a plain background). Its host joins img-src.
MITRA["MAP_TILE_URL"] = env("MITRA_MAP_TILE_URL", default="")
MITRA["MAP_TILE_ATTRIBUTION"] = env("MITRA_MAP_TILE_ATTRIBUTION", default="")
if MITRA["MAP_TILE_URL"]:
    _tiles = urlsplit(MITRA["MAP_TILE_URL"])
    SECURE_CSP["img-src"] = [
        *SECURE_CSP["img-src"],
        f"{_tiles.scheme}://{_tiles.netloc.replace('{s}', '*')}",
    ]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
