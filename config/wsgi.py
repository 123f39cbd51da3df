"""WSGI entry point for gunicorn."""

import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()

# What a worker loads at start (Django, Mitra's modules, the URLconf and every view it imports)
# lives as long as the worker. Collected once and then frozen (`gc.freeze`), it leaves the
# collector's generations, so a full collection scans only what requests leave behind: over
# the ~180,000 objects of a started process one took ~105 ms and fell in one request in eight
# of the busiest pages, doubling their p95 (docs/dev/performance.md, "Garbage collection").
get_resolver().url_patterns  # noqa: B018  (imported now, not in the first request)
gc.collect()
gc.freeze()
