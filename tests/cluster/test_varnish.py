"""Varnish (deploy/varnish/pressroom.vcl) in front of the two hosts: pages are stored for their
s-maxage, a save purges exactly the pages naming what it changed (xkey, after commit), so an
edit or a withdrawal shows on the very next request, and a burst is served from the cache."""

import pytest

from tests.cluster.helpers import Browser, burst, health, make_release, wait_for

pytestmark = pytest.mark.cluster


def stored(browser, path):
    """GET twice: the second answer comes from Varnish."""
    browser.request(path)
    status, headers, body = browser.request(path)
    assert status == 200 and headers["X-Cache"] == "HIT", (path, status, headers.get("X-Cache"))
    return body


def save_in_the_cluster(topology, slug, code):
    """Change a release through the cluster's own settings, as a host's save would (it purges)."""
    topology.django(
        "from releases.models import Release; from releases import publishing; "
        f"release = Release.objects.get(slug={slug!r}); {code}; print(1)"
    )


def test_an_edit_shows_through_varnish_on_the_very_next_request(topology):
    path = make_release(topology, "Seen through Varnish")
    slug = path.strip("/").split("/")[-1]
    reader = Browser(topology.varnish.url)
    assert "Seen through Varnish" in stored(reader, path)
    assert "Seen through Varnish" in stored(reader, "/")
    other = make_release(topology, "Left alone in Varnish")
    stored(reader, other)

    save_in_the_cluster(topology, slug, "release.title = 'Seen through Varnish, corrected'; release.save()")

    status, headers, body = reader.request(path)
    assert status == 200 and headers["X-Cache"] == "MISS" and "Seen through Varnish, corrected" in body
    assert "Seen through Varnish, corrected" in reader.request("/")[2]  # the home page lists it: purged too

    # A change that only its own page shows (a quote) leaves every other page stored.
    stored(reader, path), stored(reader, other), stored(reader, "/")
    save_in_the_cluster(
        topology,
        slug,
        "from tests import factories; factories.quote(release, text='Words added later', attribution='Spokesperson')",
    )
    status, headers, body = reader.request(path)
    assert headers["X-Cache"] == "MISS" and "Words added later" in body
    assert reader.request(other)[1]["X-Cache"] == "HIT"


def test_a_withdrawal_shows_through_varnish_on_the_very_next_request(topology):
    path = make_release(topology, "Withdrawn through Varnish")
    slug = path.strip("/").split("/")[-1]
    reader = Browser(topology.varnish.url)
    stored(reader, path)
    assert "Withdrawn through Varnish" in stored(reader, "/releases/")

    save_in_the_cluster(topology, slug, "publishing.withdraw(release, 'Issued in error.')")

    status, _, body = reader.request(path)
    assert status == 200 and "Issued in error." in body  # the withdrawal notice, at the same address
    assert "Withdrawn through Varnish" not in reader.request("/releases/")[2]


def test_a_burst_through_varnish_is_served_from_the_cache(topology):
    path = make_release(topology, "Wanted by everyone")
    reader = Browser(topology.varnish.url)
    stored(reader, path)
    before = sum(int(topology.haproxy.stats(s)["stot"]) for s in ("app1", "app2"))
    statuses = burst(lambda i: topology.varnish.url + path, clients=32, requests_each=20)
    after = sum(int(topology.haproxy.stats(s)["stot"]) for s in ("app1", "app2"))
    assert statuses == [200] * 640
    # Health checks reach the hosts too (every 500 ms each); the 640 page requests do not.
    assert after - before < 40, after - before


def test_varnish_stopped_under_load_leaves_the_site_answering_and_saves_going_through(topology):
    varnish, haproxy = topology.varnish, topology.haproxy
    path = make_release(topology, "Saved while Varnish is away")
    slug = path.strip("/").split("/")[-1]
    wait_for(lambda: health(topology)[0]["purge"] == "ok", timeout=20)
    try:
        statuses = burst(lambda i: haproxy.url + ("/", "/releases/", path)[i % 3], clients=32, requests_each=4,
                         during=varnish.stop, delay=0.2)  # fmt: skip
        assert statuses == [200] * 128
        # A save purges a Varnish that is not there: the save goes through all the same.
        save_in_the_cluster(topology, slug, "release.title = 'Saved while Varnish was away'; release.save()")
        assert "Saved while Varnish was away" in Browser(haproxy.url).request(path)[2]
        wait_for(lambda: health(topology)[0]["purge"] == "degraded", timeout=20, step=0.5)
        wait_for(lambda: "purge" in health(topology)[1].get("X-Health-Degraded", ""), timeout=20, step=0.5)
    finally:
        varnish.start()
    wait_for(lambda: all(health(topology, n)[0]["purge"] == "ok" for n in (0, 1)), timeout=20, step=0.5)
    assert "Saved while Varnish was away" in Browser(varnish.url).request(path)[2]


def test_redis_stopped_under_load_leaves_pages_answering_uncached_until_it_returns(topology):
    redis, haproxy = topology.redis, topology.haproxy
    wait_for(lambda: health(topology)[0]["cache"] == "ok", timeout=20)
    try:
        statuses = burst(lambda i: haproxy.url + ("/", "/releases/", "/organizations/")[i % 3], clients=32,
                         requests_each=4, during=redis.stop, delay=0.2)  # fmt: skip
        assert statuses == [200] * 128
        wait_for(lambda: health(topology)[0]["cache"] == "degraded", timeout=20, step=0.5)
        assert Browser(haproxy.url).request("/")[0] == 200
    finally:
        redis.start()
    wait_for(lambda: all(health(topology, n)[0]["cache"] == "ok" for n in (0, 1)), timeout=30, step=0.5)
    host = Browser(topology.hosts[0].url)
    wait_for(lambda: host.request("/organizations/")[1]["X-Cache"] == "hit", timeout=20, step=0.2)
