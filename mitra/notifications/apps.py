from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    """One place that tells people things: the event registry, in-app notices, email.

    Other apps declare their events in their own `AppConfig.ready()` through
    `mitra.notifications.registry.register_event` and call `services.notify(...)` from the
    services that change state.
    """

    name = "mitra.notifications"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Notifications"

    def ready(self) -> None:
        # Accounts (a lower layer) sends its password reset link through this app (ADR 0017).
        from mitra.accounts.mail import register_account_mail_sender

        from .delivery import send_account_email

        register_account_mail_sender(send_account_email)
