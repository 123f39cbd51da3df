"""Signals for invalidating copies of body data kept elsewhere (search text, party agency)."""

from django.dispatch import Signal

# Sent after the gazetteer was (re)loaded: names, aliases or parents may have changed.
bodies_reloaded = Signal()
