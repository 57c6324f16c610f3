"""The public pages: what they show, their query budgets, and bad input."""

from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

import pytest
from django.contrib.auth.models import Permission, User
from django.core.cache import cache
from django.urls import reverse

from pressroom import page_cache
from releases import demo, publishing, social_cards
from releases.models import Release
from tests import factories
from tests.pages import count_queries, dressed_release, tags

pytestmark = pytest.mark.django_db


def at(year, month=1, day=1):
    return datetime(year, month, day, 12, tzinfo=dt_timezone.utc)


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
        'class="topics"',
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


def test_media_contact_and_featured_flags_render(client):
    release = factories.release(media_contact="Ana Press\npress@example.org")
    html = client.get(release.get_absolute_url()).content.decode()
    assert "Media contact" in html
    assert 'href="mailto:press@example.org"' in html


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
    page_cache.current_version()  # made once, on the first request after a save
    small_count = count_queries(client, small.get_absolute_url())
    assert count_queries(client, large.get_absolute_url()) == small_count
    assert small_count <= 9
    # Again: its rendered parts and neighbours come from the cache; one query finds the release.
    assert count_queries(client, large.get_absolute_url()) == 1


# --- Lists -------------------------------------------------------------------


def test_home_shows_featured_first_then_latest(client):
    featured = factories.release("The featured one", at=at(2014), featured=True)
    latest = factories.release("The latest one")
    html = client.get(reverse("releases:home")).content.decode()
    assert html.index("The featured one") < html.index("The latest one")
    assert featured.get_absolute_url() in html and latest.get_absolute_url() in html
    assert html.count(f'href="{featured.get_absolute_url()}"') == 1  # not repeated under "Latest"


def test_archive_lists_newest_first_and_paginates_by_20(client):
    issuer = factories.organization()
    for day in range(1, 26):
        factories.release(f"Archive item {day:02d}", at=at(2019, 1, day), issuer=issuer)
    first = client.get(reverse("releases:release_archive")).content.decode()
    assert first.index("Archive item 25") < first.index("Archive item 24")
    assert "Archive item 05" not in first
    second = client.get(reverse("releases:release_archive") + "?page=2").content.decode()
    assert "Archive item 05" in second and "Archive item 06" not in second
    assert f'href="{reverse("releases:release_year", kwargs={"year": 2019})}"' in first  # the years, to browse by


@pytest.mark.parametrize(
    "query",
    ["?page=abc", "?page=99999", "?page=0", "?page=-1", "?page=" + "9" * 5000, "?page=1.5"],
)
def test_archive_bad_page_numbers_are_404_not_500(client, query):
    factories.release()
    assert client.get(reverse("releases:release_archive") + query).status_code == 404


@pytest.mark.parametrize(
    "query",
    ["?page=1&page=1", "?topic=nope", "?year=abcd", "?year=0000", "?organization=" + "x" * 5000, "?topic=a&" * 200],
)
def test_archive_odd_parameters_are_ignored(client, query):
    factories.release("Still listed")
    response = client.get(reverse("releases:release_archive") + query)
    assert response.status_code == 200
    assert "Still listed" in response.content.decode()


def test_archive_filters_combine_and_show_removable_chips(client):
    housing = factories.topic("Housing")
    tenants = factories.organization("Tenants Union")
    both = factories.release("Housing by tenants", issuer=tenants, at=at(2021, 5, 1))
    both.topics.add(housing)
    other_year = factories.release("Housing last year", issuer=tenants, at=at(2020, 5, 1))
    other_year.topics.add(housing)
    factories.release("Unrelated", at=at(2021, 6, 1))
    url = reverse("releases:release_archive") + f"?topic={housing.slug}&year=2021&organization={tenants.slug}"
    html = client.get(url).content.decode()
    assert "Housing by tenants" in html
    assert "Housing last year" not in html and ">Unrelated<" not in html
    assert "Topic: Housing" in html and "Year: 2021" in html
    assert f'href="/releases/?year=2021&amp;organization={tenants.slug}"' in html  # remove the topic chip


def test_year_and_month_archives(client):
    factories.release("From July 2015", at=at(2015, 7, 15))
    factories.release("From March 2015", at=at(2015, 3, 1))
    factories.release("From 2016", at=at(2016, 1, 1))
    year = client.get(reverse("releases:release_year", kwargs={"year": 2015})).content.decode()
    assert "From July 2015" in year and "From March 2015" in year and "From 2016" not in year
    assert reverse("releases:release_month", kwargs={"year": 2015, "month": 7}) in year
    month = client.get(reverse("releases:release_month", kwargs={"year": 2015, "month": 7})).content.decode()
    assert "From July 2015" in month and "From March 2015" not in month
    assert reverse("releases:release_month", kwargs={"year": 2015, "month": 3}) in month  # previous month


@pytest.mark.parametrize("path", ["/releases/0000/", "/releases/2015/13/", "/releases/2015/00/", "/releases/1999/"])
def test_impossible_or_empty_dates_are_404(client, path):
    factories.release(at=at(2015, 7, 1))
    assert client.get(path).status_code == 404


def test_organization_directory_and_page_show_counts_and_roles(client):
    org = factories.organization("Coalition For Tests")
    issued = factories.release("Issued by the coalition", issuer=org)
    signed = factories.release("Signed by the coalition")
    factories.signatory(signed, org)
    quoted = factories.release("Quoting the coalition")
    factories.quote(quoted, speaker=factories.person(), speaker_organization=org)
    directory = client.get(reverse("releases:organization_list")).content.decode()
    assert "Coalition For Tests" in directory
    assert "Issued releases · Signed · Quoted" in directory
    page = client.get(org.get_absolute_url()).content.decode()
    for heading, release in [("Issued", issued), ("Signed", signed), ("Quoted in", quoted)]:
        assert f'{heading} <span class="count">(1)</span>' in page
        assert release.get_absolute_url() in page
    assert page.index("Issued by the coalition") < page.index("Signed by the coalition") < page.index("Quoting")


