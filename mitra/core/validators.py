"""The one rule for dates of things that have happened: decisions, signatures, approvals.

Every service that records such a date (an agreement's signing date and its signatories, a
permit decision or deliberation, a revocation or suspension, a sanction step, a work plan's
approval or signature, a regional notice, an activity's actual start or end) asks
`not_in_future`, so the rule and its message are written once and
"today" is always the project's day in Asia/Jakarta (`core.dates.today`), never UTC's.
"""

from datetime import date

from django.utils.translation import gettext as _

from .dates import today


def not_in_future(day: date | None, *, on: date | None = None) -> list[str]:
    """[] when `day` is empty or not after `on` (default today); else the one message.

    Returns a list so a service can file it under its field: `errors["decided_on"] = ...`.
    """
    if day is None or day <= (on or today()):
        return []
    return [
        _("%(day)s is in the future: a date of something done (a decision, a signature, a "
          "notice) is recorded once it has happened.")
        % {"day": day.isoformat()}
    ]  # fmt: skip
