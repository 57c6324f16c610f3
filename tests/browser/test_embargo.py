"""Embargoes in Chromium (issue 15): an Editor shares a scheduled release with two journalists in the
admin, each gets their link by email (a real SMTP server, the worker's work run here), one opens it
and sees the EMBARGOED UNTIL banner, and the Editor sees who opened it, on the release's form and in
the embargo list. The embargoed page passes axe and vnu at 1280 and 390 px; screenshots go to SCREENS."""

import os
import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from releases import publishing
from tests import factories
from tests.browser.helpers import axe_violations, log_in, make_staff, vnu_errors
from worker.runner import drain

SCREENS = Path(os.environ.get("PRESSROOM_SCREENS", "/work/screens/embargo"))
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
LINK = re.compile(r"https?://\S+/preview/\S+/")


def screenshot(page, name):
    try:
        SCREENS.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)


def add_recipient(page, index, name, outlet, email):
    page.get_by_role("button", name="Add another Embargo recipient").click()
    page.locator(f"#id_embargo_recipients-{index}-recipient_name").fill(name)
    page.locator(f"#id_embargo_recipients-{index}-recipient_outlet").fill(outlet)
    page.locator(f"#id_embargo_recipients-{index}-recipient_email").fill(email)


@pytest.mark.browser
def test_an_editor_shares_an_embargo_and_sees_who_opened_it(page, browser, live_server, site, smtp_server):
    base = live_server.url
    site.SITE_URL = base
    site.TIME_ZONE = "America/New_York"
    new_york = ZoneInfo("America/New_York")
    tomorrow = timezone.now().astimezone(new_york) + timedelta(days=1)
    lifts = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 9, 0, tzinfo=new_york)
    release = factories.release(
        "County Budget Adds Two Hundred Nurses",
        state="draft",
        subtitle="The health department’s share grows by a fifth",
        slug="county-budget-adds-nurses",
    )
    factories.quote(release, text="Nurses are the front door of public health.", speaker=factories.person("D. Ortiz"))
    publishing.schedule(release, lifts)
    make_staff("Editor")
    page.set_viewport_size(VIEWPORTS["desktop"])
    log_in(page, base, "editor")

    # The Editor shares it with two journalists, from the release's form.
    page.goto(base + reverse("admin:releases_release_change", args=[release.pk]))
    add_recipient(page, 0, "Ana Ruiz", "El Diario", "ana@example.org")
    add_recipient(page, 1, "Bo Chen", "Metro Wire", "bo@example.org")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist li.success")).to_be_visible()
    recipients = page.locator("#embargo_recipients-group")
    expect(recipients).to_contain_text("Ana Ruiz")
    expect(recipients).to_contain_text("Waiting for the worker")
    drain()  # the worker's part: the nudge the save queued
    assert sorted(m.rcpt_tos[0] for m in smtp_server.messages) == ["ana@example.org", "bo@example.org"]
    to_ana = next(m.message for m in smtp_server.messages if m.rcpt_tos == ["ana@example.org"])
    [link] = LINK.findall(to_ana.get_body(preferencelist=("plain",)).get_content())

    # Ana opens her link: the embargo banner, in the newsroom's zone.
    journalist = browser.new_context().new_page()
    documents = {}
    for screen, size in VIEWPORTS.items():
        journalist.set_viewport_size(size)
        response = journalist.goto(link)
        assert response.status == 200
        assert response.headers["x-robots-tag"] == "noindex"
        assert "no-store" in response.headers["cache-control"]
        banner = journalist.get_by_role("note")
        expect(banner).to_contain_text(f"EMBARGOED UNTIL {lifts.day} {lifts:%b %Y}, 09:00 E")
        expect(banner).to_contain_text("Shared with Ana Ruiz (El Diario) alone")
        expect(journalist.get_by_role("heading", level=1)).to_have_text("County Budget Adds Two Hundred Nurses")
        assert journalist.evaluate("document.documentElement.scrollWidth") <= size["width"]
        assert axe_violations(journalist) == [], screen
        documents[screen] = response.body()
        screenshot(journalist, f"embargoed-page-{screen}")
    assert vnu_errors(documents) == {name: [] for name in documents}

    # The Editor sees who opened it: on the form, and in the embargo list.
    page.reload()
    expect(page.locator("#embargo_recipients-group")).to_contain_text("2 times, last")
    expect(page.locator("#embargo_recipients-group")).to_contain_text("Not yet")
    expect(page.locator(".link-openings")).to_contain_text("Ana Ruiz (El Diario)")
    copy = page.locator("#embargo_recipients-group .copy-link").first
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    copy.click()
    expect(copy).to_have_text("Copied")
    shown = page.locator("#embargo_recipients-group a.shared-link").first.get_attribute("href")
    assert page.evaluate("navigator.clipboard.readText()") == shown
    assert shown.startswith(base + "/preview/")
    page.locator("#embargo_recipients-group").scroll_into_view_if_needed()
    screenshot(page, "release-form-recipients-desktop")
    page.goto(base + reverse("admin:releases_release_changelist"))
    page.get_by_role("link", name="Under embargo").click()
    table = page.locator("#embargo-list")
    expect(table).to_contain_text("County Budget Adds Two Hundred Nurses")
    expect(table).to_contain_text("Ana Ruiz (El Diario): opened 2 times")
    expect(table).to_contain_text("Bo Chen (Metro Wire): not opened")
    screenshot(page, "embargo-list-desktop")
    admin_found = {"embargo list, desktop": axe_violations(page)}
    page.set_viewport_size(VIEWPORTS["phone"])
    screenshot(page, "embargo-list-phone")
    admin_found["embargo list, phone"] = axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS["phone"]["width"]
    page.goto(base + reverse("admin:releases_release_change", args=[release.pk]))
    screenshot(page, "release-form-recipients-phone")
    # Of the release form, the parts this adds: the two sharing inlines and the openings log.
    admin_found["release form's sharing, phone"] = [
        v for v in axe_violations(page) if "embargo_recipients" in v or "preview_links" in v or "link-openings" in v
    ]
    assert admin_found == {name: [] for name in admin_found}
