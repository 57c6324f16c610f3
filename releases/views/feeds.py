"""RSS and Atom feeds: site-wide, per topic and per organization, with the full body."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from releases.models import Quote, Release, ReleaseContact
from releases.reading import queries
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


class ReleaseFeed(Feed):
    """Site-wide: the latest public releases."""

    feed_type = RssWithHub

    def title(self, obj=None):
        return f"{site_settings.current().name}: latest releases"

    def description(self, obj=None):
        return site_settings.current().description or "The latest press releases in the archive."

    url_name = "releases:feed_rss"

    def link(self, obj=None):
        return absolute_url(reverse("releases:release_archive"))

    def feed_url(self, obj=None):
        """The feed's own address on SITE_URL (Atom's rel="self")."""
        return absolute_url(reverse(self.url_name, kwargs={"slug": obj.slug} if obj else {}))

    def releases(self, obj):
        return Release.objects.listed()

    def items(self, obj=None):
        quotes = Quote.objects.select_related("speaker", "speaker_organization")
        contacts = ReleaseContact.objects.select_related("contact__organization")
        return (
            self.releases(obj)
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
        """The rendered body, quotes in their places."""
        quotes = list(item.quotes.all())
        for number, quote in enumerate(quotes, start=1):
            quote.number = number
        contacts = item.contacts_shown(site_settings.current().press_office)
        context = {"release": item, "segments": item.body_segments(quotes), "contacts": contacts}
        return render_to_string("releases/feed_body.html", context)

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


class LatestReleasesRss(ReleaseFeed):
    pass


class LatestReleasesAtom(AtomMixin, ReleaseFeed):
    url_name = "releases:feed_atom"


class TopicRss(ReleaseFeed):
    """The public releases on one topic."""

    url_name = "releases:topic_feed_rss"

    def get_object(self, request, slug):
        return get_object_or_404(queries.topics_with_public_releases(), slug=slug)

    def title(self, obj):
        return f"{site_settings.current().name}: {obj.name}"

    def description(self, obj):
        return f"Press releases on {obj.name}."

    def link(self, obj):
        return absolute_url(obj.get_absolute_url())

    def releases(self, obj):
        return Release.objects.listed().filter(topics=obj)


class TopicAtom(AtomMixin, TopicRss):
    url_name = "releases:topic_feed_atom"


class OrganizationRss(ReleaseFeed):
    """The public releases an organization issued or signed."""

    url_name = "releases:organization_feed_rss"

    def get_object(self, request, slug):
        return get_object_or_404(queries.organizations_in_public_releases(), slug=slug)

    def title(self, obj):
        return f"{site_settings.current().name}: {obj.name}"

    def description(self, obj):
        return f"Press releases issued or signed by {obj.name}."

    def link(self, obj):
        return absolute_url(obj.get_absolute_url())

    def releases(self, obj):
        return queries.releases_of_organization(obj)


class OrganizationAtom(AtomMixin, OrganizationRss):
    url_name = "releases:organization_feed_atom"
