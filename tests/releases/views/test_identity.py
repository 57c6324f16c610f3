"""The newsroom's identity and the reading layout: site settings everywhere, the home page,
/topics/ and /people/, the navigation, related releases, quotes to cite and share links."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from releases.models import SiteSettings
from releases.models.site import contrast_with_white
from releases.reading import site
from tests import factories
from tests.pages import count_queries, tags

pytestmark = pytest.mark.django_db


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# --- Site settings -------------------------------------------------------------


def test_the_site_name_and_description_come_from_the_settings_everywhere(client, committing):
    committing(SiteSettings(name="Acme Newsroom", description="News from Acme, since 1999.").save)
    release = committing(factories.release, "Acme announces")
    for url in (reverse("releases:home"), release.get_absolute_url(), reverse("releases:topic_list")):
        html = html_of(client, url)
        assert "Acme Newsroom" in html and "Pressroom" not in html
    assert 'content="News from Acme, since 1999."' in html_of(client, reverse("releases:home"))
    head = html_of(client, release.get_absolute_url())
    assert '<meta property="og:site_name" content="Acme Newsroom">' in head
    assert '"isPartOf": {"@type": "WebSite", "name": "Acme Newsroom"' in head
    assert "Acme Newsroom: latest releases" in client.get(reverse("releases:feed_atom")).content.decode()


def test_the_admin_is_branded_with_the_site_name(client, committing):
    committing(SiteSettings(name="Acme Newsroom").save)
    admin = User.objects.create_superuser("boss", password="pw")
    client.force_login(admin)
    html = html_of(client, reverse("admin:index"))
    assert "Acme Newsroom" in html and "Django administration" not in html and "Django site admin" not in html
    client.logout()
    login = html_of(client, reverse("admin:login"))
    assert "Acme Newsroom" in login and "Django" not in re.sub(r"<script.*?</script>|<link[^>]*>", "", login)


def test_the_site_settings_are_one_row_edited_from_the_admin(client, committing):
    admin = User.objects.create_superuser("boss", password="pw")
    client.force_login(admin)
    add = client.get(reverse("admin:releases_sitesettings_changelist"))
    assert add.status_code == 302 and add["Location"] == reverse("admin:releases_sitesettings_add")
    data = {
        "name": "Harbor Newsroom",
        "description": "",
        "accent_colour": "#7a1c00",
        "press_office": "",
        "social_profiles": "bsky.app/profile/harbor.example\nhttps://mastodon.social/@harbor",
        "default_licence": "cc-by-4.0",
        "default_licence_terms": "",
        "default_licence_url": "",
    }
    response = committing(client.post, reverse("admin:releases_sitesettings_add"), data)
    assert response.status_code == 302
    settings = SiteSettings.objects.get()
    assert settings.pk == 1 and settings.name == "Harbor Newsroom"
    assert settings.profiles == [
        ("Bluesky", "https://bsky.app/profile/harbor.example"),
        ("Mastodon", "https://mastodon.social/@harbor"),
    ]
    assert settings.default_licence_terms_url == "https://creativecommons.org/licenses/by/4.0/"
    again = client.get(reverse("admin:releases_sitesettings_changelist"))
    assert again["Location"] == reverse("admin:releases_sitesettings_change", args=[1])
    client.logout()
    home = html_of(client, reverse("releases:home"))
    assert 'href="https://mastodon.social/@harbor" rel="me"' in home
    theme = [link["href"] for link in tags(client.get("/"), "link", rel="stylesheet") if "theme.css" in link["href"]]
    assert theme == [f"{reverse('releases:theme_css')}?v={settings.stamp}"]
    css = client.get(theme[0])
    assert css["Content-Type"].startswith("text/css") and b"--accent: #7a1c00;" in css.content


def test_an_accent_colour_that_white_text_cannot_be_read_on_is_refused():
    assert contrast_with_white("#1d3557") > 4.5
    with pytest.raises(ValidationError, match="hard to read"):
        SiteSettings(name="x", accent_colour="#ffcc00").full_clean()
    with pytest.raises(ValidationError, match="six hexadecimal"):
        SiteSettings(name="x", accent_colour="navy").full_clean()


def test_the_default_accent_needs_no_extra_stylesheet(client):
    assert not [link for link in tags(client.get("/"), "link", rel="stylesheet") if "theme" in link["href"]]


def test_saving_the_settings_changes_the_stamp():
    settings = SiteSettings(name="One")
    settings.save()
    first = settings.stamp
    settings.name = "Two"
    settings.save()
    assert settings.stamp != first and SiteSettings.objects.count() == 1


# --- Home, topics, people, navigation ------------------------------------------


def test_home_has_a_search_box_the_topics_and_the_latest(client):
    topic = factories.topic("Housing")
    release = factories.release("Tenants win")
    release.topics.add(topic)
    response = client.get(reverse("releases:home"))
    assert tags(response, "form", role="search", action=reverse("releases:search"))
    assert 'type="search" name="q"' in response.content.decode()
    html = response.content.decode()
    assert "Tenants win" in html and '>Housing <span class="count">1</span>' in html


def test_topics_and_people_indexes(client):
    topic = factories.topic("Water")
    speaker = factories.person("Dev Rao", title="Science Lead")
    release = factories.release("River report")
    release.topics.add(topic)
    factories.quote(release, speaker=speaker)
    topics = html_of(client, reverse("releases:topic_list"))
    assert f'href="{topic.get_absolute_url()}"' in topics and "1 release" in topics
    people = html_of(client, reverse("releases:person_list"))
    assert f'href="{speaker.get_absolute_url()}"' in people and "Science Lead" in people


@pytest.mark.parametrize(
    "url_name, kwargs, current",
    [
        ("releases:release_archive", {}, "Releases"),
        ("releases:topic_list", {}, "Topics"),
        ("releases:organization_list", {}, "Organizations"),
        ("releases:person_list", {}, "People"),
        ("releases:search", {}, "Search"),
        ("releases:home", {}, None),
    ],
)
def test_the_current_section_is_marked_in_the_navigation(client, url_name, kwargs, current):
    html = html_of(client, reverse(url_name, kwargs=kwargs) + ("?q=words" if url_name == "releases:search" else ""))
    nav = html[html.index('<nav aria-label="Main">') : html.index("</nav>")]
    marked = re.findall(r'aria-current="page">([^<]+)<', nav)
    assert marked == ([current] if current else [])


def test_a_release_page_marks_releases_and_the_topic_page_topics(client):
    topic = factories.topic()
    release = factories.release()
    release.topics.add(topic)
    assert 'aria-current="page">Releases<' in html_of(client, release.get_absolute_url())
    assert 'aria-current="page">Topics<' in html_of(client, topic.get_absolute_url())


def test_the_archive_offers_its_filters_from_the_top(client):
    factories.release()
    html = html_of(client, reverse("releases:release_archive"))
    assert html.index('href="#filters-heading"') < html.index('class="release-list"')


def test_index_pages_cost_a_fixed_number_of_queries(client, committing):
    def add(n, prefix):
        for i in range(n):
            release = factories.release(f"{prefix} {i}")
            release.topics.add(factories.topic())
            factories.quote(release)

    def counts():
        site.current()  # once per content version and process, not per page
        return [count_queries(client, reverse(name)) for name in ("releases:topic_list", "releases:person_list")]

    committing(add, 3, "Release")
    few = counts()
    committing(add, 12, "More")
    assert counts() == few
    assert few[0] <= 2  # the topics' counts (kept under the content version) and the topics


# --- The release page for a journalist ------------------------------------------


def test_the_time_of_issue_is_shown_in_the_newsrooms_time_zone(client, settings):
    settings.TIME_ZONE = "America/New_York"
    moment = timezone.now().replace(year=2024, month=7, day=15, hour=14, minute=0, second=0, microsecond=0)
    moment = moment.astimezone(timezone.get_fixed_timezone(0))
    release = factories.release(at=moment.replace(hour=14))
    html = html_of(client, release.get_absolute_url())
    assert 'Issued <time datetime="2024-07-15T10:00:00-04:00">July 15, 2024, 10:00 AM EDT</time>' in html


def test_updated_shows_the_change_note(client):
    from releases import publishing

    release = factories.release()
    publishing.record_major_edit(release, "Corrected the number of signatories.")
    html = html_of(client, release.get_absolute_url())
    assert "Updated <time" in html
    assert '<p class="update-note"><strong>Update:</strong> Corrected the number of signatories.</p>' in html


def test_each_quote_has_a_permalink_and_a_citation_line_that_needs_no_script(client):
    release = factories.release("Quoted release")
    speaker = factories.person("Zenen Perez")
    factories.quote(release, text="We keep going.", speaker=speaker, speaker_title="Analyst")
    html = html_of(client, release.get_absolute_url())
    url = f"http://127.0.0.1:8000{release.get_absolute_url()}#quote-1"
    assert 'id="quote-1"' in html
    assert "<summary>Copy quote with attribution</summary>" in html
    citation = re.search(r'<p class="citation" id="quote-1-citation">(.*?)</p>', html, re.S)[1]
    assert citation.startswith("“We keep going.” — Zenen Perez, Analyst.")
    assert "“Quoted release”" in citation and citation.endswith(url)
    assert tags(client.get(release.get_absolute_url()), "script", src="/static/js/release.js") or "release." in html


def test_share_links_need_no_script(client):
    release = factories.release("Share me")
    html = html_of(client, release.get_absolute_url())
    for host in (
        "mailto:?subject=Share%20me",
        "https://www.linkedin.com/sharing/",
        "https://bsky.app/intent/compose?",
        "https://x.com/intent/post?",
    ):
        assert f'href="{host}' in html.replace("&amp;", "&"), host
    form = reverse("releases:share_mastodon", kwargs={"slug": release.slug})
    assert f'action="{form}"' in html
    response = client.get(form, {"server": "@me@Mastodon.Social"})
    assert response.status_code == 302
    assert response["Location"].startswith("https://mastodon.social/share?text=Share+me+http")
    assert "no-store" in response["Cache-Control"]
    back = client.get(form, {"server": "javascript:alert(1)//x"})
    assert back.status_code == 302 and back["Location"].startswith(release.get_absolute_url())


@pytest.mark.parametrize("state", ["draft", "scheduled", "withdrawn"])
def test_a_hidden_release_cannot_be_shared(client, state):
    release = factories.release(state=state)
    url = reverse("releases:share_mastodon", kwargs={"slug": release.slug})
    assert client.get(url, {"server": "mastodon.social"}).status_code == 404


def test_related_releases_share_topics_or_signatories_and_only_public_ones_show(client, committing):
    topic, signer = committing(factories.topic, "Shared"), committing(factories.organization, "Co-signer")
    release = committing(factories.release, "The release")
    committing(release.topics.add, topic)
    committing(factories.signatory, release, signer)
    by_topic = committing(factories.release, "Same topic")
    committing(by_topic.topics.add, topic)
    by_signer = committing(factories.release, "Same signer")
    committing(factories.signatory, by_signer, signer)
    both = committing(factories.release, "Same topic and signer", at=timezone.now() - timedelta(days=30))
    committing(both.topics.add, topic)
    committing(factories.signatory, both, signer)
    committing(factories.release, "Unrelated")
    soon = committing(factories.release, "Scheduled same topic", state="scheduled")
    committing(soon.topics.add, topic)
    html = html_of(client, release.get_absolute_url())
    related = html[html.index('id="related-heading"') :]
    related = related[: related.index("</section>")]
    titles = re.findall(r'<a href="[^"]+">([^<]+)</a>', related)
    assert titles == ["Same topic and signer", "Same topic", "Same signer"]
    # Its time comes: the candidate, chosen with the page's parts, shows without a new render.
    from releases.models import Release

    past = timezone.now() - timedelta(minutes=1)
    Release.objects.filter(pk=soon.pk).update(publish_at=past, first_published_at=past)
    assert "Scheduled same topic" in html_of(client, release.get_absolute_url())


def test_the_organization_page_shows_its_press_office_beside_its_releases(client):
    org = factories.organization("Harbor Tenants")
    office = factories.contact("Harbor Press Desk", organization=org)
    org.press_office = office
    org.save()
    factories.release("Harbor release", issuer=org)
    html = html_of(client, org.get_absolute_url())
    sidebar = html[html.index('class="page-sidebar"') :]
    assert "Harbor Press Desk" in sidebar and 'href="tel:+12025550143"' in sidebar
    assert f'href="{office.get_vcard_url()}"' in sidebar
    assert html.index("Harbor release") < html.index('class="page-sidebar"')
