"""RSS, Atom and JSON Feed 1.1: site-wide, per topic and per organization, with the full body."""

import json

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed
from django.utils.html import escape
from django.utils.translation import get_language, gettext

from releases.models import Quote, Release, ReleaseContact
from releases.reading import formats, queries
from releases.reading import site as site_settings
from releases.reading.metadata import absolute_url

ITEMS = 30


class RssWithHub(Rss201rev2Feed):
    """RSS naming the WebSub hub (WEBSUB_HUB), when there is one, beside its rel="self"."""

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if settings.WEBSUB_HUB:
            handler.addQuickElement("atom:link", None, {"rel": "hub", "href": settings.WEBSUB_HUB})


class AtomWithContent(Atom1Feed):
    """Atom with the full body in <content>; <summary> keeps the lead; the WebSub hub, if any."""

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        if settings.WEBSUB_HUB:
            handler.addQuickElement("link", "", {"rel": "hub", "href": settings.WEBSUB_HUB})

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content"], {"type": "html"})


class JsonFeed(SyndicationFeed):
    """JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): the same feed as the RSS and Atom
    ones, as JSON; the full body in content_html, the lead in summary; the WebSub hub, if any."""

    content_type = "application/feed+json; charset=utf-8"
    VERSION = "https://jsonfeed.org/version/1.1"

    def write(self, outfile, encoding):
        outfile.write(json.dumps(self.document(), ensure_ascii=False, indent=1).encode(encoding))

    def document(self):
        feed = self.feed
        data = {
            "version": self.VERSION,
            "title": feed["title"],
            "home_page_url": feed["link"],
            "feed_url": feed["feed_url"],
            "description": feed["description"],
            "language": formats.language(get_language()),  # a feed per interface language
        }
        if settings.WEBSUB_HUB:
            data["hubs"] = [{"type": "WebSub", "url": settings.WEBSUB_HUB}]
        data["items"] = [self.item(item) for item in self.items]
        return data

    def item(self, item):
        data = {
            "id": item["unique_id"] or item["link"],
            "url": item["link"],
            "title": item["title"],
            "content_html": item["content_html"],
            "summary": item["summary"],
            "date_published": item["pubdate"].isoformat() if item["pubdate"] else None,
            "date_modified": item["updateddate"].isoformat() if item["updateddate"] else None,
            "authors": [{"name": item["author_name"], "url": item["author_link"]}],
            "tags": item["categories"] or [],
            "language": formats.language(get_language()),
        }
        return {key: value for key, value in data.items() if value is not None}


class ReleaseFeed(Feed):
    """Site-wide: the latest public releases."""

    feed_type = RssWithHub

    def title(self, obj=None):
        return gettext("%(name)s: latest releases") % {"name": site_settings.current().name}

    def description(self, obj=None):
        return site_settings.current().description or gettext("The latest press releases in the archive.")

    url_name = "releases:feed_rss"

    def link(self, obj=None):
        return absolute_url(reverse("releases:release_archive"))

    def feed_url(self, obj=None):
        """The feed's own address on SITE_URL (Atom's rel="self")."""
        return absolute_url(reverse(self.url_name, kwargs={"slug": obj.slug} if obj else {}))

    def releases(self, obj):
        return Release.objects.listed()

    def in_language(self, releases):
        """A feed per interface language: /feeds/rss/ lists the releases in English (and in any
        language the interface does not speak), /es/feeds/rss/ those in Spanish."""
        return releases.in_language(get_language())

    def items(self, obj=None):
        quotes = Quote.objects.select_related("speaker", "speaker_organization")
        contacts = ReleaseContact.objects.select_related("contact__organization")
        return (
            self.in_language(self.releases(obj))
            .select_related("issuer__press_office__organization")
            .prefetch_related(
                Prefetch("quotes", queryset=quotes), Prefetch("release_contacts", queryset=contacts), "topics"
            )[:ITEMS]
        )

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_description(self, item):
        return self.full_body(item)

    def full_body(self, item):
        """The rendered body, quotes in their places, and its press contacts."""
        return formats.full_body(item, site_settings.current())

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.updated_at or item.first_published_at

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]

    def item_author_name(self, item):
        return item.issuer.name

    def item_author_link(self, item):
        return absolute_url(item.issuer.get_absolute_url())


class AtomMixin:
    feed_type = AtomWithContent

    def subtitle(self, obj=None):
        return self._get_dynamic_attr("description", obj)

    def item_description(self, item):
        # Atom's <summary type="html"> is read as HTML; the lead is plain text.
        return escape(item.lead)

    def item_extra_kwargs(self, item):
        return {"content": self.full_body(item)}


class JsonMixin:
    feed_type = JsonFeed

    def item_extra_kwargs(self, item):
        return {"content_html": self.full_body(item), "summary": item.lead}


class LatestReleasesRss(ReleaseFeed):
    pass


class LatestReleasesAtom(AtomMixin, ReleaseFeed):
    url_name = "releases:feed_atom"


class LatestReleasesJson(JsonMixin, ReleaseFeed):
    url_name = "releases:feed_json"


class TopicRss(ReleaseFeed):
    """The public releases on one topic."""

    url_name = "releases:topic_feed_rss"

    def get_object(self, request, slug):
        return get_object_or_404(queries.topics_with_public_releases(), slug=slug)

    def title(self, obj):
        return f"{site_settings.current().name}: {obj.name}"

    def description(self, obj):
        return gettext("Press releases on %(name)s.") % {"name": obj.name}

    def link(self, obj):
        return absolute_url(obj.get_absolute_url())

    def releases(self, obj):
        return Release.objects.listed().filter(topics=obj)


class TopicAtom(AtomMixin, TopicRss):
    url_name = "releases:topic_feed_atom"


class TopicJson(JsonMixin, TopicRss):
    url_name = "releases:topic_feed_json"


class OrganizationRss(ReleaseFeed):
    """The public releases an organization issued or signed."""

    url_name = "releases:organization_feed_rss"

    def get_object(self, request, slug):
        return get_object_or_404(queries.organizations_in_public_releases(), slug=slug)

    def title(self, obj):
        return f"{site_settings.current().name}: {obj.name}"

    def description(self, obj):
        return gettext("Press releases issued or signed by %(name)s.") % {"name": obj.name}

    def link(self, obj):
        return absolute_url(obj.get_absolute_url())

    def releases(self, obj):
        return queries.releases_of_organization(obj)


class OrganizationAtom(AtomMixin, OrganizationRss):
    url_name = "releases:organization_feed_atom"


class OrganizationJson(JsonMixin, OrganizationRss):
    url_name = "releases:organization_feed_json"
