"""Shared test helpers: the shipped IATI data (read in place, never copied) and tiny XML."""

import io
from pathlib import Path

import pytest
from django.conf import settings

DATA = Path(settings.BASE_DIR).parent / "shared" / "data" / "iati"
FIXTURES = DATA / "single-activity-fixtures"


def shared(path: str) -> Path:
    full = DATA / path
    if not full.exists():
        # A missing data set is a failure, never a skip: the shared folder stands beside the
        # repository in development and CI (README), and these tests read it in place.
        pytest.fail(f"shared IATI data not found at {full} (the shared folder beside the repo)")
    return full


def xml(*activities: str, version: str = "2.03") -> io.BytesIO:
    body = "".join(activities)
    return io.BytesIO(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="{version}">'
        f"{body}</iati-activities>".encode()
    )


def activity(identifier: str, inner: str = "", attrs: str = 'default-currency="USD"') -> str:
    return (
        f"<iati-activity {attrs}><iati-identifier>{identifier}</iati-identifier>{inner}"
        "</iati-activity>"
    )
