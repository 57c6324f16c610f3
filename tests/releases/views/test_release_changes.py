"""Public diffs of corrections (/releases/<slug>/changes/) and version-pinned addresses (/v/<n>/):
only what readers saw, word by word; never a draft, an embargoed edit or anything between."""

import re
from datetime import timedelta

import pytest
import reversion
from django.urls import reverse
from django.utils import timezone

from releases import publishing
from releases.models import PublishedVersion, Release
from releases.reading import changes
from releases.sample_data import demo
from tests import factories
from tests.admin_helpers import change_url, errors_of, form_data
from tests.pages import tags

pytestmark = pytest.mark.django_db


def changes_url(release):
    return reverse("releases:release_changes", kwargs={"slug": release.slug})


def version_url(release, number):
    return reverse("releases:release_version", kwargs={"slug": release.slug, "number": number})


def text_of(response):
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def corrected(release, body, note="Corrected a figure.", at=None):
    """A major edit as staff make it: the text saved, then the change note."""
    release.body = body
    publishing.save_release(release)
    publishing.record_major_edit(release, note, at=at)
    return release


def test_the_demo_correction_shows_the_words_it_changed(client):
    demo.load_fiction()
    release = Release.objects.get(title="Clean Rivers Coalition Publishes Annual Water Quality Report")
    response = client.get(changes_url(release))
    html = response.content.decode()
    assert "Corrected the number of samples taken, from 2,000 to 3,000." in html
    diff = html[html.index('<div class="diff">') :]
    assert re.search(r"<del>.*2,000.*</del>", diff) and re.search(r"<ins>.*3,000.*</ins>", diff)
    assert "[removed: " in diff and "[added: " in diff  # said, not only coloured
    assert "1 word added, 1 removed" in text_of(response)
    # Each version at its own address: the first keeps the words it was published with.
    first = text_of(client.get(version_url(release, 1)))
    assert "more than 2,000 samples" in first and "3,000" not in first
    assert "version 1 of 2" in first
    second = client.get(version_url(release, 2))
    assert "more than 3,000 samples" in text_of(second)
    assert "the current version" in text_of(second)
    for response in (client.get(version_url(release, 1)), second):
        [canonical] = tags(response, "link", rel="canonical")
        assert canonical["href"].endswith(release.get_absolute_url())
    assert tags(client.get(version_url(release, 1)), "a", href=release.get_absolute_url())
    assert client.get(version_url(release, 3)).status_code == 404
    # The release page leads to its changes.
    assert tags(client.get(release.get_absolute_url()), "a", href=changes_url(release))


def test_times_are_in_the_newsrooms_zone_and_labelled(client, settings):
    settings.TIME_ZONE = "America/New_York"
    release = factories.release("Zoned", at=timezone.now() - timedelta(days=3))
    corrected(release, "New words.")
    page = text_of(client.get(changes_url(release)))
    assert "Times are New York time (" in page
    assert re.search(r"\b(EST|EDT)\b", page)


def test_only_published_versions_appear_never_a_draft_or_an_embargoed_edit(client):
    release = factories.release(
        "Many drafts", state="draft", body="DRAFTMARKER words that were never published.\n\nSecond paragraph."
    )
    release.body = "REVIEWMARKER words.\n\nSecond paragraph."
    publishing.save_release(release)
    publishing.submit_for_review(release)
    publishing.schedule(release, timezone.now() + timedelta(days=1))
    release.body = "EMBARGOMARKER words, edited under embargo.\n\nSecond paragraph."
    publishing.save_release(release)
    release.body = "The words readers first saw.\n\nSecond paragraph."
    publishing.save_release(release)
    publishing.publish(release, at=timezone.now() - timedelta(minutes=5))  # its time has come
    assert release.state == Release.State.PUBLISHED
    corrected(release, "The corrected words readers saw next.\n\nSecond paragraph.")
    # A revision in the history that readers never saw (saved and undone inside one revision).
    with reversion.create_revision():
        release.body = "SECRETMARKER never public.\n\nSecond paragraph."
        Release.objects.filter(pk=release.pk).update(body=release.body)
        reversion.add_to_revision(release)
        Release.objects.filter(pk=release.pk).update(body="The corrected words readers saw next.\n\nSecond paragraph.")
    release.refresh_from_db()
    corrected(release, "The third words.\n\nSecond paragraph.", note="Second correction.")

    pages = [text_of(client.get(changes_url(release)))]
    pages += [text_of(client.get(version_url(release, n))) for n in (1, 2, 3)]
    assert client.get(version_url(release, 4)).status_code == 404
    for page in pages:
        for marker in ("DRAFTMARKER", "REVIEWMARKER", "EMBARGOMARKER", "SECRETMARKER"):
            assert marker not in page
    assert "The words readers first saw." in pages[1]
    assert "The corrected words readers saw next." in pages[2]
    assert "The third words." in pages[3]
    assert [v.number for v in PublishedVersion.objects.filter(release=release)] == [1, 2, 3]


def test_a_schedule_taken_back_leaves_no_version(client):
    release = factories.release("Taken back", state="draft")
    publishing.schedule(release, timezone.now() + timedelta(days=1))
    release.body = "Edited under embargo."
    publishing.save_release(release)
    assert PublishedVersion.objects.filter(release=release).exists()
    publishing.unpublish(release)
    assert not PublishedVersion.objects.filter(release=release).exists()


