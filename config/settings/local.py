"""Local development: `make run`."""

from .base import *  # noqa: F403

DEBUG = env.bool("DJANGO_DEBUG", default=True)  # noqa: F405

# The demo's import folder holds the IATI file written for the demo (Ford Foundation, issue 17).
MITRA["IATI_IMPORT_FOLDER"] = env(  # noqa: F405
    "MITRA_IATI_IMPORT_FOLDER",
    default=str(BASE_DIR / "mitra" / "iati" / "demo"),  # noqa: F405
)
