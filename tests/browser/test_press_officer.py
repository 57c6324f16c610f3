"""A press officer in Chromium: write a release in the admin, get it wrong, put it right,
preview it, share a preview, publish it and move it. A Writer cannot publish."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from releases.models import Organization, PreviewLink, Quote, RelatedResource, Release, Signatory
from releases.sample_data.demo import SAMPLE_SLUG
from tests.browser.helpers import log_in, make_staff

TITLE = "Sheriffs in Three Counties Asked to End 287(g) Contracts"
SLUG = "sheriffs-asked-to-end-287g-contracts"
NEW_SLUG = "three-counties-asked-to-end-287g-contracts"
ALT = "Organizers hold a banner reading “Ditch 287(g)” outside the county jail"
SIGNATORIES = (
    "United We Dream, the American Civil Liberties Union, National Domestic Workers’ Alliance, "
    "the National Day Labor Organizing Network, Georgia Latino Alliance for Human Rights, "
    "Riverside Legal Aid Clinic, Coastal Sanctuary Network, Valley Worker Center and 57 more"
)
QUOTES = [
    "Our counties should not be doing ICE’s work. Today we ask the sheriffs to end these contracts.",
    "Every family deserves to call the police without fearing deportation.",
]


def counts():
    """Everything a half-saved release form could leave behind, uploaded files included."""
    from django.conf import settings

    media = Path(settings.MEDIA_ROOT)
    return {
        **{
            model.__name__: model.objects.count()
            for model in (Release, Quote, Signatory, RelatedResource, Organization, PreviewLink)
        },
        "files": sum(1 for path in media.rglob("*") if path.is_file()) if media.exists() else 0,
    }


def pick(page, field, text):
    """Choose `text` in one of the admin's autocomplete (select2) boxes; `field` locates its form row."""
    field.locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def message(page, text):
    """One of the admin's messages at the top of the page."""
    return page.locator(".messagelist li", has_text=text)


def error_next_to(page, field_class):
    """The error list inside the form row of a field (Django's admin puts it right above the input)."""
    return page.locator(f".form-row.{field_class} .errorlist, td.{field_class} .errorlist")


@pytest.fixture
def picture(tmp_path):
    path = tmp_path / "banner.png"
    Image.new("RGB", (1200, 630), (31, 58, 95)).save(path)
    return path


@pytest.fixture
def not_a_picture(tmp_path):
    path = tmp_path / "statement.png"  # named like an image; it is text
    path.write_text("Statement from the coalition, not an image.\n")
    return path


def fill_new_release(page, picture):
    page.get_by_label("Title:", exact=True).fill(TITLE)
    page.get_by_label("Slug:", exact=True).fill(SLUG)
    page.get_by_label("Deck:", exact=True).fill(
        "A coalition asks county sheriffs to stop acting as immigration agents"
    )
    page.get_by_label("Dateline:", exact=True).fill("Houston, TX")
    page.get_by_label("Body:", exact=True).fill(
        "Community groups delivered a letter to three county sheriffs today.\n\n[[quote 1]]\n\n"
        "The contracts come up for review next month.\n\n[[quote 2]]\n"
    )
    pick(page, page.locator(".form-row.field-issuer"), "United We Dream")
    pick(page, page.locator(".form-row.field-topics"), "287(g)")
    page.get_by_label("Paste signatories:", exact=True).fill(SIGNATORIES)

    page.get_by_role("button", name="Add another Quote").click()
    page.get_by_role("button", name="Add another Quote").click()
    first, second = page.locator("#quotes-0"), page.locator("#quotes-1")
    first.get_by_label("Text:", exact=True).fill(QUOTES[0])
    pick(page, first.locator(".field-speaker"), "Zenen Jaimez Perez")
    first.get_by_label("Speaker title").fill("Policy & Advocacy Analyst")
    second.get_by_label("Text:", exact=True).fill(QUOTES[1])
    second.get_by_label("Attribution").fill("The coalition’s letter to the sheriffs")

    page.get_by_role("button", name="Add another Related resource").click()
    page.get_by_role("button", name="Add another Related resource").click()
    for index, (kind, title, url) in enumerate(
        [
            ("letter", "The coalition’s letter to the sheriffs", "https://example.org/letter.pdf"),
            ("video", "Houston Without Fear at the county jail", "https://example.org/video"),
        ]
    ):
        page.locator(f"#id_resources-{index}-kind").select_option(kind)
        page.locator(f"#id_resources-{index}-title").fill(title)
        page.locator(f"#id_resources-{index}-url").fill(url)

    page.get_by_label("Featured image:", exact=True).set_input_files(picture)
    page.get_by_label("Image description (alt text):", exact=True).fill(ALT)


def save_and_continue(page):
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()


