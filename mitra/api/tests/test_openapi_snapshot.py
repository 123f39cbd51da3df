"""The committed OpenAPI document (docs/api/openapi.yaml) matches the code, without warnings.

After changing the API, run `make openapi` and commit the new docs/api/openapi.yaml: reviewers
then see every change to the published contract in the diff.
"""

import difflib
from pathlib import Path

from django.conf import settings
from django.utils import translation
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.renderers import OpenApiYamlRenderer
from drf_spectacular.settings import spectacular_settings
from drf_spectacular.validation import validate_schema

SNAPSHOT = Path(settings.BASE_DIR) / "docs" / "api" / "openapi.yaml"


def generate() -> tuple[bytes, dict[str, int]]:
    """What `make openapi` writes (`manage.py spectacular --lang en --validate`)."""
    generator = spectacular_settings.DEFAULT_GENERATOR_CLASS()
    with translation.override("en"):
        schema = generator.get_schema(request=None, public=True)
    problems = {**GENERATOR_STATS._warn_cache, **GENERATOR_STATS._error_cache}
    validate_schema(schema)
    return OpenApiYamlRenderer().render(schema, renderer_context={}), problems


def test_schema_generates_without_warnings() -> None:
    _, problems = generate()
    assert not problems, "drf-spectacular warnings/errors:\n" + "\n".join(problems)


def test_committed_openapi_matches_the_code() -> None:
    output, _ = generate()
    committed = SNAPSHOT.read_bytes() if SNAPSHOT.exists() else b""
    if output != committed:
        diff = "".join(
            list(
                difflib.unified_diff(
                    committed.decode().splitlines(keepends=True),
                    output.decode().splitlines(keepends=True),
                    "docs/api/openapi.yaml (committed)",
                    "generated from the code",
                )
            )[:80]
        )
        raise AssertionError(
            "docs/api/openapi.yaml is out of date with the API: run `make openapi` and commit "
            f"the result.\n{diff}"
        )
