"""Helpers for tests of the public pages: a date at noon, a fully dressed release, query counting,
HTML parsing, and a check that a response shows none of a hidden release's text."""

from datetime import datetime
from datetime import timezone as dt_timezone
from html.parser import HTMLParser

from django.db import connection
from django.test.utils import CaptureQueriesContext

from releases import publishing
from tests import factories


def at(year, month=1, day=1):
    return datetime(year, month, day, 12, tzinfo=dt_timezone.utc)


def dressed_release(size, title=None, **kwargs):
    """A public release with `size` quotes, signatories, resources, topics and change notes."""
    release = factories.release(title or f"Dressed release with {size} of everything", **kwargs)
    for n in range(size):
        speaker = factories.person(organization=factories.organization())
        factories.quote(
            release,
            text=f"Quote number {n}.",
            speaker=speaker,
            speaker_title="Director",
            speaker_organization=speaker.organization,
        )
        factories.signatory(release)
        factories.resource(release, title=f"Resource {n}", kind=["blog", "video", "letter"][n % 3])
        release.topics.add(factories.topic())
        publishing.record_major_edit(release, f"Correction {n}.")
    return release


def count_queries(client, url, status=200):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return len(queries)


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(response, name, **attrs):
    """Start tags named `name` whose attributes include `attrs`."""
    parser = _Collector()
    parser.feed(response.content.decode())
    return [a for t, a in parser.tags if t == name and all(a.get(k) == v for k, v in attrs.items())]


def meta(response, key):
    """The content of <meta name=key> or <meta property=key>, or None."""
    for attrs in tags(response, "meta"):
        if key in (attrs.get("name"), attrs.get("property")):
            return attrs.get("content")
    return None


def assert_no_text_of(response, release):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    body = body.decode(errors="replace")
    for text in (release.title, release.subtitle, release.body, f"Quote from {release.title}"):
        assert text not in body, (response.status_code, text)
