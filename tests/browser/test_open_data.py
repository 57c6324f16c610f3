"""A release's changes page and a pinned version in Chromium, at a laptop's and a phone's width:
they fit, pass axe, and the diff says what changed. Screenshots go to SCREENSHOTS_DIR
(default test-artifacts/screens)."""

import os
from pathlib import Path

import pytest
from django.urls import reverse

from tests.browser.helpers import ARTIFACTS, axe_violations

SCREENS = Path(os.environ.get("SCREENSHOTS_DIR", ARTIFACTS / "screens"))
WIDTHS = {1280: 800, 390: 844}


def corrected(demo):
    return next(release for release in demo.values() if release.change_notes.exists())


@pytest.mark.browser
@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_changes_and_version_pages_fit_and_pass_axe(page, live_server, demo, width):
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": WIDTHS[width]})
    release = corrected(demo)
    pages = {
        "changes": reverse("releases:release_changes", kwargs={"slug": release.slug}),
        "version-1": reverse("releases:release_version", kwargs={"slug": release.slug, "number": 1}),
    }
    for name, url in pages.items():
        page.goto(live_server.url + url)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width, (name, width)
        path = SCREENS / f"{name}-{width}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
        assert axe_violations(page) == [], (name, width)
    page.goto(live_server.url + pages["changes"])
    removed, added = page.locator(".diff del").first, page.locator(".diff ins").first
    assert "2,000" in removed.inner_text() and "3,000" in added.inner_text()
    # Struck through and underlined, not only coloured.
    assert "line-through" in removed.evaluate("(el) => getComputedStyle(el).textDecorationLine")
    assert "underline" in added.evaluate("(el) => getComputedStyle(el).textDecorationLine")


@pytest.mark.browser
@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_the_citation_box_fits_and_passes_axe(page, live_server, demo, width):
    from releases.sample_data.demo import SAMPLE_SLUG

    SCREENS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": WIDTHS[width]})
    release = demo[SAMPLE_SLUG]
    page.goto(live_server.url + release.get_absolute_url() + "#cite")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    citation_box = page.locator(".cite-release")
    citation_box.screenshot(path=str(SCREENS / f"citation-box-{width}.png"))
    assert axe_violations(page) == [], width
    apa = page.locator("#cite-apa").inner_text()
    assert apa.startswith("United We Dream. (2015, July 15).") and "/v/1/" in apa
    # The access date is the reader's today, even on a page drawn another day.
    long_date = "{year: 'numeric', month: 'long', day: 'numeric'}"
    today = page.evaluate(f"() => new Date().toLocaleDateString('en-US', {long_date})")
    assert f"Retrieved {today}, from" in apa


@pytest.mark.browser
def test_without_javascript_the_release_citations_are_text_to_select(browser, live_server, demo):
    from releases.sample_data.demo import SAMPLE_SLUG

    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + demo[SAMPLE_SLUG].get_absolute_url())
        for style in ("#cite-apa", "#cite-chicago"):
            citation = page.locator(style)
            assert citation.is_visible()
            assert citation.evaluate("(el) => getComputedStyle(el).userSelect") == "all"
        with page.expect_download() as download:
            page.get_by_role("link", name="BibTeX").click()
        assert download.value.suggested_filename == f"{SAMPLE_SLUG}.bib"
    finally:
        context.close()
