"""A release at its permalink, through a preview link, and as a social card."""

import re

from django.db.models import Prefetch
from django.http import FileResponse, Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from releases import metadata, social_cards
from releases.models import PreviewLink, Quote, RelatedResource, Release, Signatory

TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")  # what secrets.token_urlsafe makes, and the column holds


def release_page_queryset():
    """Everything a release page shows, in a fixed number of queries."""
    return Release.objects.select_related("issuer").prefetch_related(
        Prefetch("quotes", queryset=Quote.objects.select_related("speaker", "speaker_organization")),
        Prefetch("signatories", queryset=Signatory.objects.select_related("organization")),
        "resources",
        "topics",
        "change_notes",
    )


def can_see_unpublished(user):
    return user.is_staff and user.has_perm("releases.view_release")


def resource_groups(resources):
    """[(label, [resource, ...]), ...] in the order of RelatedResource.Kind."""
    by_kind = {}
    for resource in resources:
        by_kind.setdefault(resource.kind, []).append(resource)
    return [(kind.label, by_kind[kind.value]) for kind in RelatedResource.Kind if kind.value in by_kind]


def neighbours(release):
    """The public releases just before and after this one, in publication order."""
    moment = release.first_published_at
    if moment is None:
        return None, None
    # A range on first_published_at (not an OR) lets the index start at this release.
    public = Release.objects.public().only("title", "slug", "first_published_at")
    previous = (
        public.filter(first_published_at__lte=moment)
        .exclude(first_published_at=moment, pk__gte=release.pk)
        .newest_first()
        .first()
    )
    following = (
        public.filter(first_published_at__gte=moment)
        .exclude(first_published_at=moment, pk__lte=release.pk)
        .order_by("first_published_at", "pk")
        .first()
    )
    return previous, following


def image_url(release):
    if release.featured_image:
        return metadata.absolute_url(release.featured_image.url)
    card = reverse("releases:release_card", kwargs={"slug": release.slug})
    # The fingerprint changes with the picture, so the card can be cached for long.
    return metadata.absolute_url(f"{card}?v={social_cards.fingerprint(release)}")


def release_context(release, *, with_neighbours=True):
    quotes = list(release.quotes.all())
    for number, quote in enumerate(quotes, start=1):
        quote.number = number  # its anchor, #quote-N, as placed by [[quote N]]
    previous, following = neighbours(release) if with_neighbours else (None, None)
    image = image_url(release)
    return {
        "release": release,
        "segments": release.body_segments(quotes),
        "signatories": release.signatories.all(),
        "resource_groups": resource_groups(release.resources.all()),
        "change_notes": release.change_notes.all(),
        "previous_release": previous,
        "next_release": following,
        "image_url": image,
        "jsonld": metadata.news_article(release, image),
        "canonical_url": metadata.absolute_url(release.get_absolute_url()),
    }


def _private(response):
    """Unpublished content: never cached, never indexed."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def release_detail(request, slug):
    """The permalink. Public and withdrawn releases for everyone; drafts and
    scheduled releases only for staff, with a banner. Otherwise 404, which lets
    the redirects middleware answer for an old slug."""
    release = release_page_queryset().at_permalink().filter(slug=slug).first()
    if release is None:
        if not can_see_unpublished(request.user):
            raise Http404("No release at this address")
        release = get_object_or_404(release_page_queryset(), slug=slug)
    context = release_context(release)
    context["noindex"] = release.state != Release.State.PUBLISHED
    response = render(request, "releases/release_detail.html", context)
    if release.state in (Release.State.DRAFT, Release.State.SCHEDULED):
        _private(response)
    elif release.state == Release.State.WITHDRAWN:
        response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def preview(request, token):
    """A shareable preview of a draft or embargoed release. Revoked: 410.
    Once the release is public the link leads to the permalink."""
    if not TOKEN.fullmatch(token):  # e.g. a NUL byte, which PostgreSQL refuses outright
        raise Http404("No such preview link")
    link = get_object_or_404(PreviewLink.objects.select_related("release"), token=token)
    if link.revoked_at:
        return _private(render(request, "releases/preview_revoked.html", status=410))
    if link.release.state in (Release.State.PUBLISHED, Release.State.WITHDRAWN):
        return HttpResponsePermanentRedirect(link.release.get_absolute_url())
    release = release_page_queryset().get(pk=link.release_id)
    context = release_context(release, with_neighbours=False)
    context.update(noindex=True, preview=True)
    response = _private(render(request, "releases/release_detail.html", context))
    response["Referrer-Policy"] = "no-referrer"  # the token stays out of other sites' logs
    return response


@require_safe
def release_card(request, slug):
    """The release's social card (PNG), drawn once and then served from storage."""
    release = get_object_or_404(Release.objects.at_permalink().select_related("issuer"), slug=slug)
    response = FileResponse(social_cards.open_card(release), content_type="image/png")
    response["Cache-Control"] = "public, max-age=604800"
    return response
