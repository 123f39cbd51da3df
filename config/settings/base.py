"""Settings shared by every environment. Values that differ come from the environment."""

from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

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
    "rest_framework.authtoken",  # token authentication for integrators
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
    "mitra.deadlines",  # working days, due dates, reminders, calendar feeds
    "mitra.meetings",  # TPOA deliberations, rakor, signings, monev visits
    "mitra.permits",  # TPOA licensing: izin prinsip, reviews, decisions, izin operasional
    "mitra.sanctions",  # sanction cases (domain.md §3.9)
    "mitra.workplans",  # RIK/RKT and activities
    "mitra.monitoring",  # reports, disclosures, monitoring visits, compliance
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

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard:home"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
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
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "mitra.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "mitra.api.exception_handlers.api_exception_handler",
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
}

# Intake ("New from text"): a value read from a press item with a confidence below this is not
# proposed; the review screen leaves the field empty and says why (issue 12). Confidences are
# rule priors (docs/intake.md): 0.5 = a fallback guess, 0.6 = a single cue, 0.8+ = explicit.
MITRA["INTAKE_MIN_CONFIDENCE"] = env.float("MITRA_INTAKE_MIN_CONFIDENCE", default=0.55)

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
