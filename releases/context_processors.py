import functools

from django.conf import settings
from django.urls import reverse

# The addresses every page's header and footer link to.
SITE_PAGES = ("home", "release_archive", "organization_list", "search", "feed_atom", "feed_rss")


@functools.cache
def site_urls():
    """Reversed once per process: they never change while it runs."""
    return {name: reverse(f"releases:{name}") for name in SITE_PAGES}


def site(request):
    """Site name, absolute base URL (canonical links, feeds) and the site's own pages."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, "SITE_URLS": site_urls()}
