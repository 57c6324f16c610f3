"""The reading layout in Chromium: wide and phone widths, light and dark, the contact in the first
screen, the quote citation and its copy button, and print. Screenshots go to SCREENSHOTS_DIR
(default test-artifacts/screens)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from releases.sample_data.demo import SAMPLE_SLUG
from tests.browser.helpers import ARTIFACTS, axe_violations

SCREENS = Path(os.environ.get("SCREENSHOTS_DIR", ARTIFACTS / "screens"))
WIDTHS = {1280: 800, 390: 844}


def pages(demo):
    sample = demo[SAMPLE_SLUG]
    return {"release": sample.get_absolute_url(), "organization": sample.issuer.get_absolute_url(), "home": "/"}


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_pages_at_each_width_and_scheme_fit_and_pass_axe(page, live_server, demo, width, scheme):
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": WIDTHS[width]})
    page.emulate_media(color_scheme=scheme)
    for name, url in pages(demo).items():
        page.goto(live_server.url + url)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width, (name, width)
        background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        assert (background == "rgb(255, 255, 255)") == (scheme == "light"), (name, background)
        path = SCREENS / f"{name}-{width}-{scheme}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 10_000
        assert axe_violations(page) == [], (name, width, scheme)


def phone_link_box(page):
    return page.locator(".release-contacts .contact-phone").first.bounding_box()


@pytest.mark.browser
def test_on_a_laptop_the_journalist_sees_who_to_call_without_scrolling(page, live_server, demo):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + demo[SAMPLE_SLUG].get_absolute_url())
    phone = page.locator(".release-contacts .contact-phone").first
    expect(phone).to_be_visible()
    assert phone.get_attribute("href").startswith("tel:+")
    box = phone_link_box(page)
    assert box["y"] >= 0 and box["y"] + box["height"] <= 800, box
    # Beside the text: the contacts box sits in the right-hand column, level with the title.
    title = page.get_by_role("heading", level=1).bounding_box()
    contacts = page.locator(".release-contacts").bounding_box()
    assert contacts["x"] > title["x"] + title["width"] and contacts["y"] < title["y"] + title["height"]


@pytest.mark.browser
def test_on_a_phone_the_contact_comes_right_under_the_dateline(page, live_server, demo):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + demo[SAMPLE_SLUG].get_absolute_url())
    meta = page.locator(".release-header .meta").bounding_box()
    contacts = page.locator(".release-contacts").bounding_box()
    body = page.locator(".release-body").bounding_box()
    assert meta["y"] + meta["height"] <= contacts["y"] < body["y"]
    assert contacts["y"] - (meta["y"] + meta["height"]) < 60  # right under it, not further down


@pytest.mark.browser
def test_a_quote_is_copied_with_its_attribution(page, live_server, demo):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sample = demo[SAMPLE_SLUG]
    page.goto(live_server.url + sample.get_absolute_url())
    page.locator("#quote-1").get_by_role("button", name="Copy quote with attribution").click()
    expect(page.locator("#quote-1 .copy-status")).to_have_text("Copied.")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith("“While the Obama Administration") and "Zenen Jaimez Perez" in copied
    assert copied.endswith(sample.get_absolute_url() + "#quote-1")


@pytest.mark.browser
def test_without_javascript_the_citation_is_a_line_to_select(browser, live_server, demo):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + demo[SAMPLE_SLUG].get_absolute_url())
        expect(page.locator("#quote-1 button")).to_have_count(0)
        page.locator("#quote-1 summary").click()
        citation = page.locator("#quote-1-citation")
        expect(citation).to_be_visible()
        assert citation.evaluate("(el) => getComputedStyle(el).userSelect") == "all"
    finally:
        context.close()


@pytest.mark.browser
def test_print_puts_the_contact_on_top_and_ends_with_the_end_mark(page, live_server, demo, artifacts):
    page.goto(live_server.url + demo[SAMPLE_SLUG].get_absolute_url())
    page.emulate_media(media="print")
    header = page.locator(".release-header").bounding_box()
    contacts = page.locator(".release-contacts").bounding_box()
    body = page.locator(".release-body").bounding_box()
    assert header["y"] < contacts["y"] < body["y"]
    expect(page.locator(".end-mark")).to_be_visible()
    expect(page.locator(".share")).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()
    sizes = page.evaluate(
        """() => Object.fromEntries(['.release-body p', '.quote blockquote', '.release-contacts', '.about p',
             '.signatories li'].map((s) => [s, parseFloat(getComputedStyle(document.querySelector(s)).fontSize)]))"""
    )
    assert sizes[".release-body p"] == max(sizes.values()), sizes  # the body is the largest running text
    # Topics on one line, separated (the separator is drawn by print.css, before each but the first).
    separators = page.eval_on_selector_all(
        ".release-sidebar .topics li", "(items) => items.map((li) => getComputedStyle(li, '::before').content)"
    )
    assert separators == ["none", '" · "', '" · "'], separators
    assert (
        page.locator(".release-sidebar .topics li").first.evaluate("(li) => getComputedStyle(li).display") == "inline"
    )
    pdf = page.pdf(path=str(artifacts / "release-print.pdf"))
    assert pdf.startswith(b"%PDF")
