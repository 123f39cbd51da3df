"""Users belong to a government body or a foreign organization, with one role."""

from django.contrib.auth.models import AbstractUser
from django.db import models
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

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~(models.Q(body__isnull=False) & models.Q(organization__isnull=False)),
                name="user_one_affiliation",
            )
        ]

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
