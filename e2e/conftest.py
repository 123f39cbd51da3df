"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every test gets a fresh test database with the reference data and the demo data (the canonical
story of 4 April 2024), and a page whose console errors and uncaught exceptions fail the test.
The application's "today" is pinned to DEMO_TODAY so the dashboard shows the state that
product.md describes, whatever the date on the machine.
"""

import os
import re
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEMO_TODAY = date(2026, 11, 29)
DEMO_PASSWORD = "mitra-demo-2024"
ARTIFACTS = Path(__file__).parent / "artifacts"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = str(Path(__file__).parent)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make chromium` (apt-get install chromium).")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "id-ID"}


@pytest.fixture
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> date:
    """Pin mitra.core.dates.today (and every `from ... import today` of it) to DEMO_TODAY."""
    import mitra.core.dates

    original = mitra.core.dates.today

    def fixed_today() -> date:
        return DEMO_TODAY

    for name, module in list(sys.modules.items()):
        if (name == "mitra" or name.startswith("mitra.")) and getattr(
            module, "today", None
        ) is original:
            monkeypatch.setattr(module, "today", fixed_today)
    return DEMO_TODAY


@pytest.fixture
def demo_data(transactional_db: None, pinned_today: date) -> None:
    """Reference data and the demo data (canonical story, spread, demo users) in the test DB."""
    call_command("load_reference", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


class ConsoleErrors:
    """Console errors and uncaught page exceptions seen during a test."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.expected: list[re.Pattern[str]] = []

    def expect(self, pattern: str) -> None:
        """Tolerate console errors matching `pattern` (e.g. the 404 a test asks for)."""
        self.expected.append(re.compile(pattern))

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self.expected)]


@pytest.fixture
def console(page: Any) -> Iterator[ConsoleErrors]:
    seen = ConsoleErrors()

    def on_console(message: Any) -> None:
        if message.type == "error":
            seen.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: seen.errors.append(f"pageerror: {error}"))
    yield seen
    assert not seen.unexpected(), "Browser console errors:\n" + "\n".join(seen.unexpected())


@pytest.fixture
def site(live_server: Any, demo_data: None, page: Any, console: ConsoleErrors) -> "Site":
    page.set_default_timeout(15_000)
    return Site(live_server.url, page, console)


class Site:
    """The live server seen through one browser page."""

    def __init__(self, base: str, page: Any, console: ConsoleErrors) -> None:
        self.base = base
        self.page = page
        self.console = console

    def url(self, path: str) -> str:
        return self.base + path

    def goto(self, path: str) -> Any:
        response = self.page.goto(self.url(path))
        self.page.wait_for_load_state("load")
        return response

    def login(self, username: str, password: str = DEMO_PASSWORD) -> None:
        """Sign in as the user would: the password, then, for a user with a second factor,
        the code their authenticator app shows now (computed from their device)."""
        from mitra.accounts.tests.otp import sign_in_code

        self.goto("/id/accounts/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        with self.page.expect_navigation():
            self.page.click("main button[type=submit]")
        if "/accounts/login/code/" in self.page.url:
            self.page.fill("#id_code", sign_in_code(username))
            with self.page.expect_navigation():
                self.page.click("main button[type=submit]")
        assert "/accounts/login/" not in self.page.url, f"login failed for {username}"

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path
