"""UI strings of Django and third-party packages that their own Indonesian catalogues lack.

Never imported: `makemessages` reads this file so that the msgids land in our catalogue
(locale/id), which takes precedence over the packages' catalogues. See docs/dev/i18n.md.
"""

from django.utils.translation import gettext_noop

THIRD_PARTY_STRINGS = [
    # Django 6.1: the blank choice of model choice fields (django.db.models.fields).
    gettext_noop("- Select an option -"),
]
