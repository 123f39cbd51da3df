"""If-Match for tests of versioned PUT/PATCH (docs/dev/concurrency.md)."""

from typing import Any


def if_match(record: Any) -> dict[str, str]:
    """The header a client sends after reading `record` now: `If-Match: "<version>"`."""
    version = type(record)._default_manager.filter(pk=record.pk).values_list("version", flat=True)
    return {"HTTP_IF_MATCH": f'"{version.get()}"'}
