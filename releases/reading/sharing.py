"""Share links that need no script: each network's own "share this address" URL.

Mastodon has no one address (every server is its own site), so the page
offers a small form naming the reader's server, answered by a redirect to that
server's /share page (releases.views.release.share_on_mastodon).
"""

import re
from urllib.parse import quote, urlencode

from django.utils.translation import gettext

# A server's host name as people type it: letters, digits, dots and dashes, a dot somewhere.
HOST = re.compile(r"^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def links(title, url):
    """[(network, address), ...] sharing `url` with `title`; email first."""
    text = f"{title} {url}"
    return [
        (gettext("Email"), "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote)),
        ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?" + urlencode({"url": url})),
        ("Bluesky", "https://bsky.app/intent/compose?" + urlencode({"text": text})),
        ("X", "https://x.com/intent/post?" + urlencode({"text": title, "url": url})),
    ]


def mastodon_host(typed):
    """The server host from what a reader typed ("mastodon.social", "@me@mastodon.social",
    "https://mastodon.social/"), or None."""
    host = (typed or "").strip().lower()
    host = re.sub(r"^https?://", "", host).split("/")[0]
    host = host.rsplit("@", 1)[-1]
    return host if HOST.match(host) else None


def mastodon_url(host, title, url):
    return f"https://{host}/share?" + urlencode({"text": f"{title} {url}"})
