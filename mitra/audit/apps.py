from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "mitra.audit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from mitra.core.backup import register_check
        from mitra.core.forms import register_last_event

        from .backups import AUDIT_CHAIN_CHECK
        from .selectors import audit_last_event

        register_check(AUDIT_CHAIN_CHECK)  # `restore` proves the chain (docs/dev/backup.md)
        register_last_event(audit_last_event)  # "Changed meanwhile by X at T" on edit forms
