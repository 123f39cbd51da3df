"""Issue 14 §2 in the browser: the TPOA secretariat signs in with a second factor (TOTP).

(a) Kemlu's officer, enrolled through the services, signs in with the code an authenticator
    app would show (Site.login computes it) and works as usual;
(b) with the requirement on, Kemlu's officer without a device is sent to set one up, scans
    (types) the key, confirms with a code, sees the recovery codes once, and goes on."""

from typing import Any

import pytest

from mitra.accounts.models import User
from mitra.accounts.tests.otp import enrol, totp_code_for_secret

from .conftest import Site


@pytest.fixture
def mfa_required(settings: Any) -> None:
    settings.MITRA = {**settings.MITRA, "MFA_REQUIRED": True}


def test_the_secretariat_signs_in_with_a_code(site: Site, mfa_required: None) -> None:
    kemlu = User.objects.get(username="kemlu")
    assert kemlu.mfa_required
    enrol(kemlu)
    site.login("kemlu")  # password, then the TOTP code
    assert "/dashboard/" in site.page.url
    response = site.goto("/id/agreements/")
    assert response is not None
    assert response.status == 200
    site.goto("/id/accounts/me/")
    assert site.page.locator("#mfa-heading").is_visible()
    assert "10" in site.page.locator("#mfa-heading + p").inner_text()


def test_a_required_user_sets_up_the_second_factor_first(site: Site, mfa_required: None) -> None:
    site.goto("/id/accounts/login/")
    site.page.fill("#id_username", "kemlu")
    site.page.fill("#id_password", "mitra-demo-2024")
    with site.page.expect_navigation():
        site.page.click("main button[type=submit]")
    assert "/accounts/me/second-factor/" in site.page.url
    # Nothing else opens until it is set up.
    site.goto("/id/agreements/")
    assert "/accounts/me/second-factor/" in site.page.url
    assert site.page.locator("img[src^='data:image/svg+xml']").is_visible()
    secret = site.page.locator("#totp-secret").inner_text()
    site.page.fill("#id_code", totp_code_for_secret(secret))
    with site.page.expect_navigation():
        site.page.click("main button[type=submit]")
    codes = site.page.locator("#recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    assert User.objects.get(username="kemlu").mfa_enabled
    with site.page.expect_navigation():
        site.page.click("main a.btn-primary")
    assert "/accounts/me/" in site.page.url
    response = site.goto("/id/agreements/")
    assert response is not None
    assert response.status == 200
    assert "/agreements/" in site.page.url
