"""Purging shared caches by surrogate key (pagecache.purgers): the requests each CDN documents,
sent to a recording HTTP server on loopback standing in for its API, and a failure that never
fails the caller but shows on /healthz."""

import json

import pytest

from pagecache import purgers
from tests.servers import Recorder


@pytest.fixture
def recorder():
    server = Recorder()
    yield server
    server.close()


def test_fastly_gets_one_batch_purge_per_256_keys_with_its_token(settings, recorder):
    settings.FASTLY_API_URL, settings.FASTLY_API_TOKEN = recorder.url, "fastly-token"
    purger = purgers.build("fastly:SU1Z0isxPaozGVKXdv0eY")
    keys = {f"release-{n}" for n in range(300)} | {"list"}
    assert purger.purge(keys)
    assert [(m, p) for m, p, _, _ in recorder.requests] == [("POST", "/service/SU1Z0isxPaozGVKXdv0eY/purge")] * 2
    sent = [set(h["surrogate-key"].split()) for _, _, h, _ in recorder.requests]
    assert len(sent[0]) == 256 and sent[0] | sent[1] == keys
    assert {h["fastly-key"] for _, _, h, _ in recorder.requests} == {"fastly-token"}
    assert purger.status() == ("ok", "fastly")


def test_cloudflare_gets_tags_in_json_with_a_bearer_token(settings, recorder):
    settings.CLOUDFLARE_API_URL, settings.CLOUDFLARE_API_TOKEN = recorder.url, "cf-token"
    purger = purgers.build("cloudflare:023e105f4ecef8ad9ca31a8372d0c353")
    assert purger.purge(["release-7", "org-3", "list"])
    ((method, path, headers, body),) = recorder.requests
    assert (method, path) == ("POST", "/zones/023e105f4ecef8ad9ca31a8372d0c353/purge_cache")
    assert headers["authorization"] == "Bearer cf-token"
    assert sorted(json.loads(body)["tags"]) == ["list", "org-3", "release-7"]


def test_varnish_purge_goes_to_every_varnish_named(recorder):
    other = Recorder()
    try:
        purger = purgers.build(f"varnish:{recorder.url},{other.url}/")
        assert purger.purge({"release-7", "list"})
        for server in (recorder, other):
            ((method, path, headers, _),) = server.requests
            assert (method, path) == ("PURGE", "/")
            assert sorted(headers["xkey-purge"].split()) == ["list", "release-7"]
    finally:
        other.close()


def test_a_failed_purge_is_logged_and_shown_not_raised_and_the_next_success_clears_it(caplog):
    failing = Recorder(status=503)
    try:
        purger = purgers.build(f"varnish:{failing.url}")
        assert purger.purge({"release-7"}) is False
        assert "Purge of 1 key(s) through varnish failed" in caplog.text
        state, detail = purger.status()
        assert state == "degraded" and "503" in detail
    finally:
        failing.close()
    unreachable = purgers.build(f"varnish:{failing.url}")  # nothing listens there now
    assert unreachable.purge({"release-7"}) is False
    assert unreachable.status()[0] == "degraded"


def test_no_purger_configured_is_off(settings):
    settings.PAGECACHE_PURGE = ""
    assert purgers.purger().status()[0] == "off"
    assert purgers.purger().purge({"anything"})
