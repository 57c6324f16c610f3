"""sitemap.xml: the public releases, and the organization, person and topic pages."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from releases.models import Release
from releases.views.directory import organizations_with_counts, people_with_public_quotes, topics_with_public_releases


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


class OrganizationSitemap(SiteUrlSitemap):
    def items(self):
        return organizations_with_counts().only("slug").order_by("pk")


class PersonSitemap(SiteUrlSitemap):
    def items(self):
        return people_with_public_quotes().only("slug").order_by("pk")


class TopicSitemap(SiteUrlSitemap):
    def items(self):
        return topics_with_public_releases().only("slug").order_by("pk")


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
