"""The rendered parts of a release page: its head (canonical link, social tags,
JSON-LD), its header (title, deck, dateline, time of issue), its press contacts,
its main text (body, quotes, signatories, resources, "About", changes) and its
sidebar (downloads, press kit, topics, sharing); and the ids of its related
releases' candidates (releases.reading.related).

They are the costly part of the page (five queries and hundreds of template
nodes for 300 signatories) and change only when the release or something it
prints changes, which is exactly when `Release.render_key` changes
(releases.search.documents). So for what the public sees they are cached under
that key: after a save anywhere in the archive the page cache starts again,
but every release the save did not touch is drawn from its cached parts, with
one query for the release and one for its neighbours (releases.reading.release_lookup).

Drafts and scheduled releases (staff and previews only) are never cached.
"""

from django.core.cache import cache
from django.db.models import OuterRef, Prefetch, Subquery
from django.db.models.functions import Now
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from pagecache.fingerprint import code_fingerprint
from releases.media import renditions, social_cards
from releases.models import PublishedVersion, Quote, RelatedResource, Release, ReleaseContact, Signatory
from releases.reading import citations, formats, metadata, press_kit, related, sharing, surrogate_keys

TIMEOUT = 7 * 24 * 3600


def release_page_queryset():
    """Everything a release page prints, in a fixed number of queries (the number of its current
    published version, which its citations name, comes with the release)."""
    latest = PublishedVersion.objects.filter(release=OuterRef("pk"), published_at__lte=Now()).order_by("-number")
    return (
        Release.objects.select_related("issuer__press_office__organization")
        .annotate(current_version=Subquery(latest.values("number")[:1]))
        .prefetch_related(
            Prefetch("release_contacts", queryset=ReleaseContact.objects.select_related("contact__organization")),
            Prefetch("quotes", queryset=Quote.objects.select_related("speaker", "speaker_organization")),
            Prefetch("signatories", queryset=Signatory.objects.select_related("organization")),
            "resources",
            "assets",
            "topics",
            "change_notes",
        )
    )


def resource_groups(resources):
    """[(label, [resource, ...]), ...] in the order of RelatedResource.Kind."""
    by_kind = {}
    for resource in resources:
        by_kind.setdefault(resource.kind, []).append(resource)
    return [(kind.label, by_kind[kind.value]) for kind in RelatedResource.Kind if kind.value in by_kind]


def image_url(release):
    """The picture link previews and JSON-LD show: the large rendition, or the social card."""
    if release.featured_image:
        return metadata.absolute_url(renditions.rendition_url(release.featured_image, "large"))
    card = reverse("releases:release_card", kwargs={"slug": release.slug})
    # The fingerprint changes with the picture, so the card can be cached for long.
    return metadata.absolute_url(f"{card}?v={social_cards.fingerprint(release)}")


PARTS = ("head", "header", "contacts", "main", "sidebar")


def render(release, site):
    """{name: html for each of PARTS, "related": [ids], "keys": its surrogate keys, "citation": the
    citation box's texts (releases.reading.citations) or None} for a release
    loaded with release_page_queryset(), with the site settings `site`."""
    quotes = list(release.quotes.all())
    canonical = metadata.absolute_url(release.get_absolute_url())
    for number, quote in enumerate(quotes, start=1):
        quote.number = number  # its anchor, #quote-N, as placed by [[quote N]]
        quote.permalink = f"{canonical}#quote-{number}"
    for picture in (release.featured_image, release.issuer.logo):
        renditions.ensure(picture)  # once per render key: an image saved outside the admin gets them now
    image = image_url(release)
    contacts = release.contacts_shown(site.press_office)
    # A withdrawn release keeps its page, not its press kit (its files are no longer offered).
    kit = press_kit.dress(release.assets.all()) if release.state != Release.State.WITHDRAWN else []
    for asset in kit:
        if asset.is_image:
            renditions.ensure(asset.file)
    change_notes = list(release.change_notes.all())
    visible = release.state in Release.READER_VISIBLE
    # Drafts and previews are not cited.
    cite = citations.source(release, site, getattr(release, "current_version", None)) if visible else None
    changes_url = reverse("releases:release_changes", kwargs={"slug": release.slug})
    context = {
        "SITE": site,
        "SITE_NAME": site.name,
        "release": release,
        "contacts": contacts,
        "contacts_are_default": not release.release_contacts.all(),
        "segments": release.body_segments(quotes),
        "signatories": release.signatories.all(),
        "resource_groups": resource_groups(release.resources.all()),
        "change_notes": change_notes,
        "topics": release.topics.all(),
        "image_url": image,
        "jsonld": metadata.news_article(
            release,
            image,
            contacts,
            site,
            images=press_kit.image_objects(kit, canonical, release.issuer.name),
            quotes=quotes,
            change_notes=change_notes,
            changes_url=changes_url,
        ),
        "kit": kit,
        "kit_zip_url": press_kit.zip_url(release) if kit else "",
        "kit_bytes": sum(asset.size for asset in kit),
        "changes_url": changes_url,
        "citation_meta": citations.meta_tags(cite, canonical) if cite else [],
        "ninjs_url": formats.ninjs_url(release),
        "canonical_url": canonical,
        "share_links": sharing.links(release.title, canonical),
    }
    found = {name: render_to_string(f"releases/parts/release_{name}.html", context) for name in PARTS}
    found["jsonld"] = context["jsonld"]  # drawn per request, with the translations public then
    found["related"] = related.candidates(release) if visible else []
    found["citation"] = citations.box(cite) if cite else None
    found["keys"] = surrogate_keys.release_page(release)
    return found


def cache_key(release, site_stamp=None):
    language = translation.get_language()
    return (
        f"release-parts:{code_fingerprint()}:{language}:{site_stamp}:{release.pk}:{release.render_key}:{release.state}"
    )


def parts(release, site):
    """The rendered parts of any release (loaded lean or in full) with the site settings `site`:
    cached while public or withdrawn. HTML parts come marked safe; "related" is a list of ids."""
    key = cache_key(release, site.stamp) if release.state in Release.READER_VISIBLE else None
    found = cache.get(key) if key else None
    if found is None:
        found = render(release_page_queryset().get(pk=release.pk), site)
        if key:
            cache.set(key, found, TIMEOUT)
    parts = {name: mark_safe(found[name]) for name in PARTS} | {"related": found["related"]}  # noqa: S308
    citation = found.get("citation")
    if citation:  # the citation box's texts (HTML made with format_html), less the access date
        parts["citation"] = citation | {
            style: [mark_safe(text) for text in citation[style]]  # noqa: S308
            for style in ("apa", "chicago")
        }
    parts["jsonld"] = found.get("jsonld") or {}
    # Parts cached before keys were: the page's own key and every release page's.
    parts["keys"] = found.get("keys") or [surrogate_keys.release(release.pk), surrogate_keys.NEIGHBOURS]
    return parts
