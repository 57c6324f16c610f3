"""WebSub: the hub named in the feeds, and pinged when they change; nothing of it without WEBSUB_HUB."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

import feedparser
import pytest
from django.urls import reverse

from releases import publishing
from tests import factories
from tests.alerts.helpers import drain

pytestmark = pytest.mark.django_db


class Hub:
    """A real HTTP server on a free loopback port that records what it is told (as a WebSub hub would)."""

    def __init__(self):
        self.received = []
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                hub.received.append(dict(parse_qsl(body)))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hub"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hub(settings):
    with Hub() as hub:
        settings.WEBSUB_HUB = hub.url
        yield hub


def test_feeds_name_the_hub_and_themselves(client, hub):
    factories.release()
    for name in ("releases:feed_atom", "releases:feed_rss"):
        feed = feedparser.parse(client.get(reverse(name)).content)
        assert feed.bozo == 0
        rels = {link["rel"]: link["href"] for link in feed.feed.links}
        assert rels["hub"] == hub.url
        assert rels["self"].endswith(reverse(name))


def test_no_hub_no_link_and_no_ping(client, settings):
    settings.WEBSUB_HUB = ""
    factories.release()
    for name in ("releases:feed_atom", "releases:feed_rss"):
        assert b'rel="hub"' not in client.get(reverse(name)).content
    release = factories.release(state="draft")
    publishing.publish(release)
    from django_tasks_db.models import DBTaskResult

    drain()
    assert not DBTaskResult.objects.filter(task_path__endswith="ping_hub").exists()


def test_the_hub_is_pinged_with_every_feed_a_new_release_changes(hub, settings):
    topic = factories.topic("Asylum")
    issuer = factories.organization("Detention Watch")
    release = factories.release("New on asylum", state="draft", issuer=issuer)
    release.topics.add(topic)
    signer = factories.organization("Signer")
    factories.signatory(release, signer)
    publishing.publish(release)
    drain()
    assert {ping["hub.mode"] for ping in hub.received} == {"publish"}
    pinged = {ping["hub.url"] for ping in hub.received}
    base = settings.SITE_URL
    assert pinged == {
        *(base + reverse(f"releases:feed_{kind}") for kind in ("rss", "atom", "json")),
        *(base + reverse(f"releases:topic_feed_{kind}", args=[topic.slug]) for kind in ("rss", "atom", "json")),
        *(
            base + reverse(f"releases:organization_feed_{kind}", args=[org.slug])
            for org in (issuer, signer)
            for kind in ("rss", "atom", "json")
        ),
    }
    hub.received.clear()
    publishing.withdraw(release, "Issued in error.")
    drain()
    assert base + reverse("releases:feed_atom") in {ping["hub.url"] for ping in hub.received}


def test_a_scheduled_release_pings_when_it_goes_live_not_before(hub):
    from datetime import timedelta

    from django.utils import timezone

    release = factories.release(state="draft")
    publishing.publish(release, at=timezone.now() + timedelta(hours=1))
    drain()
    assert hub.received == []
