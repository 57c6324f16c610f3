"""The sitemap: the public releases, and the organization, person and topic pages.

/sitemap.xml is an index of sections (/sitemap-releases.xml?p=2, …) so that a
100,000-release archive is listed in full, 5,000 addresses a page.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from releases.models import Release
from releases.reading import queries
from releases.reading.metadata import absolute_url


class SiteUrlSitemap(Sitemap):
    """Absolute addresses on SITE_URL rather than the sites framework's domain."""

    limit = 5000

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class ReleaseSitemap(SiteUrlSitemap):
    def items(self):
        return Release.objects.public().only("slug", "first_published_at", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at or item.first_published_at

    def get_latest_lastmod(self):
        """The index leaves lastmod out: Django's default would read every release."""
        return None


class OrganizationSitemap(SiteUrlSitemap):
    def items(self):
        return queries.organizations_in_public_releases().only("slug").order_by("pk")


class PersonSitemap(SiteUrlSitemap):
    def items(self):
        return queries.people_with_public_quotes().only("slug").order_by("pk")


class TopicSitemap(SiteUrlSitemap):
    def items(self):
        return queries.topics_with_public_releases().only("slug").order_by("pk")


class PageSitemap(SiteUrlSitemap):
    def items(self):
        return ["releases:home", "releases:release_archive", "releases:organization_list"]

    def location(self, item):
        return reverse(item)


sitemaps = {
    "pages": PageSitemap,
    "releases": ReleaseSitemap,
    "organizations": OrganizationSitemap,
    "people": PersonSitemap,
    "topics": TopicSitemap,
}


@require_safe
def index(request):
    """/sitemap.xml: every page of every section, addressed on SITE_URL."""
    entries = []
    for section, sitemap_class in sitemaps.items():
        sitemap = sitemap_class()
        location = absolute_url(reverse("releases:sitemap_section", kwargs={"section": section}))
        last_mod = sitemap.get_latest_lastmod()
        for page in sitemap.paginator.page_range:
            entries.append(SitemapIndexItem(location + (f"?p={page}" if page > 1 else ""), last_mod))
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml")
