"""The API's explorer (Swagger UI from our own static files) works under the site's CSP, and the
guide page that leads to it is in the site's layout at both widths."""

import gzip
import hashlib
import json
from pathlib import Path

import pytest
from django.urls import reverse

from api import export
from releases.models import Release
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
    found = axe_violations(page)
    print(f"axe: API explorer (Swagger UI's markup): {len(found)} violations")
    for violation in found:
        print(f"  {violation}")
    assert problems == []


@pytest.mark.browser
def test_the_api_guide_and_the_data_page_fit_a_phone(page, live_server, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + reverse("api_guide"))
    page.screenshot(path=f"{SCREENS}/guide-390.png", full_page=True)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    export.publish()
    page.goto(live_server.url + reverse("open_data"))
    page.screenshot(path=f"{SCREENS}/data-390.png", full_page=True)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert page.get_by_text("SHA-256").is_visible()


@pytest.mark.browser
def test_the_data_page_downloads_the_archive(page, live_server, demo):
    summary = export.publish()
    page.goto(live_server.url + reverse("releases:home"))
    page.get_by_role("link", name="Open data").click()
    page.screenshot(path=f"{SCREENS}/data-1280.png", full_page=True)
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Download releases.jsonl.gz").click()
    saved = download.value.path()
    with gzip.open(saved, "rt") as found:
        records = [json.loads(line) for line in found]
    assert len(records) == summary.records == Release.objects.public().count()
    assert hashlib.sha256(Path(saved).read_bytes()).hexdigest() == summary.sha256
