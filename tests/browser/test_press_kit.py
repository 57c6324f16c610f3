"""The press kit in Chromium: the sample release's kit at 1280 and 390 px (pictures loaded from the
download view, licence and credit beside each download, axe and the Nu checker clean), the ZIP
downloaded by clicking, and an organization's own kit. Screenshots go to PRESSKIT_SCREENS
(default /work/screens/presskit)."""

import io
import os
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from releases.models import Organization
from releases.reading import press_kit
from releases.sample_data.demo import SAMPLE_SLUG
from tests.browser.helpers import axe_violations, vnu_errors

SCREENS = Path(os.environ.get("PRESSKIT_SCREENS", "/work/screens/presskit"))
WIDTHS = {1280: 800, 390: 844}


def kit_org(demo):
    return Organization.objects.get(name="Clean Rivers Coalition")


@pytest.mark.browser
@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_the_release_kit_at_each_width(page, live_server, demo, width):
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": WIDTHS[width]})
    page.goto(live_server.url + demo[SAMPLE_SLUG].get_absolute_url())
    kit = page.locator("#press-kit")
    kit.scroll_into_view_if_needed()
    expect(kit.get_by_role("heading", name="Press kit")).to_be_visible()
    pictures = kit.locator("picture img")
    expect(pictures).to_have_count(2)
    for index in range(2):
        img = pictures.nth(index)
        img.scroll_into_view_if_needed()
        expect(img).to_have_js_property("complete", True)
        assert img.evaluate("(el) => el.naturalWidth") > 0  # served through the download view
    expect(kit.locator(".kit-licence a").first).to_have_attribute(
        "href", "https://creativecommons.org/licenses/by/4.0/"
    )
    expect(kit.locator(".kit-credit").first).to_have_text("Credit: Illustration: Pressroom demo content")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(SCREENS / f"release-{width}.png"), full_page=True)
    kit.screenshot(path=str(SCREENS / f"release-kit-{width}.png"))
    assert axe_violations(page) == []


@pytest.mark.browser
def test_the_zip_downloads_with_its_name_and_credits(page, live_server, demo):
    release = demo[SAMPLE_SLUG]
    page.goto(live_server.url + release.get_absolute_url())
    with page.expect_download() as info:
        page.get_by_role("link", name="Download press kit").click()
    download = info.value
    assert download.suggested_filename == press_kit.zip_name(release) == f"{release.slug}-press-kit.zip"
    names = zipfile.ZipFile(io.BytesIO(Path(download.path()).read_bytes())).namelist()
    assert names[-1].endswith("/CREDITS.txt") and len(names) == 3


@pytest.mark.browser
@pytest.mark.parametrize("width", sorted(WIDTHS))
def test_an_organization_kit_at_each_width(page, live_server, demo, width):
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": width, "height": WIDTHS[width]})
    page.goto(live_server.url + kit_org(demo).get_absolute_url())
    kit = page.locator("#press-kit")
    kit.scroll_into_view_if_needed()
    img = kit.locator("picture img")
    expect(img).to_have_js_property("complete", True)
    assert img.evaluate("(el) => el.naturalWidth") > 0
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(SCREENS / f"organization-{width}.png"), full_page=True)
    assert axe_violations(page) == []


@pytest.mark.browser
def test_pages_with_a_kit_are_valid_html(client, demo):
    pages = {
        "release": client.get(demo[SAMPLE_SLUG].get_absolute_url()).content,
        "organization": client.get(kit_org(demo).get_absolute_url()).content,
    }
    assert all(b'id="press-kit"' in html for html in pages.values())
    assert vnu_errors(pages) == {"release": [], "organization": []}


@pytest.mark.browser
def test_the_pdf_link_gives_the_release_on_letterhead(page, live_server, demo):
    """The page's PDF link, fetched as the browser would; its first page drawn by poppler for a look."""
    import shutil
    import subprocess

    if shutil.which("pdftoppm") is None:
        pytest.skip("needs poppler-utils (pdftoppm)")
    SCREENS.mkdir(parents=True, exist_ok=True)
    release = demo[SAMPLE_SLUG]
    page.goto(live_server.url + release.get_absolute_url())
    link = page.get_by_role("link", name="This release as a PDF")
    expect(link).to_be_visible()
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    pdf = SCREENS / "release.pdf"
    pdf.write_bytes(response.body())
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(SCREENS / "pdf")], check=True)
    first_page = next(SCREENS.glob("pdf-1.png"), None) or next(SCREENS.glob("pdf-01.png"))
    assert first_page.stat().st_size > 20_000
