"""The lists of releases: home, archive, year and month pages, their filters, bad input and query budgets."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from pagecache import content_version
from releases.sample_data import demo
from tests import factories
from tests.pages import at, count_queries, tags

pytestmark = pytest.mark.django_db


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
        content_version.current_version()
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


def test_archive_filters_that_match_nothing_keep_their_chips(client):
    factories.release(at=at(2019))
    html = client.get(reverse("releases:release_archive") + "?year=2001").content.decode()
    assert "0 releases" in html
    assert "Year: 2001" in html


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