@pytest.mark.browser
def test_press_officer_writes_fixes_previews_publishes_and_moves_a_release(
    page, browser, live_server, demo, site, picture, not_a_picture
):
    base = live_server.url
    site.SITE_URL = base  # preview links are printed as absolute addresses
    make_staff("Editor")
    log_in(page, base, "editor")
    before = counts()

    # Mistake 1: the slug of an existing release.
    page.goto(base + reverse("admin:releases_release_add"))
    fill_new_release(page, picture)
    page.get_by_label("Slug:", exact=True).fill(SAMPLE_SLUG)
    save_and_continue(page)
    expect(page.locator(".errornote")).to_be_visible()
    expect(error_next_to(page, "field-slug")).to_contain_text("already exists")
    # The picture is kept across the refused form (defect 2 of issue 12), and every error is listed at the top.
    expect(page.locator(".field-featured_image .kept-upload")).to_contain_text("Image kept: banner.png")
    expect(page.locator("#error-summary")).to_contain_text("Slug")
    # The pasted signatories are shown for review (matched and new) before anything is saved.
    review = page.locator("#paste-review")
    expect(review).to_contain_text("6 matched, 2 new")
    expect(review.locator("tr", has_text="Coastal Sanctuary Network")).to_contain_text("New organization")
    assert counts() == before

    # Mistake 2: a text file where the image goes (it replaces the kept picture, and is refused).
    page.get_by_label("Slug:", exact=True).fill(SLUG)
    page.get_by_label("Featured image:", exact=True).set_input_files(not_a_picture)
    save_and_continue(page)
    expect(error_next_to(page, "field-featured_image")).to_contain_text("not an image")
    expect(error_next_to(page, "field-slug")).to_have_count(0)
    assert counts() == before

    # Mistake 3: a quote without its text.
    page.get_by_label("Featured image:", exact=True).set_input_files(picture)
    page.locator("#quotes-1").get_by_label("Text:", exact=True).fill("")
    save_and_continue(page)
    expect(page.locator("#quotes-1 .field-text .errorlist")).to_contain_text("This field is required")
    expect(page.locator("#quotes-0 .errorlist")).to_have_count(0)
    expect(error_next_to(page, "field-featured_image")).to_have_count(0)
    assert counts() == before

    # Put right: the draft saves with everything in it.
    page.locator("#quotes-1").get_by_label("Text:", exact=True).fill(QUOTES[1])
    page.get_by_label("Featured image:", exact=True).set_input_files(picture)
    save_and_continue(page)
    expect(message(page, "Saved as draft.")).to_be_visible()
    expect(message(page, "“and 57 more” recorded")).to_be_visible()
    release = Release.objects.get(slug=SLUG)
    assert release.status == Release.Status.DRAFT
    assert [q.text for q in release.quotes.order_by("position")] == QUOTES
    assert release.quotes.first().speaker.name == "Zenen Jaimez Perez"
    assert release.signatories.count() == 8
    assert release.unnamed_signatory_count == 57
    assert [r.kind for r in release.resources.order_by("position")] == ["letter", "video"]
    assert release.featured_image and release.featured_image_alt == ALT
    # Riverside Legal Aid Clinic is in the demo already: six matched, two created.
    expect(
        message(page, "6 matched existing organizations; created Coastal Sanctuary Network, Valley Worker")
    ).to_be_visible()
    assert counts()["Organization"] == before["Organization"] + 2
    assert counts()["files"] > before["files"]  # the picture (and its renditions) stored only now

    # The staff preview at the permalink, with the DRAFT banner and the uploaded picture.
    page.get_by_role("link", name="Preview", exact=True).first.click()
    expect(page).to_have_url(base + release.get_absolute_url())
    expect(page.get_by_role("note")).to_contain_text("DRAFT")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    image = page.get_by_role("img", name=ALT)
    expect(image).to_be_visible()
    assert image.evaluate("(img) => img.complete && img.naturalWidth") > 0
    expect(page.locator("#quote-2")).to_contain_text("without fearing deportation")
    expect(page.get_by_role("region", name="Signed by")).to_contain_text("and 57 more")

    # A shareable preview link, opened by someone who is not signed in.
    page.goto(base + reverse("admin:releases_release_change", args=[release.pk]))
    page.get_by_role("button", name="Add another Preview link").click()
    page.locator("#id_preview_links-0-label").fill("Houston Chronicle, embargoed copy")
    save_and_continue(page)
    link = page.locator(".field-link a.shared-link").first.get_attribute("href")
    assert link.startswith(base + "/preview/")
    reader = browser.new_context()
    stranger = reader.new_page()
    assert stranger.goto(base + release.get_absolute_url()).status == 404  # drafts stay private
    response = stranger.goto(link)
    assert response.status == 200
    assert "noindex" in response.headers.get("x-robots-tag", "")
    expect(stranger.get_by_role("note")).to_contain_text("private preview link")
    expect(stranger.get_by_role("heading", level=1)).to_have_text(TITLE)

    # Publish, and the release leads the home page.
    page.get_by_role("button", name="Publish now").click()
    expect(message(page, "Published now")).to_be_visible()
    release.refresh_from_db()
    assert release.state == Release.State.PUBLISHED
    stranger.goto(base + "/")
    expect(stranger.get_by_role("link", name=TITLE)).to_be_visible()
    stranger.get_by_role("link", name=TITLE).first.click()
    expect(stranger).to_have_url(base + release.get_absolute_url())
    expect(stranger.get_by_role("note")).to_have_count(0)  # no banner once public

    # A new slug: the old address answers with a permanent redirect to the new one.
    page.get_by_label("Minor: a typo or formatting; readers are not told").check()
    page.get_by_label("Slug:", exact=True).fill(NEW_SLUG)
    save_and_continue(page)
    expect(message(page, "readers see the change now")).to_be_visible()
    old_url = base + reverse("releases:release_detail", kwargs={"slug": SLUG})
    new_url = base + reverse("releases:release_detail", kwargs={"slug": NEW_SLUG})
    moved = stranger.request.get(old_url, max_redirects=0)
    assert moved.status == 301
    assert moved.headers["location"] in (new_url, new_url.removeprefix(base))
    stranger.goto(old_url)
    expect(stranger).to_have_url(new_url)
    expect(stranger.get_by_role("heading", level=1)).to_have_text(TITLE)
    reader.close()


