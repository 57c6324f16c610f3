"""The Spanish interface and the language switcher in a real browser: a reader of the English
sample follows "Español" to its translation and back at 1280 and 390 px; every public page type
in Spanish passes axe and the Nu HTML Checker. Screenshots go to SCREENSHOTS_DIR
(default test-artifacts/screens)."""

import os
from pathlib import Path

import pytest

from tests.browser.helpers import ARTIFACTS, axe_violations, require, spanish_page_urls, vnu_errors

SCREENS = Path(os.environ.get("SCREENSHOTS_DIR", ARTIFACTS / "screens"))
WIDTHS = {1280: 800, 390: 844}


@pytest.mark.browser
@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_the_switcher_leads_to_the_translation_and_back(page, live_server, demo, width):
    from releases.sample_data.demo import SAMPLE_SLUG

    SCREENS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": WIDTHS[width]})
    original = demo[SAMPLE_SLUG]
    page.goto(live_server.url + original.get_absolute_url())
    assert page.locator("html").get_attribute("lang") == "en"
    switcher = page.get_by_role("navigation", name="This release in other languages")
    page.screenshot(path=str(SCREENS / f"languages-release-en-{width}.png"))
    switcher.get_by_role("link", name="Español").click()
    page.wait_for_url("**/es/releases/**")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Más de 60 organizaciones")
    assert page.get_by_text("y 57 más").is_visible()
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the Spanish page is {overflow} px wider than the window"
    page.screenshot(path=str(SCREENS / f"languages-release-es-{width}.png"), full_page=True)
    back = page.get_by_role("navigation", name="Este comunicado en otros idiomas").get_by_role("link", name="English")
    back.click()
    page.wait_for_url(live_server.url + original.get_absolute_url())
    # The header's language links: the same page in the other language.
    page.goto(live_server.url + "/topics/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Español").click()
    page.wait_for_url("**/es/topics/")
    assert page.get_by_role("heading", level=1).inner_text() == "Temas"
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    page.screenshot(path=str(SCREENS / f"languages-topics-es-{width}.png"))


@pytest.mark.browser
def test_spanish_pages_have_no_axe_violations(page, live_server, demo):
    require("axe")
    found = {}
    for name, url in spanish_page_urls(demo).items():
        page.goto(live_server.url + url)
        assert page.locator("html").get_attribute("lang") == "es", name
        violations = axe_violations(page)
        print(f"axe (es): {name}: {len(violations)} violations")
        if violations:
            found[name] = violations
    assert found == {}


@pytest.mark.browser
def test_spanish_pages_are_valid_html(client, demo):
    require("java", "vnu")
    documents = {}
    for name, url in spanish_page_urls(demo).items():
        response = client.get(url)
        assert response.status_code in (200, 404, 410), (name, url, response.status_code)
        documents[name] = response.content
    documents["control"] = b"<!doctype html><html lang=es><title>control</title><p>open</span>"
    errors = vnu_errors(documents)
    assert errors.pop("control"), "vnu reported nothing on a broken control page"
    assert {name: messages for name, messages in errors.items() if messages} == {}
