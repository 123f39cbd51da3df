"""Issue 16 §1 (e) in a browser: the directory, the dashboard, an agreement and an application
page at 375 px have no sideways scroll and no axe violations; long lists of bodies are an
autocomplete that finds a body by its acronym."""

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from mitra.agreements.models import Agreement
from mitra.audit.models import AuditEvent
from mitra.permits.models import Application

from .conftest import Site

WIDTH = 375


def violations(page: Any) -> list[str]:
    results = Axe().run(page)
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} at "
        f"{[', '.join(n['target']) for n in v['nodes'][:5]]}"
        for v in results.response["violations"]
    ]


def overflow(page: Any) -> str:
    """What sticks out beyond the viewport (for the failure message)."""
    return page.evaluate(
        """() => {
          const width = document.documentElement.clientWidth;
          return [...document.querySelectorAll('body *')]
            .filter(el => el.getBoundingClientRect().right > width + 1)
            .slice(0, 8)
            .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                 (typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''))
            .join(' | ');
        }"""
    )


def check(site: Site, path: str) -> list[str]:
    site.goto(path)
    page = site.page
    problems = []
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > WIDTH:
        problems.append(f"{path}: scrollWidth {width} > {WIDTH}: {overflow(page)}")
    problems += violations(page)
    return problems


def test_pages_fit_375_px_without_sideways_scroll(site: Site) -> None:
    page = site.page
    page.set_viewport_size({"width": WIDTH, "height": 800})
    ford = Agreement.objects.get(reference="DEMO-KEMENDAGRI-FORD-2024")
    application = Application.objects.get(status=Application.Status.REVIEW)
    problems = check(site, "/id/directory/") + check(site, "/en/directory/")
    site.login("kemlu")
    problems += check(site, "/id/dashboard/")
    problems += check(site, f"/id/permits/applications/{application.pk}/")
    page.context.clear_cookies()
    site.login("kemendagri")
    problems += check(site, "/id/dashboard/")
    problems += check(site, f"/id/agreements/{ford.pk}/")
    assert not problems, "\n".join(problems)


def test_history_reads_in_words_dated_when_it_happened(site: Site) -> None:
    """The demo's 2021 MSP: signed on 17 March 2021, recorded when the demo loaded."""
    page = site.page
    old = Agreement.objects.get(reference="DEMO-KEMENDAGRI-FORD-2021")
    signed = AuditEvent.objects.get(event="agreement.signed", target_id=old.pk)
    assert signed.data["effective_on"] == "2021-03-17"
    site.login("kemendagri")
    site.goto(f"/en/agreements/{old.pk}/")
    history = page.locator("#history-heading").locator("xpath=..").inner_text()
    assert "17 March 2021 (recorded" in history
    assert "agreement.signed" not in history
    renewal = Agreement.objects.get(reference="DEMO-KEMENDAGRI-FORD-2024")
    site.goto(f"/en/agreements/{renewal.pk}/")
    history = page.locator("#history-heading").locator("xpath=..").inner_text()
    assert "Renews Memorandum Saling Pengertian Kemendagri – Ford Foundation 2021–2024" in history
    assert "4 April 2024 (recorded" in history


def test_bodies_autocomplete_finds_by_alias_and_hides_ended_bodies(site: Site) -> None:
    page = site.page
    site.login("kemendagri")
    site.goto("/en/agreements/new/")
    box = page.locator("#id_other_government_parties-ts-control")
    options = page.locator("#id_other_government_parties-ts-dropdown [role=option]")
    box.click()
    box.fill("deplu")  # an alias of Kementerian Luar Negeri (Kemlu)
    expect(options).to_have_count(1)
    assert "Luar Negeri" in options.first.inner_text()
    page.keyboard.press("Enter")
    chosen = page.locator("#id_other_government_parties option:checked").all_inner_texts()
    assert any("Luar Negeri" in text for text in chosen)
    # Two ministries were called Kementerian Kehutanan: the one dissolved in 2014 is
    # suggested only when asked for.
    box.fill("kehutanan")
    expect(options.filter(has_text="Kehutanan")).to_have_count(1)
    expect(options.filter(has_text="until 2014")).to_have_count(0)
    # By keyboard: close the suggestions, Tab to the checkbox beside the box, tick it.
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.locator("#id_other_government_parties-include-ended")).to_be_checked()
    box.click()
    box.fill("")
    box.fill("kehutanan")
    expect(options.filter(has_text="until 2014")).to_have_count(1)
    assert not violations(page)