def test_a_major_edit_in_the_admin_keeps_the_old_quote_in_version_one(client, editor):
    release = factories.release("Quoted", body="Opening.\n\n[[quote 1]]\n\nClosing.")
    factories.quote(release, text="The words first quoted.", speaker=factories.person("Ada Speaker"))
    data = form_data(client.get(change_url(release)))
    data.update({"quotes-0-text": "The words quoted after the correction.", "edit_kind": "major"})
    data["change_note"] = "Corrected the quote."
    response = client.post(change_url(release), data)
    assert response.status_code == 302, errors_of(response)
    client.logout()
    first = text_of(client.get(version_url(release, 1)))
    assert "The words first quoted." in first and "after the correction" not in first
    page = client.get(changes_url(release)).content.decode()
    assert "Corrected the quote." in page
    assert re.search(r"<ins>.*after the correction.*</ins>", page)
    # A minor edit afterwards amends the current version; the first stays as it was.
    client.force_login(editor)
    data = form_data(client.get(change_url(release)))
    data.update({"title": "Quoted, typo fixed", "edit_kind": "minor"})
    assert client.post(change_url(release), data).status_code == 302
    client.logout()
    assert "Quoted, typo fixed" in text_of(client.get(version_url(release, 2)))
    assert "Quoted, typo fixed" not in text_of(client.get(version_url(release, 1)))


def test_a_release_never_corrected_has_one_version(client):
    release = factories.release("Untouched")
    page = text_of(client.get(changes_url(release)))
    assert "one published version" in page
    assert "Untouched" in text_of(client.get(version_url(release, 1)))
    assert client.get(version_url(release, 2)).status_code == 404


@pytest.mark.parametrize("state", ["draft", "review", "scheduled"])
def test_changes_and_versions_of_a_release_readers_cannot_see_are_404(client, state):
    release = factories.release(f"Hidden {state}", state="draft" if state == "review" else state)
    if state == "review":
        publishing.submit_for_review(release)
    for url in (changes_url(release), version_url(release, 1)):
        assert client.get(url).status_code == 404, url


def test_an_embargoed_release_an_editor_tried_to_withdraw_has_no_changes_page(client):
    release = factories.release("Embargoed", state="scheduled")
    with pytest.raises(publishing.NotAllowed):
        publishing.withdraw(release, "Too early.")
    assert client.get(changes_url(release)).status_code == 404
    assert client.get(version_url(release, 1)).status_code == 404


def test_a_withdrawn_release_keeps_its_history(client):
    release = factories.release("To be withdrawn", at=timezone.now() - timedelta(days=5))
    corrected(release, "Corrected words.")
    publishing.withdraw(release, "Issued in error.")
    response = client.get(changes_url(release))
    page = text_of(response)
    assert "This release was withdrawn" in page and "Issued in error." in page
    assert response["X-Robots-Tag"] == "noindex"
    assert "This release was withdrawn" in text_of(client.get(version_url(release, 1)))


def test_old_slugs_redirect_to_the_same_version(client):
    release = factories.release("Moving versions", slug="first-slug", at=timezone.now() - timedelta(days=2))
    corrected(release, "New words.")
    release.slug = "second-slug"
    publishing.save_release(release)
    response = client.get("/releases/first-slug/v/2/")
    assert response.status_code == 301 and response["Location"] == "/releases/second-slug/v/2/"
    response = client.get("/releases/first-slug/changes/")
    assert response.status_code == 301 and response["Location"] == "/releases/second-slug/changes/"


@pytest.mark.parametrize("number", ["0", "01", "99999999999999999999", "-1", "x"])
def test_nonsense_version_numbers_are_404(client, number):
    release = factories.release()
    assert client.get(f"/releases/{release.slug}/v/{number}/").status_code == 404


def test_the_pages_change_after_commit_with_the_page_cache_on(client, settings, committing):
    settings.PAGE_CACHE = True
    release = committing(factories.release, "Cached", at=timezone.now() - timedelta(days=2))
    assert "one published version" in text_of(client.get(changes_url(release)))
    assert client.get(version_url(release, 2)).status_code == 404
    committing(corrected, release, "Cached words changed.", "A cached correction.")
    assert "A cached correction." in text_of(client.get(changes_url(release)))
    assert "Cached words changed." in text_of(client.get(version_url(release, 2)))


def test_word_diff_marks_words_and_folds_unchanged_paragraphs():
    old = "\n\n".join(["Title", "One two three.", *[f"Same paragraph {n}." for n in range(6)], "Four five."])
    new = "\n\n".join(["Title", "One 2 three.", *[f"Same paragraph {n}." for n in range(6)], "Four five six."])
    paragraphs, added, removed = changes.diff(old, new)
    assert (added, removed) == (3, 2)  # "2", "five", "six." / "two", "five."
    html = changes.diff_html(paragraphs)
    assert "unchanged paragraphs" in html
    assert "Same paragraph 3." not in html
    assert "Same paragraph 0." in html and "Same paragraph 5." in html  # context either side


def test_a_corrected_release_can_still_be_deleted(client, editor):
    release = factories.release("To delete", at=timezone.now() - timedelta(days=2))
    corrected(release, "Corrected words.")
    response = client.post(reverse("admin:releases_release_delete", args=[release.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not Release.objects.filter(pk=release.pk).exists()
    assert not PublishedVersion.objects.exists()


def test_a_long_release_is_still_compared_word_by_word():
    paragraphs = [" ".join(f"word{n}x{i}" for i in range(100)) for n in range(300)]  # 30,000 words
    old = "\n\n".join(paragraphs)
    new = old.replace("word150x7 ", "changed ")
    folded, added, removed = changes.diff(old, new)
    assert (added, removed) == (1, 1)
    html = changes.diff_html(folded)
    assert re.search(r"<del>[^<]*<span[^>]*>\[removed: </span>word150x7<span", html)
    assert "149 unchanged paragraphs" in html and "148 unchanged paragraphs" in html
