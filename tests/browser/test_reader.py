"""A reader's path through the archive in Chromium, by mouse and by keyboard alone."""

import re

import feedparser
import pytest
from playwright.sync_api import expect

from releases.sample_data.demo import SAMPLE_SLUG
from tests.browser.helpers import axe_violations


def in_viewport(page, selector):
    return page.evaluate(
        """(selector) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            return box.top > -2 && box.top < window.innerHeight / 2;  // scrolled to the top, give or take a subpixel
        }""",
        selector,
    )


@pytest.mark.browser
def test_reader_follows_links_from_home_to_a_feed(page, live_server, demo):
    sample = demo[SAMPLE_SLUG]
    base = live_server.url

    # Home → the sample release (featured first).
    page.goto(base + "/")
    page.get_by_role("link", name=sample.title).first.click()
    expect(page).to_have_url(base + sample.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(sample.title)

    # A quote's anchor scrolls to that quote.
    page.goto(base + sample.get_absolute_url() + "#quote-1")
    assert page.evaluate("() => document.querySelector(':target').id") == "quote-1"
    expect(page.locator("#quote-1")).to_be_visible()
    assert in_viewport(page, "#quote-1")
    expect(page.locator("#quote-1 blockquote")).to_contain_text("community policing")

    # A signatory → its organization page.
    signed_by = page.get_by_role("region", name="Signed by")
    expect(signed_by.get_by_role("listitem")).to_have_count(9)  # eight named and "and 57 more"
    expect(signed_by).to_contain_text("and 57 more")
    signed_by.get_by_role("link", name="American Civil Liberties Union").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("American Civil Liberties Union")
    expect(page.get_by_role("link", name=sample.title)).to_be_visible()  # listed under "Signed"

    # Back on the release, a speaker → the person page with the quote.
    page.go_back()
    page.locator("#quote-1 figcaption").get_by_role("link", name="Zenen Jaimez Perez").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zenen Jaimez Perez")
    expect(page.get_by_text("community policing", exact=False).first).to_be_visible()

    # A topic from the release's sidebar.
    page.go_back()
    page.locator(".release-sidebar").get_by_role("link", name="287(g)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("287(g)")
    expect(page.get_by_role("link", name=sample.title)).to_be_visible()
    topic_feed = page.get_by_role("link", name="Atom").first.get_attribute("href")

    # Search from the header, then narrow the results with a facet.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    page.get_by_role("search").get_by_label("Search the archive").fill("deportation")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=deportation$"))
    results = page.get_by_role("region", name=re.compile(r"releases? for “deportation”"))
    expect(results.get_by_role("link", name=sample.title)).to_be_visible()
    facets = page.get_by_role("complementary", name="Narrow the results")
    facets.get_by_role("link", name=re.compile(r"^Racial profiling")).click()
    expect(page).to_have_url(re.compile(r"[?&]topic=racial-profiling"))
    chips = page.get_by_role("region", name="Active filters")
    expect(chips.get_by_role("link", name=re.compile("Racial profiling"))).to_be_visible()
    expect(page.locator(".search-hit")).to_have_count(1)
    expect(results.get_by_role("link", name=sample.title)).to_be_visible()

    # The topic's feed link answers with a well-formed feed that lists the release.
    response = page.request.get(base + topic_feed)
    assert response.status == 200
    assert "xml" in response.headers["content-type"]
    feed = feedparser.parse(response.body())
    assert feed.bozo == 0
    assert [entry.title for entry in feed.entries] == [sample.title]
    assert feed.entries[0].link.endswith(sample.get_absolute_url())


FOCUSABLE = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex='-1'])"
FOCUS_STYLE = """(el) => {
    const s = getComputedStyle(el);
    return {outline: s.outlineStyle + ' ' + s.outlineWidth + ' ' + s.outlineColor, shadow: s.boxShadow};
}"""


@pytest.mark.browser
def test_keyboard_only_reader_skips_to_content_and_always_sees_focus(page, live_server, demo):
    sample = demo[SAMPLE_SLUG]
    page.goto(live_server.url + sample.get_absolute_url())
    page.locator("body").evaluate("(body) => document.activeElement.blur()")
    # Every focusable element's look before it is focused, to compare with its look when it is.
    unfocused = page.eval_on_selector_all(FOCUSABLE, f"(els) => els.map({FOCUS_STYLE})")

    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Skip to content")
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))
    assert page.evaluate("() => document.activeElement.id") == "main"

    # From main, Tab walks the release in order; each stop is inside main or the footer, and visibly focused.
    seen = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            f"""(selector) => {{
                const el = document.activeElement;
                if (el === document.body) return null;
                const index = [...document.querySelectorAll(selector)].indexOf(el);
                return {{index, text: (el.innerText || el.value || '').trim().slice(0, 60),
                         inMain: !!el.closest('main, .site-footer'), style: ({FOCUS_STYLE})(el)}};
            }}""",
            FOCUSABLE,
        )
        if focused is None or (seen and focused["index"] <= seen[-1]["index"]):
            break  # past the last link the focus leaves the page or wraps to the top
        assert focused["index"] >= 0, focused
        assert focused["inMain"], f"Tab left the content after “Skip to content”: {focused}"
        before = unfocused[focused["index"]]
        assert focused["style"] != before, f"no visible focus on “{focused['text']}”: {focused['style']}"
        assert "none" not in focused["style"]["outline"] or focused["style"]["shadow"] != "none", focused
        seen.append(focused)
    texts = [stop["text"] for stop in seen]
    print(f"keyboard: {len(seen)} focus stops after the skip link; first: {texts[:4]}")
    # The first stops in main: the link to the release's Spanish translation, then the kicker above the title.
    assert texts[:2] == ["Español", sample.issuer.name]
    assert "Zenen Jaimez Perez" in texts
    assert "American Civil Liberties Union" in texts
    assert "287(g)" in texts


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_release_page_screenshots(page, live_server, demo, artifacts, width):
    sample = demo[SAMPLE_SLUG]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(live_server.url + sample.get_absolute_url())
    # Nothing overflows sideways on a phone: the page is as wide as the viewport.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(artifacts / f"release-{width}.png"), full_page=True)
    assert (artifacts / f"release-{width}.png").stat().st_size > 10_000
    assert axe_violations(page) == []  # the narrow layout too
