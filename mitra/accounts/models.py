"""Users belong to a government body or a foreign organization, with one role; their API
tokens (stored as hashes only, named, expiring, revocable)."""

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    class Role(models.TextChoices):
        OPERATOR = "operator", _("Operator")
        OFFICER = "officer", _("Agency officer")
        VIEWER = "viewer", _("Agency viewer")
        ORG_REPRESENTATIVE = "org_representative", _("Foreign organization representative")

    role = models.CharField(_("role"), max_length=30, choices=Role.choices, default=Role.VIEWER)
    body = models.ForeignKey(
        "bodies.GovernmentBody",
        verbose_name=_("government body"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    organization = models.ForeignKey(
        "organizations.ForeignOrganization",
        verbose_name=_("foreign organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, default="id", choices=[("id", "ID"), ("en", "EN")]
    )
    # SECURITY: part of the session auth hash; "log out everywhere" changes it, so every
    # session signed in before no longer matches (Django's get_user checks the hash).
    # db_default: rows written by older migrations' historical models (data migrations of
    # other apps create users) get the value from the database.
    session_epoch = models.CharField(
        _("session epoch"), max_length=32, blank=True, default="", db_default=""
    )
    # Kept by the second-factor services: True while the user has a confirmed TOTP device, so
    # the middleware knows without a query on every request (ADR 0017).
    mfa_enabled = models.BooleanField(_("second factor enabled"), default=False, db_default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(body__isnull=False) & models.Q(organization__isnull=False)),
                name="user_one_affiliation",
            )
        ]

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Django's hash of the password, plus the session epoch once one is set (an empty
        epoch keeps Django's own value, so no session ends on upgrade)."""
        if not self.session_epoch:
            return super()._get_session_auth_hash(secret=secret)  # type: ignore[misc]
        key_salt = "mitra.accounts.User.get_session_auth_hash"
        return salted_hmac(
            key_salt, f"{self.password}:{self.session_epoch}", secret=secret, algorithm="sha256"
        ).hexdigest()

    @property
    def mfa_required(self) -> bool:
        """Must this user sign in with a second factor? Operators and the TPOA secretariat's
        officials when settings.MITRA["MFA_REQUIRED"] is on (production; off in the demo)."""
        config = getattr(settings, "MITRA", {})
        if not config.get("MFA_REQUIRED", False) or not self.is_active:
            return False
        if self.is_operator or self.is_staff:
            return True
        return bool(
            self.is_government
            and self.agency is not None
            and self.agency.key == config.get("TPOA_SECRETARIAT", "kemlu")
        )

    @cached_property
    def agency(self):
        """The top-level government body whose records this user works on, or None."""
        return self.body.root() if self.body is not None else None

    @cached_property
    def reading_body_ids(self) -> list[int]:
        """SECURITY: the user's body and every body above it, up to the agency. Agreement
        access rows naming any of them are the user's (ADR 0015): a Polpum officer reads
        Polpum's grants and Kemendagri's rows; a Kemendagri root user not Polpum's. The walk
        reuses the parents `agency` loaded (no extra query once `agency` was read)."""
        ids: list[int] = []
        body = self.body if self.body_id else None
        while body is not None:
            ids.append(body.pk)
            body = body.parent if body.parent_id is not None else None
        return ids

    @property
    def is_operator(self) -> bool:
        return self.is_active and (self.role == self.Role.OPERATOR or self.is_superuser)

    @property
    def is_government(self) -> bool:
        return self.body_id is not None and self.role in (self.Role.OFFICER, self.Role.VIEWER)

    @property
    def can_edit_records(self) -> bool:
        """Officers and operators write; viewers and org representatives only read here."""
        return self.is_operator or (
            self.is_active and self.role == self.Role.OFFICER and self.body_id is not None
        )


def token_hash(key: str) -> str:
    """SECURITY: tokens are random (256 bits), so a plain SHA-256 is enough to store them."""
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> "ApiTokenQuerySet":
        """Not revoked, not expired, of an active user."""
        return self.filter(
            revoked_at__isnull=True, expires_at__gt=timezone.now(), user__is_active=True
        )


class ApiToken(models.Model):
    """A named API token. Only the SHA-256 of the key is stored; `prefix` (the first
    characters of the key) lets its owner tell tokens apart."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("prefix"), max_length=12, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="apitoken_user_created")]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
