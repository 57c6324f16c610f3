"""A press officer in Chromium pastes the sample release as written into "New release from text",
reviews what each part became, saves a draft and finds every part on its preview. axe-core finds
nothing to fix on the two import screens."""

from pathlib import Path

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from releases.models import Release
from tests.browser.helpers import axe_violations, log_in, make_staff, require

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "over-60-groups-tell-obama-administration.txt"

pytestmark = pytest.mark.browser


def test_paste_review_save_and_preview_every_part(page, live_server, site):
    require("axe")
    make_staff("Editor")
    base = live_server.url
    log_in(page, base, "editor")
    page.goto(base + reverse("admin:index"))
    page.get_by_role("link", name="New releases from text").click()
    assert axe_violations(page) == []
    expect(page.get_by_label("Paste with formatting")).to_be_visible()  # the script shows the rich area
    page.get_by_label("Paste the release").fill(SAMPLE.read_text(encoding="utf-8"))
    page.get_by_role("button", name="Read the release").click()

    # The review: the text as written beside the parts, each name marked new (the archive is empty).
    expect(page.get_by_role("heading", name="What it became")).to_be_visible()
    expect(page.locator("pre.original")).to_contain_text("A coalition of 63 organizations")
    expect(page.locator("#id_title")).to_have_value(
        "Over 60 Groups Tell Obama Administration to End Controversial Deportation Program"
    )
    expect(page.locator("#id_dateline")).to_have_value("Washington, DC")
    expect(page.locator("#quote-1")).to_contain_text("new")
    expect(page.locator(".names li")).to_have_count(8)
    assert axe_violations(page) == []
    assert Release.objects.count() == 0  # nothing is saved before the save
    page.locator("#id_title").fill("Over 60 Groups Tell the Obama Administration to End 287(g)")
    page.get_by_role("button", name="Save draft").click()

    expect(page.locator(".messagelist li", has_text="saved from the text")).to_be_visible()
    release = Release.objects.get()
    assert release.status == Release.Status.DRAFT

    # The staff preview at the permalink shows every part.
    page.goto(base + f"/releases/{release.slug}/")
    expect(page.get_by_role("note")).to_contain_text("DRAFT")
    article = page.locator("main")
    for text in (
        "Over 60 Groups Tell the Obama Administration to End 287(g)",
        "Administration’s Calls for Better Community Policing Ring Hollow",
        "Washington, DC",
        "While the Obama Administration has made headlines",
        "Zenen Jaimez Perez",
        "Policy & Advocacy Analyst",
        "Raul Alcaraz Ochoa",
        "In the letter, the groups state that:",
        "The 287(g) program harms community trust in police",
        "The letter",
        "American Civil Liberties Union",
        "Immigrant Legal Resource Center",
        "57 more",
        "Here’s Why ICE Should Not Renew Contracts",
        "Houston Without Fear Stands Against 287(g) Program",
        "United We Dream is the largest immigrant youth-led organization",
    ):
        expect(article).to_contain_text(text)
    expect(article).not_to_contain_text("Read at:")
