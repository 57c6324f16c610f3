"""What shared caches are told: s-maxage beside the browser's policy, surrogate keys naming what
each page shows, and after each commit a purge of exactly the keys the change touched."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from pagecache import purgers, surrogate
from releases import publishing
from tests import factories
from tests.servers import Recorder

pytestmark = pytest.mark.django_db


def keys(response):
    assert response["xkey"] == response["Surrogate-Key"] == response["Cache-Tag"]
    return set(response["xkey"].split())


def s_maxage(response):
    part = [p.strip() for p in response["Cache-Control"].split(",") if p.strip().startswith("s-maxage=")]
    return int(part[0].split("=")[1])


@pytest.fixture(params=[False, True], ids=["fresh", "page-cache"])
def page_cache(request, settings):
    settings.PAGE_CACHE = request.param
    return request.param


def test_a_release_page_names_what_it_shows_and_keeps_the_browser_policy(client, page_cache):
    issuer, signer, topic = factories.organization("Issuer"), factories.organization("Signer"), factories.topic()
    release = factories.release("Keys of a page", issuer=issuer)
    speaker = factories.person()
    factories.quote(release, speaker=speaker)
    factories.signatory(release, signer)
    release.topics.add(topic)
    for _ in range(2):  # fresh, then (with the page cache) from it
        response = client.get(release.get_absolute_url())
        assert response.status_code == 200
        assert keys(response) == {
            f"release-{release.pk}", f"org-{issuer.pk}", f"org-{signer.pk}", f"topic-{topic.pk}",
            f"person-{speaker.pk}", "neighbours", surrogate.ALL,
        }  # fmt: skip
        assert "max-age=0" in response["Cache-Control"] and "must-revalidate" in response["Cache-Control"]
        assert s_maxage(response) == 3600


def test_lists_feeds_and_sitemaps_name_the_list_key(client, page_cache):
    factories.release("Listed")
    for path in ("/", "/releases/", "/organizations/", "/search/?q=listed", "/feeds/rss/", "/sitemap.xml"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert keys(response) == {"list", surrogate.ALL}, path
        assert s_maxage(response) == 3600, path


def test_a_page_whose_view_names_nothing_is_untagged_and_so_purged_by_every_change(client):
    response = client.get("/robots.txt")
    assert keys(response) == {surrogate.UNTAGGED, surrogate.ALL}


def test_shared_caches_keep_no_page_past_the_next_scheduled_publication(client, committing, settings):
    settings.PAGE_CACHE = True
    factories.release("Already out")
    committing(factories.release, "Due soon", state="scheduled", at=timezone.now() + timedelta(seconds=100))
    first = client.get("/")
    assert 95 <= s_maxage(first) <= 100
    time.sleep(1.1)
    second = client.get("/")
    assert second["X-Cache"] == "hit"
    assert s_maxage(second) < s_maxage(first)  # counted down as it is sent, not frozen when stored


def test_staff_and_unpublished_pages_tell_shared_caches_nothing(client, admin_client):
    draft = factories.release("Not yet", state="draft")
    for response in (admin_client.get(draft.get_absolute_url()), client.get("/preview/nope/")):
        assert "xkey" not in response and "s-maxage" not in response.get("Cache-Control", "")


@pytest.fixture
def purged(settings):
    """Every purge sent after a commit, as {keys}, through a Varnish-style purger to a recorder."""
    recorder = Recorder()
    settings.PAGECACHE_PURGE = f"varnish:{recorder.url}"
    settings.PAGECACHE_REPURGE_SECONDS = 0

    class Sent:
        def __call__(self):
            return [set(headers["xkey-purge"].split()) for _, _, headers, _ in recorder.requests]

        @staticmethod
        def forget_uncommitted():
            """Tests never commit: changes made to set a test up stay pending on the connection
            (as a rolled-back change would, to be purged with the next commit). Drop them."""
            from django.db import connection

            connection.__dict__.pop("_page_cache_keys", None)

    Sent.forget_uncommitted()
    yield Sent()
    recorder.close()


def test_a_change_purges_exactly_the_keys_it_touches(committing, purged):
    release = factories.release("Purged")
    other = factories.organization("Someone else")
    quote = factories.quote(release)
    topic = factories.topic()
    purged.forget_uncommitted()

    committing(release.save)
    committing(release.topics.add, topic)
    quote.text = "Corrected"
    committing(quote.save)
    other.name = "Renamed"
    committing(other.save)
    committing(publishing.withdraw, release, "Issued in error.")
    assert purged() == [
        {f"release-{release.pk}", "list", "neighbours", surrogate.UNTAGGED},
        {f"release-{release.pk}", f"topic-{topic.pk}", "list", "neighbours", surrogate.UNTAGGED},
        {f"release-{release.pk}", "list", surrogate.UNTAGGED},  # a quote: its release page, and lists
        {f"org-{other.pk}", "list", surrogate.UNTAGGED},
        {f"release-{release.pk}", "list", "neighbours", surrogate.UNTAGGED},
    ]


def test_one_transaction_sends_one_purge_and_a_rollback_sends_none(
    committing, purged, django_capture_on_commit_callbacks
):
    from django.db import transaction

    first, second = factories.release("One"), factories.release("Two")
    purged.forget_uncommitted()

    def both():
        first.save()
        second.save()

    committing(both)
    assert purged() == [{f"release-{first.pk}", f"release-{second.pk}", "list", "neighbours", surrogate.UNTAGGED}]
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                first.save()
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
    assert len(purged()) == 1


def test_a_failed_purge_never_fails_the_save(committing, settings):
    settings.PAGECACHE_PURGE = "varnish:http://127.0.0.1:9"  # nothing listens there
    release = factories.release("Saved anyway")
    release.title = "Saved anyway, edited"
    committing(release.save)
    release.refresh_from_db()
    assert release.title == "Saved anyway, edited"
    assert purgers.purger().status()[0] == "degraded"
