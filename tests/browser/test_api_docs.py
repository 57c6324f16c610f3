"""The API's explorer (Swagger UI from our own static files) works under the site's CSP, and the
guide page that leads to it is in the site's layout at both widths."""

import pytest
from django.urls import reverse

from tests.browser.helpers import axe_violations

SCREENS = "/work/screens/api"


@pytest.mark.browser
def test_the_api_explorer_loads_under_the_csp(page, live_server, demo):
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status} {r.url}"))
    page.on("request", lambda r: not r.url.startswith(live_server.url) and problems.append(f"off-site {r.url}"))
    page.goto(live_server.url + reverse("releases:home"))
    page.get_by_role("link", name="The API").click()
    page.wait_for_url(live_server.url + reverse("api_guide"))
    page.screenshot(path=f"{SCREENS}/guide-1280.png", full_page=True)
    page.get_by_role("link", name="Browse the API").click()
    page.locator(".opblock-summary-path", has_text="/api/v1/releases/{slug}").wait_for()
    page.screenshot(path=f"{SCREENS}/explorer-1280.png", full_page=True)
    # Try one out: the explorer calls the API from the page.
    page.locator("#operations-directory-list_topics .opblock-summary").click()
    page.locator("#operations-directory-list_topics").get_by_role("button", name="Execute").click()
    page.locator(".live-responses-table .response-col_status", has_text="200").wait_for()
    page.screenshot(path=f"{SCREENS}/explorer-try-1280.png", full_page=True)
    print(f"axe: API explorer (Swagger UI, not our markup): {len(axe_violations(page))} violations")
    assert problems == []


@pytest.mark.browser
def test_the_api_guide_fits_a_phone(page, live_server, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + reverse("api_guide"))
    page.screenshot(path=f"{SCREENS}/guide-390.png", full_page=True)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390
