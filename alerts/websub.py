"""WebSub: the feeds name a hub (WEBSUB_HUB), and the hub is told when a feed changes, so feed
readers subscribed through it learn of a release at once. Off unless WEBSUB_HUB is set.

A release becoming public, being withdrawn, or corrected changes the site's feeds and
the feeds of its topics and organizations; the worker posts `hub.mode=publish` for each.
"""

import logging
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.urls import reverse

from releases.models import Signatory
from worker import task

logger = logging.getLogger("alerts")
FEED_KINDS = ("rss", "atom", "json")


def feed_urls(release):
    """Every feed `release` appears in (or has just left), absolute."""
    names = [(f"releases:feed_{kind}", None) for kind in FEED_KINDS]
    for topic_slug in release.topics.values_list("slug", flat=True):
        names += [(f"releases:topic_feed_{kind}", topic_slug) for kind in FEED_KINDS]
    organizations = {
        release.issuer.slug,
        *Signatory.objects.filter(release=release).values_list("organization__slug", flat=True),
    }
    for slug in sorted(organizations):
        names += [(f"releases:organization_feed_{kind}", slug) for kind in FEED_KINDS]
    return [settings.SITE_URL + reverse(name, kwargs={"slug": slug} if slug else {}) for name, slug in names]


def queue_ping(release):
    if settings.WEBSUB_HUB:
        ping_hub.enqueue(feed_urls(release))


@task()
def ping_hub(urls):
    """Tell the hub these feeds changed (one request each; a hub that fails is logged, not retried:
    hubs also poll)."""
    failed = []
    for url in urls:
        data = urllib.parse.urlencode({"hub.mode": "publish", "hub.url": url}).encode()
        request = urllib.request.Request(settings.WEBSUB_HUB, data=data, method="POST")  # noqa: S310 (configured URL)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                if response.status >= 300:
                    failed.append(url)
        except (urllib.error.URLError, OSError) as error:
            logger.warning("WebSub hub %s: %s for %s", settings.WEBSUB_HUB, error, url)
            failed.append(url)
    return {"pinged": len(urls) - len(failed), "failed": failed}
