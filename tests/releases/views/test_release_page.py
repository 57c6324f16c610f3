"""The release page: what it shows and in what order, who may see it, its query budget, and its social card."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from pagecache import content_version
from releases import publishing
from releases.media import social_cards
from releases.models import Release
from releases.reading import site
from releases.sample_data import demo
from tests import factories
from tests.pages import at, count_queries, dressed_release, tags

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample():
    return demo.load_sample()


@pytest.fixture
def staff_client(client):
    user = User.objects.create_user("editor", password="pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_release"))
    client.force_login(user)
    return client


# --- The release page ------------------------------------------------------


def test_release_page_shows_the_sample_in_reading_order(client, sample):
    html = client.get(sample.get_absolute_url()).content.decode()
    html = html[html.index("<main") :]
    expected_in_order = [
        "<h1>Over 60 Groups Tell Obama Administration to End Controversial Deportation Program</h1>",
        "Administration’s Calls for Better Community Policing Ring Hollow",
        "Washington, DC",
        "July 15, 2015",
        "A coalition of 63 organizations have sent a letter",
        'id="quote-1"',
        "While the Obama Administration has made headlines",
        'id="quote-2"',
        "In the letter, the groups state that:",
        'id="quote-3"',
        "The coalition’s letter to DHS and ICE",
        "Signed by",
        "American Civil Liberties Union",
        "and 57 more",
        "Related resources",
        "Blog",
        "Here’s Why ICE Should Not Renew Contracts",
        "Video",
        "Houston Without Fear Stands Against 287(g) Program",
        "About United We Dream",
        "United We Dream is the largest immigrant youth-led organization",
        "Originally published at",
        sample.source_url,
        "The original release carries no date.",
        'id="topics-heading"',
        ">287(g)</a>",
    ]
    positions = [html.find(text) for text in expected_in_order]
    assert -1 not in positions, [t for t, p in zip(expected_in_order, positions, strict=True) if p == -1]
    assert positions == sorted(positions)
    assert "[[quote" not in html


def test_quote_speaker_links_to_person_page_and_organization_as_printed(client, sample):
    response = client.get(sample.get_absolute_url())
    zenen = sample.quotes.get(position=1).speaker
    assert tags(response, "a", href=zenen.get_absolute_url())
    assert "Policy &amp; Advocacy Analyst" in response.content.decode()
    assert tags(response, "a", href=sample.issuer.get_absolute_url())


def test_signatories_link_to_organization_pages(client, sample):
    response = client.get(sample.get_absolute_url())
    for signatory in sample.signatories.all():
        assert tags(response, "a", href=signatory.organization.get_absolute_url())


def test_resources_without_url_are_shown_unlinked_and_with_url_linked(client):
    release = factories.release()
    factories.resource(release, title="Lost link", kind="video", url="")
    factories.resource(release, title="Live link", kind="letter", url="https://example.org/letter")
    html = client.get(release.get_absolute_url()).content.decode()
    assert "<li>Lost link</li>" in html
    assert '<a href="https://example.org/letter">Live link</a>' in html
    assert html.index("<h3>Video</h3>") < html.index("<h3>Letter</h3>")  # grouped in the order of kinds


def test_unplaced_quotes_follow_the_opening_paragraph(client):
    release = factories.release(body="Opening paragraph here.\n\nSecond paragraph here.")
    factories.quote(release, text="An unplaced quote.")
    html = client.get(release.get_absolute_url()).content.decode()
    assert html.index("Opening paragraph here.") < html.index("An unplaced quote.") < html.index("Second paragraph")


def test_quote_without_speaker_shows_its_attribution(client):
    release = factories.release()
    factories.quote(release, text="Words of a letter.", attribution="The coalition's letter")
    assert "The coalition&#x27;s letter" in client.get(release.get_absolute_url()).content.decode()


def test_updated_release_shows_date_and_change_notes(client):
    release = factories.release(at=at(2020, 3, 1))
    publishing.record_major_edit(release, "Corrected a figure.", at=at(2020, 3, 5))
    html = client.get(release.get_absolute_url()).content.decode()
    assert "Updated" in html and "March 5, 2020" in html
    assert "Corrected a figure." in html
    assert 'href="#changes"' in html and 'id="changes"' in html


def test_a_named_contact_renders_with_call_and_mail_links(client):
    release = factories.release()
    factories.release_contact(release, factories.contact(name="Ana Press", email="press@example.org"))
    html = client.get(release.get_absolute_url()).content.decode()
    assert "Press contact" in html and "Ana Press" in html
    assert 'href="mailto:press@example.org"' in html
    assert 'href="tel:+12025550143"' in html


def test_withdrawn_release_keeps_its_page_with_notice_on_top(client):
    release = factories.release("Withdrawn one", state="withdrawn", withdrawal_reason="The figures were wrong.")
    response = client.get(release.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("This release was withdrawn") < html.index("<h1>Withdrawn one</h1>")
    assert "The figures were wrong." in html
    assert response["X-Robots-Tag"] == "noindex"
    assert '<meta name="robots" content="noindex">' in html


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_unpublished_release_is_404_for_the_public(client, state):
    release = factories.release(state=state)
    assert client.get(release.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(("state", "banner"), [("draft", "DRAFT"), ("scheduled", "EMBARGOED")])
def test_staff_see_unpublished_release_with_banner_privately(staff_client, state, banner):
    release = factories.release("Not public yet", state=state)
    response = staff_client.get(release.get_absolute_url())
    assert response.status_code == 200
    assert banner in response.content.decode()
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


def test_staff_without_view_permission_get_404_for_drafts(client):
    client.force_login(User.objects.create_user("intern", password="pw", is_staff=True))
    assert client.get(factories.release(state="draft").get_absolute_url()).status_code == 404


def test_previous_and_next_skip_releases_that_are_not_public(client):
    older = factories.release("Older public", at=at(2020, 1, 1))
    factories.release("Hidden between", state="withdrawn", at=at(2020, 1, 2))
    middle = factories.release("Middle public", at=at(2020, 1, 3))
    factories.release("Scheduled later", state="scheduled")
    response = client.get(middle.get_absolute_url())
    assert tags(response, "a", href=older.get_absolute_url(), rel="prev")
    assert not tags(response, "a", rel="next")
    assert "Hidden between" not in response.content.decode()


def test_unknown_release_slug_is_404(client):
    assert client.get(reverse("releases:release_detail", kwargs={"slug": "no-such-release"})).status_code == 404


def test_release_page_query_count_does_not_grow_with_content(client):
    small = dressed_release(2)
    large = dressed_release(40)
    content_version.current_version()  # made once, on the first request after a save
    site.current()  # read once per content version and process (releases.reading.site)
    small_count = count_queries(client, small.get_absolute_url())
    assert count_queries(client, large.get_absolute_url()) == small_count
    # The release; its parts (the release with its issuer and press office, quotes, signatories,
    # resources, press-kit files, topics, change notes, contacts); its related candidates; the
    # neighbours and related.
    assert small_count <= 11
    # Again: its rendered parts come from the cache; one query finds the release, one its neighbours.
    assert count_queries(client, large.get_absolute_url()) == 2


# --- The social card ---------------------------------------------------------


def test_social_card_is_a_png_drawn_once_and_stored(client, monkeypatch):
    release = factories.release("A card-worthy title")
    drawn = []
    original = social_cards.render
    monkeypatch.setattr(social_cards, "render", lambda r: drawn.append(r.pk) or original(r))
    url = reverse("releases:release_card", kwargs={"slug": release.slug})
    first = client.get(url)
    second = client.get(url)
    assert first.status_code == second.status_code == 200
    assert first["Content-Type"] == "image/png"
    assert b"".join(second.streaming_content).startswith(b"\x89PNG")
    assert drawn == [release.pk]
    release.title = "A new title"
    release.save()
    client.get(url)
    assert drawn == [release.pk, release.pk]


def test_social_card_draws_without_dejavu_fonts(monkeypatch, tmp_path):
    monkeypatch.setattr(social_cards, "FONT_DIR", tmp_path / "no-fonts")
    png = social_cards.render(factories.release("No fonts here " * 10))
    assert png.startswith(b"\x89PNG")


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_social_card_is_404_for_unpublished(client, state):
    release = factories.release(state=state)
    assert client.get(reverse("releases:release_card", kwargs={"slug": release.slug})).status_code == 404


def test_release_model_state_matches_public_queryset():
    public = factories.release()
    hidden = [factories.release(state=s) for s in ("draft", "scheduled", "withdrawn")]
    assert list(Release.objects.public()) == [public]
    assert all(not r.is_public() for r in hidden)
    assert public.first_published_at < factories.now() + timedelta(seconds=1)
