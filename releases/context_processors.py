import functools

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from releases.reading import site as site_settings

# The addresses every page's header and footer link to.
SITE_PAGES = (
    "home",
    "release_archive",
    "organization_list",
    "topic_list",
    "person_list",
    "search",
    "feed_atom",
    "feed_rss",
    "feed_json",
)

# The section of the main navigation each page belongs to (aria-current in the header).
SECTIONS = {
    "release_archive": "releases",
    "release_year": "releases",
    "release_month": "releases",
    "release_detail": "releases",
    "organization_list": "organizations",
    "organization_detail": "organizations",
    "topic_list": "topics",
    "topic_detail": "topics",
    "person_list": "people",
    "person_detail": "people",
    "search": "search",
}


@functools.cache
def _site_urls(language):
    with translation.override(language):
        return {name: reverse(f"releases:{name}") for name in SITE_PAGES}


def site_urls():
    """Reversed once per process and interface language: they never change while it runs."""
    return _site_urls(translation.get_language())


def site(request):
    """The site settings (SITE; SITE_NAME for short), the absolute base URL (canonical links,
    feeds), the site's own pages and the navigation section of this page."""
    current = site_settings.current()
    match = getattr(request, "resolver_match", None)
    section = SECTIONS.get(match.url_name) if match and match.namespace == "releases" else None
    return {
        "SITE": current,
        "SITE_NAME": current.name,
        "SITE_URL": settings.SITE_URL,
        "SITE_URLS": site_urls(),
        "SECTION": section,
    }