@pytest.mark.browser
def test_a_writer_cannot_publish_from_the_browser(page, live_server, demo):
    base = live_server.url
    make_staff("Writer")
    draft = next(release for release in demo.values() if release.state == Release.State.DRAFT)
    log_in(page, base, "writer")

    # The release list offers no publishing action: no action menu at all.
    page.goto(base + reverse("admin:releases_release_changelist"))
    expect(page.get_by_role("link", name=draft.title)).to_be_visible()
    expect(page.locator("select[name=action]")).to_have_count(0)

    # Posting the action anyway, from a page of the admin with its CSRF token, changes nothing.
    page.goto(base + reverse("admin:releases_release_change", args=[draft.pk]))
    with page.expect_navigation() as navigation:
        page.evaluate(
            """([url, pk]) => {
            const form = document.createElement('form');
            form.method = 'post';
            form.action = url;
            const fields = {csrfmiddlewaretoken: document.querySelector('[name=csrfmiddlewaretoken]').value,
                            action: 'publish_selected', _selected_action: pk, index: '0'};
            for (const [name, value] of Object.entries(fields)) {
                const input = document.createElement('input');
                input.type = 'hidden'; input.name = name; input.value = value;
                form.append(input);
            }
            document.body.append(form);
            form.submit();
        }""",
            [reverse("admin:releases_release_changelist"), str(draft.pk)],
        )
    assert navigation.value.status < 500  # ignored (no action is offered to a Writer), never an error
    draft.refresh_from_db()
    assert draft.state == Release.State.DRAFT

    # The form shows the status as text, and says who publishes.
    page.goto(base + reverse("admin:releases_release_change", args=[draft.pk]))
    expect(page.locator("select#id_status")).to_have_count(0)
    expect(page.locator(".form-row.field-state_now .readonly")).to_have_text("Draft")
    expect(page.get_by_text("An editor publishes, schedules or withdraws.")).to_be_visible()

    # A status smuggled into the form is ignored: the draft saves and stays a draft.
    page.locator("#release_form").evaluate(
        """(form) => {
            for (const [name, value] of [['status', 'published'], ['publish_at_0', '2020-01-01'],
                                         ['publish_at_1', '10:00:00']]) {
                const input = document.createElement('input');
                input.type = 'hidden'; input.name = name; input.value = value;
                form.append(input);
            }
        }"""
    )
    page.get_by_label("Title:", exact=True).fill("Draft: Spring Volunteer Drive, revised")
    save_and_continue(page)
    expect(message(page, "Saved as draft.")).to_be_visible()
    draft.refresh_from_db()
    assert draft.title == "Draft: Spring Volunteer Drive, revised"
    assert draft.state == Release.State.DRAFT
    assert draft.publish_at is None

    # A published release is read-only for a Writer: no save buttons at all.
    public = Release.objects.get(slug=SAMPLE_SLUG)
    page.goto(base + reverse("admin:releases_release_change", args=[public.pk]))
    expect(page.get_by_role("button", name=re.compile("^Save"))).to_have_count(0)
