"""Every shared part can stop under load without taking the site down: the real service is
stopped in the middle of a burst, the site keeps answering, /healthz names the part as
degraded, and once the service is back everything recovers by itself."""

import uuid
from collections import Counter

import pytest

from tests.cluster.helpers import Browser, burst, health, make_release, part_is, wait_for

pytestmark = pytest.mark.cluster

PAGES = ["/", "/releases/", "/organizations/", "/releases/2015/", "/feeds/rss/", "/sitemap.xml"]


def pages_through(base, run):
    # Half the requests are new addresses (uncached), half the same few pages (cached).
    return lambda i: f"{base}{PAGES[i % len(PAGES)]}" + (f"?run={run}&n={i}" if i % 2 else "")


def test_the_object_store_stopped_under_load(topology):
    s3, haproxy = topology.s3, topology.haproxy
    wait_for(part_is(topology, "media", "ok"), timeout=20)
    try:
        statuses = burst(pages_through(haproxy.url, uuid.uuid4().hex[:6]), clients=32, requests_each=4,
                         during=s3.stop, delay=0.2)  # fmt: skip
        assert Counter(statuses) == {200: 32 * 4}
        # Each worker probes on its own: wait until the ones answering say so, in body and header.
        # A release's social card, never drawn before, is drawn without the store: 200, not 500.
        card = make_release(topology, "Carded while the store is away") + "card.png"
        status, headers, body = Browser(haproxy.url).request(card)
        assert status == 200 and headers["Content-Type"] == "image/png"
        wait_for(part_is(topology, "media", "degraded"), timeout=20, step=0.5)
        wait_for(lambda: "media" in health(topology)[1].get("X-Health-Degraded", ""), timeout=20, step=0.5)
    finally:
        s3.start()
    wait_for(part_is(topology, "media", "ok"), timeout=20, step=0.5)
