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


class InterfaceSitemap(SiteUrlSitemap):
    """Pages the interface shows in each of its languages: one entry per language, each naming
    the others (xhtml:link hreflang) and the default (x-default)."""

    i18n = True
    alternates = True
    x_default = True


class ReleaseSitemap(SiteUrlSitemap):
    """Each public release once, at its permalink (in its language); a release with public
    translations names each of them (and itself) as an xhtml:link alternate."""

    def items(self):
        fields = ("slug", "language", "translation_of", "first_published_at", "updated_at")
        return Release.objects.public().only(*fields).order_by("pk")

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        roots = {url["item"].family_root_id for url in urls}
        families = {}
        for member in queries.public_families(roots):
            families.setdefault(member.family_root_id, []).append(member)
        for url in urls:
            family = families.get(url["item"].family_root_id, [])
            if len(family) > 1:
                url["alternates"] = [
                    {"location": f"{protocol}://{domain}{member.get_absolute_url()}", "lang_code": member.language}
                    for member in sorted(family, key=lambda m: (m.translation_of_id is not None, m.language))
                ]
        return urls

    def lastmod(self, item):
        return item.updated_at or item.first_published_at

    def get_latest_lastmod(self):
        """The index leaves lastmod out: Django's default would read every release."""
        return None


class OrganizationSitemap(InterfaceSitemap):
    def items(self):
        return queries.organizations_in_public_releases().only("slug").order_by("pk")


class PersonSitemap(InterfaceSitemap):
    def items(self):
        return queries.people_with_public_quotes().only("slug").order_by("pk")


class TopicSitemap(InterfaceSitemap):
    def items(self):
        return queries.topics_with_public_releases().only("slug").order_by("pk")


class PageSitemap(InterfaceSitemap):
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
