"""RSS and Atom feeds, read with a real feed parser."""

from datetime import datetime
from datetime import timezone as dt_timezone

import feedparser
import pytest
from django.urls import reverse

from releases import publishing
from releases.sample_data import demo
from tests import factories
from tests.pages import tags

pytestmark = pytest.mark.django_db

SITE = "https://press.example.org"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize("name", ["releases:feed_rss", "releases:feed_atom"])
def test_site_feed_has_the_public_releases_with_links_and_dates(client, name):
    release = demo.load_sample()
    publishing.record_major_edit(release, "A correction.", at=datetime(2016, 1, 2, tzinfo=dt_timezone.utc))
    for state in ("draft", "scheduled", "withdrawn"):
        factories.release(f"Hidden {state} release", state=state)
    feed = parse(client, reverse(name))
    [entry] = feed.entries
    assert entry.title == release.title
    assert entry.link == SITE + release.get_absolute_url()
    assert entry.published_parsed[:3] == (2015, 7, 15)
    assert feed.feed.link == SITE + reverse("releases:release_archive")
    assert {tag.term for tag in entry.tags} == {"287(g)", "Deportation defense", "Racial profiling"}
    if name.endswith("atom"):
        assert entry.updated_parsed[:3] == (2016, 1, 2)
        body = entry.content[0].value
        assert entry.summary.startswith("Today, officials")
    else:
        body = entry.description
    # The full body, quotes in their places, markers gone.
    assert "In the letter, the groups state that:" in body
    assert "The 287(g) program harms community trust" in body
    assert body.index("A coalition of 63") < body.index("While the Obama") < body.index("In the letter")
    assert "[[quote" not in body


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_topic_feed_lists_only_that_topics_releases(client, kind):
    topic = factories.topic("Rivers")
    on_topic = factories.release("On rivers")
    on_topic.topics.add(topic)
    factories.release("Off topic")
    hidden = factories.release("Hidden on rivers", state="draft")
    hidden.topics.add(topic)
    url = reverse(f"releases:topic_feed_{kind}", kwargs={"slug": topic.slug})
    feed = parse(client, url)
    assert [e.title for e in feed.entries] == ["On rivers"]
    assert feed.feed.link == SITE + topic.get_absolute_url()
    if kind == "atom":
        assert {"rel": "self", "href": SITE + url} in [{"rel": lk.rel, "href": lk.href} for lk in feed.feed.links]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_organization_feed_lists_releases_it_issued_or_signed(client, kind):
    org = factories.organization("Feed Org")
    factories.release("Issued one", issuer=org, at=datetime(2020, 1, 1, tzinfo=dt_timezone.utc))
    signed = factories.release("Signed one", at=datetime(2021, 1, 1, tzinfo=dt_timezone.utc))
    factories.signatory(signed, org)
    factories.release("Unrelated one")
    feed = parse(client, reverse(f"releases:organization_feed_{kind}", kwargs={"slug": org.slug}))
    assert [e.title for e in feed.entries] == ["Signed one", "Issued one"]


@pytest.mark.parametrize(
    "name", ["releases:topic_feed_rss", "releases:topic_feed_atom", "releases:organization_feed_atom"]
)
def test_feeds_for_unknown_or_unpublished_things_are_404(client, name):
    assert client.get(reverse(name, kwargs={"slug": "no-such-thing"})).status_code == 404
    draft_only_topic = factories.topic()
    draft_only_org = factories.organization()
    hidden = factories.release(state="scheduled", issuer=draft_only_org)
    hidden.topics.add(draft_only_topic)
    slug = draft_only_topic.slug if "topic" in name else draft_only_org.slug
    assert client.get(reverse(name, kwargs={"slug": slug})).status_code == 404


def test_pages_advertise_their_feeds(client):
    org = factories.organization()
    topic = factories.topic()
    release = factories.release(issuer=org)
    release.topics.add(topic)
    home = client.get(reverse("releases:home"))
    assert tags(home, "link", rel="alternate", type="application/atom+xml", href=reverse("releases:feed_atom"))
    assert tags(home, "link", rel="alternate", type="application/rss+xml", href=reverse("releases:feed_rss"))
    topic_page = client.get(topic.get_absolute_url())
    assert tags(topic_page, "link", rel="alternate", href=reverse("releases:topic_feed_atom", args=[topic.slug]))
    org_page = client.get(org.get_absolute_url())
    assert tags(org_page, "link", rel="alternate", href=reverse("releases:organization_feed_rss", args=[org.slug]))
    release_page = client.get(release.get_absolute_url())
    assert tags(
        release_page, "link", rel="alternate", href=reverse("releases:organization_feed_atom", args=[org.slug])
    )


MARKUP = 'Fees <b>doubled</b> & <a href="javascript:alert(1)">read more</a>'


@pytest.mark.parametrize(
    "name, kwargs_of",
    [
        ("releases:feed_atom", lambda release: {}),
        ("releases:topic_feed_atom", lambda release: {"slug": release.topics.get().slug}),
        ("releases:organization_feed_atom", lambda release: {"slug": release.issuer.slug}),
    ],
)
def test_atom_summaries_are_plain_text_escaped_before_they_go_out_as_html(client, name, kwargs_of):
    """<summary type="html"> is read as HTML: a summary typed with markup must reach the reader as text."""
    import xml.etree.ElementTree as ET

    from django.utils.html import escape

    release = factories.release("Markup in the summary", summary=MARKUP)
    release.topics.add(factories.topic())
    response = client.get(reverse(name, kwargs=kwargs_of(release)))
    atom = "{http://www.w3.org/2005/Atom}"
    [summary] = ET.fromstring(response.content).iter(f"{atom}summary")
    assert summary.get("type") == "html"
    assert summary.text == escape(MARKUP)  # once unescaped as XML, HTML that shows the characters typed
    [entry] = feedparser.parse(response.content).entries
    assert "<b>" not in entry.summary and "<a " not in entry.summary
    assert "&lt;b&gt;doubled&lt;/b&gt;" in entry.summary