def test_person_page_lists_quotes_newest_first_with_anchors(client):
    speaker = factories.person("Ada Speaker")
    old = factories.release("Old release", at=at(2018))
    factories.quote(old, text="First other quote.")
    factories.quote(old, text="Old words.", speaker=speaker)
    new = factories.release("New release", at=at(2022))
    factories.quote(new, text="New words.", speaker=speaker)
    html = client.get(speaker.get_absolute_url()).content.decode()
    assert html.index("New words.") < html.index("Old words.")
    assert f'{old.get_absolute_url()}#quote-2"' in html
    assert f'{new.get_absolute_url()}#quote-1"' in html
    assert "First other quote." not in html


def test_topic_page_lists_its_public_releases(client):
    topic = factories.topic("Water")
    on_topic = factories.release("About water")
    on_topic.topics.add(topic)
    factories.release("About something else")
    html = client.get(topic.get_absolute_url()).content.decode()
    assert "About water" in html and "About something else" not in html


@pytest.mark.parametrize("name", ["organization_detail", "person_detail", "topic_detail"])
def test_unknown_slugs_are_404(client, name):
    assert client.get(reverse(f"releases:{name}", kwargs={"slug": "nobody-here"})).status_code == 404


def test_list_pages_query_counts_do_not_grow_with_items(client):
    org, topic, speaker = factories.organization(), factories.topic(), factories.person()

    def add(n):
        for _ in range(n):
            release = factories.release(issuer=org, at=at(2017, 4, 2))
            release.topics.add(topic)
            factories.signatory(release, factories.organization())
            factories.quote(release, speaker=speaker, speaker_organization=org)

    urls = [
        reverse("releases:home"),
        reverse("releases:release_archive"),
        reverse("releases:release_year", kwargs={"year": 2017}),
        reverse("releases:release_month", kwargs={"year": 2017, "month": 4}),
        reverse("releases:organization_list"),
        org.get_absolute_url(),
        speaker.get_absolute_url(),
        topic.get_absolute_url(),
        reverse("releases:feed_atom"),
        reverse("releases:organization_feed_rss", kwargs={"slug": org.slug}),
    ]

    def cold(url):
        # Tests never commit, so the content version stays: counts kept under it are dropped by hand.
        cache.clear()
        page_cache.current_version()
        client.get(urls[-2])  # the sites framework's cache (feeds ask it once)
        return count_queries(client, url)

    add(2)
    few = {url: cold(url) for url in urls}
    add(18)
    many = {url: cold(url) for url in urls}
    assert many == few
    assert max(few.values()) <= 8, few
    # The archive's counts are kept under the content version: the next page reads only its rows.
    client.get(urls[1])
    assert count_queries(client, urls[1] + "?page=1") == 2


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


def test_archive_filters_that_match_nothing_keep_their_chips(client):
    factories.release(at=at(2019))
    html = client.get(reverse("releases:release_archive") + "?year=2001").content.decode()
    assert "0 releases" in html
    assert "Year: 2001" in html


def test_organization_page_links_to_the_full_filtered_archive_when_sections_overflow(client):
    org = factories.organization("Prolific Org")
    for n in range(11):
        factories.release(f"Prolific {n}", issuer=org)
    page = client.get(org.get_absolute_url()).content.decode()
    assert f'href="/releases/?issuer={org.slug}"' in page
    archive = client.get(f"/releases/?issuer={org.slug}").content.decode()
    assert "11 releases match" in archive


def test_demo_archive_has_no_dead_ends(client):
    """Follow every internal link from the home page: each answers 200 (or 301 to a page that does)."""
    demo.load_all()
    seen, queue, broken = set(), [reverse("releases:home")], []
    while queue and len(seen) < 300:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url, follow=True)
        if response.status_code != 200:
            broken.append((url, response.status_code))
            continue
        if "html" not in response["Content-Type"]:
            continue
        for attrs in tags(response, "a") + tags(response, "link", rel="alternate"):
            href = attrs.get("href", "").split("#")[0]
            # Filter combinations multiply without end; tests above cover them.
            if href.startswith("/") and "?" not in href and not href.startswith(("/static/", "/media/", "/admin/")):
                queue.append(href)
    assert broken == []
    for expected in [
        demo.SAMPLE_SLUG,
        "/organizations/american-civil-liberties-union/",
        "/people/zenen-jaimez-perez/",
        "/topics/287g/",
        "/releases/2015/",
        "/releases/2015/07/",
        "/feeds/atom/",
    ]:
        assert any(expected in url for url in seen), expected


@pytest.mark.parametrize("few", [500, 1])  # candidates handed over as an array, or left as a subquery
def test_organization_sections_list_the_newest_public_releases(client, monkeypatch, few):
    from releases.views import directory

    monkeypatch.setattr(directory, "FEW", few)
    org = factories.organization("Often Quoted")
    made = []
    for day in range(1, 14):
        release = factories.release(f"Quoted on day {day:02d}", at=at(2021, 3, day))
        factories.quote(release, speaker_organization=org)
        factories.signatory(release, org)
        made.append(release)
    hidden = factories.release("Quoted in a draft", state="draft")
    factories.quote(hidden, speaker_organization=org)
    response = client.get(org.get_absolute_url())
    html = response.content.decode()
    assert "Quoted in a draft" not in html
    for key in ("signed", "quoted_in"):
        listed = [r.title for r in response.context[key]]
        assert listed == [f"Quoted on day {day:02d}" for day in range(13, 3, -1)], key
    assert response.context["organization"].quoted_count == 13
