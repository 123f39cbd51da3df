"""The hook through which accounts sends its own mail (the password reset link).

`accounts` sits below `notifications` (docs/dev/architecture.md), and notifications is the only
module that sends email (ADR 0014). It fills this hook in its `AppConfig.ready()`; the reset
link is sent at once and never stored as a notice (it signs the user in).
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured

AccountMailSender = Callable[..., bool]
_senders: list[AccountMailSender] = []


def register_account_mail_sender(sender: AccountMailSender) -> None:
    """Called once by notifications' AppConfig.ready(): `sender(to=, subject=, body=)`."""
    if sender not in _senders:
        _senders.append(sender)


def account_mail_send(*, to: str, subject: str, body: str) -> bool:
    if not _senders:
        raise ImproperlyConfigured("mitra.notifications registers the account mail sender")
    return _senders[-1](to=to, subject=subject, body=body)
