"""The whole publishing flow in Chromium, at 1280 px and on a 390 px phone (issue 12): a Writer writes
and submits; an Editor reviews and schedules; the release goes live by itself; the Editor corrects it
(a major edit), reverts the correction, and withdraws it. axe finds nothing on the admin pages used;
the new release form and the list are saved as screenshots (SCREENS, outside the repository)."""

import os
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect
from reversion.models import Version

from releases.models import Release
from tests import factories
from tests.browser.helpers import axe_violations, log_in, make_staff

SCREENS = Path(os.environ.get("PRESSROOM_SCREENS", "/work/screens/publishing"))
TITLE = "County Clinics Extend Evening Hours"
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def screenshot(page, name):
    try:
        SCREENS.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # nowhere to put them (a clean clone in CI): the checks still run
    page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)


def message(page, text):
    return page.locator(".messagelist li", has_text=text)


def pick(page, row, text):
    row.locator(".select2-selection").first.click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def no_axe_violations(page, where, found):
    violations = axe_violations(page)
    if violations:
        found[where] = violations


def fits(page, width):
    """Nothing of the page, nor of the release table, reaches past the screen's width (nor past its
    own box, which would hide the last column behind a sideways scroll)."""
    return page.evaluate(
        """(width) => document.documentElement.scrollWidth <= width
            && document.querySelector('#result_list').getBoundingClientRect().right <= width
            && document.querySelector('#result_list').getBoundingClientRect().right
               <= document.querySelector('#result_list').closest('.results').getBoundingClientRect().right + 1
            && [...document.querySelectorAll('#result_list td, #result_list th')]
                 .every((cell) => cell.scrollWidth <= cell.clientWidth + 1)""",
        width,
    )


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("screen", ["desktop", "phone"])
def test_write_submit_review_schedule_live_correct_revert_withdraw(page, browser, live_server, site, screen):
    base, viewport = live_server.url, VIEWPORTS[screen]
    site.SITE_URL = base
    issuer = factories.organization("Harbor County Health Alliance")
    factories.person("Dana Whitfield", title="Executive Director", organization=issuer)
    make_staff("Writer")
    editor_account = make_staff("Editor")
    editor_account.email = "editor@pressroom.test"
    editor_account.save()
    axe_found = {}

    writer = browser.new_context(viewport=viewport, locale="en-US").new_page()
    writer.set_default_timeout(10_000)
    log_in(writer, base, "writer")

    # Write: the form in the order a release is written; choosing the speaker fills in the title as stored.
    writer.goto(base + reverse("admin:releases_release_add"))
    writer.get_by_label("Title:", exact=True).fill(TITLE)
    writer.get_by_label("Deck:", exact=True).fill("Four clinics stay open until 9 p.m. from Monday")
    writer.get_by_label("Dateline:", exact=True).fill("Harbor City")
    pick(writer, writer.locator(".form-row.field-issuer"), "Harbor County Health")
    writer.get_by_label("Body:", exact=True).fill("The county's clinics will stay open later.\n\n[[quote 1]]\n")
    writer.get_by_role("button", name="Add another Quote").click()
    quote = writer.locator("#quotes-0")
    quote.get_by_label("Text:", exact=True).fill("Working families should not choose between a shift and a doctor.")
    pick(writer, quote.locator(".field-speaker"), "Dana Whitfield")
    expect(quote.get_by_label("Speaker title")).to_have_value("Executive Director")  # defect 7
    expect(quote.locator(".field-speaker_organization .select2-selection")).to_contain_text("Harbor County Health")
    screenshot(writer, f"new-release-form-{screen}")
    no_axe_violations(writer, "new release form", axe_found)

    # Submit for review: the state says so, and the Editors are told.
    writer.get_by_role("button", name="Submit for review").click()
    expect(message(writer, "Submitted for review")).to_be_visible()
    expect(writer.locator(".release-state")).to_contain_text("In review")
    release = Release.objects.get(title=TITLE)
    assert release.state == Release.State.REVIEW

    # Review: the Editor finds it on the admin's front page and schedules it a few seconds ahead.
    editor = browser.new_context(viewport=viewport, locale="en-US").new_page()
    editor.set_default_timeout(10_000)
    log_in(editor, base, "editor")
    no_axe_violations(editor, "admin index", axe_found)
    editor.locator("#waiting-for-review").get_by_role("link", name=TITLE).click()
    expect(editor.locator(".release-state")).to_contain_text("In review")
    no_axe_violations(editor, "release form in review", axe_found)
    goes_live = timezone.localtime(timezone.now() + timedelta(seconds=12))
    editor.locator("#id_publish_at_0").fill(goes_live.date().isoformat())
    editor.locator("#id_publish_at_1").fill(goes_live.strftime("%H:%M:%S"))
    editor.get_by_role("button", name="Schedule").click()
    expect(message(editor, "Scheduled for")).to_contain_text(goes_live.strftime("%H:%M"))
    expect(editor.locator(".release-state")).to_contain_text("Scheduled")

    # Goes live by itself: 404 to readers until the time, then the page, with no one saving anything.
    reader = browser.new_context(viewport=viewport).new_page()
    assert reader.goto(base + release.get_absolute_url()).status == 404
    reader.wait_for_timeout(max(0, (goes_live - timezone.now()).total_seconds() + 1) * 1000)
    assert reader.goto(base + release.get_absolute_url()).status == 200
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)

    # Correct: a major edit adds a public change note.
    editor.reload()
    editor.get_by_label("Deck:", exact=True).fill("Four clinics stay open until 8 p.m. from Monday")
    editor.get_by_label("Major: a correction or update", exact=False).check()
    editor.get_by_label("Change note:", exact=True).fill("Corrected the closing time: 8 p.m., not 9 p.m.")
    before_correction = Version.objects.get_for_object(release).first()
    editor.locator("input[name=_continue]").click()
    expect(message(editor, "readers see the change now")).to_be_visible()
    reader.reload()
    expect(reader.locator("body")).to_contain_text("Corrected the closing time")

    # Revert the correction: the note stays (append-only) and the revert is itself a recorded edit.
    editor.goto(base + reverse("admin:releases_release_history", args=[release.pk]))
    no_axe_violations(editor, "history", axe_found)
    editor.goto(base + reverse("admin:releases_release_revision", args=[release.pk, before_correction.pk]))
    editor.get_by_label("Major: a correction or update", exact=False).check()
    editor.get_by_label("Change note:", exact=True).fill("Reverted the correction: the clinics do close at 9 p.m.")
    editor.locator("input[name=_save]").click()
    expect(editor.locator(".messagelist")).to_contain_text("readers see the change now")
    reader.reload()
    expect(reader.locator("body")).to_contain_text("Corrected the closing time")
    expect(reader.locator("body")).to_contain_text("Reverted the correction")
    expect(reader.locator("body")).to_contain_text("until 9 p.m.")

    # Withdraw, with the public reason on a page of its own.
    editor.goto(base + reverse("admin:releases_release_change", args=[release.pk]))
    editor.get_by_role("link", name="Withdraw…").click()
    no_axe_violations(editor, "withdraw page", axe_found)
    editor.get_by_label("Public reason").fill("The county postponed the change.")
    editor.get_by_role("button", name="Withdraw").click()
    expect(message(editor, "withdrawn")).to_be_visible()
    reader.reload()
    expect(reader.get_by_role("note")).to_contain_text("This release was withdrawn")

    # The list: title, state badge, time in the newsroom's zone; it fits the screen.
    editor.goto(base + reverse("admin:releases_release_changelist"))
    expect(editor.locator("#result_list .state-badge").first).to_have_text("Withdrawn")
    screenshot(editor, f"release-list-{screen}")
    no_axe_violations(editor, "release list", axe_found)
    assert fits(editor, viewport["width"]), "the release list scrolls sideways"
    assert axe_found == {}
