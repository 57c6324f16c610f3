"""A release at its permalink, through a preview link, and as a social card."""

import re

from django.http import FileResponse, Http404, HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from pagecache import surrogate
from releases import embargo
from releases.media import social_cards
from releases.models import PreviewLink, PreviewOpening, Release
from releases.publishing import can_see_unpublished
from releases.reading import metadata, queries, release_lookup, release_parts, sharing, surrogate_keys, vcard
from releases.reading import site as site_settings
from releases.reading.metadata import absolute_url

TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")  # what secrets.token_urlsafe makes, and the column holds


def release_context(release, *, with_neighbours=True):
    # The stamp came with the release (release_lookup.at_permalink): the settings cost no query.
    site = site_settings.current(getattr(release, "site_stamp", site_settings.UNKNOWN))
    parts = release_parts.parts(release, site)
    previous, following, related, translations = (
        release_lookup.neighbours(release, parts["related"]) if with_neighbours else (None, None, [], [])
    )
    itself = release_lookup.Translation(release.language, release.title, release.get_absolute_url())
    return {
        "release": release,
        "parts": parts,
        "jsonld": metadata.with_translations(parts["jsonld"], release, translations),
        "previous_release": previous,
        "next_release": following,
        "related_releases": related,
        "accessed": timezone.localdate(),  # the citation box's access date, in the newsroom's zone
        # Its public translations (the switcher, hreflang alternates); with itself, for hreflang.
        "translations": translations,
        "alternates": [itself, *translations] if translations else [],
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
    release = release_lookup.at_permalink(slug)
    if release is None:
        if not can_see_unpublished(request.user):
            raise Http404("No release at this address")
        release = get_object_or_404(release_lookup.lean(), slug=slug)
    if release.url_language != get_language():
        # Each release is read in its own language: /es/releases/<slug>/ for one in Spanish.
        # Its address in another language's prefix (or, moved to another language, its old one) redirects.
        return HttpResponsePermanentRedirect(release.get_absolute_url())
    context = release_context(release)
    context["noindex"] = release.state != Release.State.PUBLISHED
    surrogate.tag(request, *context["parts"]["keys"])
    response = render(request, "releases/release_detail.html", context)
    if release.state in Release.UNPUBLISHED:
        _private(response)
    elif release.state == Release.State.WITHDRAWN:
        response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def preview(request, token):
    """A shareable preview of a draft or embargoed release; an embargo link (one with a
    recipient) shows only a scheduled release. Revoked or expired: 410, no text. Once the
    release is public the link leads to the permalink. Every request is logged."""
    if not TOKEN.fullmatch(token):  # e.g. a NUL byte, which PostgreSQL refuses outright
        raise Http404("No such preview link")
    link = get_object_or_404(PreviewLink.objects.select_related("release"), token=token)
    release = link.release
    if link.is_refused(timezone.now()):
        embargo.record_opening(link, request, PreviewOpening.Outcome.REFUSED)
        context = {"expired": link.revoked_at is None}
        return _private(render(request, "releases/preview_revoked.html", context, status=410))
    state = release.state
    if state in Release.READER_VISIBLE:
        embargo.record_opening(link, request, PreviewOpening.Outcome.FORWARDED)
        return _private(HttpResponsePermanentRedirect(release.get_absolute_url()))
    if link.for_recipient and state != Release.State.SCHEDULED:
        # Back to draft after it was shared: the journalist sees nothing of it until it is scheduled again.
        embargo.record_opening(link, request, PreviewOpening.Outcome.REFUSED)
        return _private(render(request, "releases/preview_revoked.html", {"unavailable": True}, status=404))
    embargo.record_opening(link, request, PreviewOpening.Outcome.SHOWN)
    with translation.override(release.url_language):  # in the release's language, whatever the address
        context = release_context(release, with_neighbours=False)
        context.update(noindex=True, preview=True, preview_link=link)
        response = _private(render(request, "releases/release_detail.html", context))
    response["Referrer-Policy"] = "no-referrer"  # the token stays out of other sites' logs
    return response


@require_safe
def release_card(request, slug):
    """The release's social card (PNG), drawn once and then served from storage."""
    release = get_object_or_404(Release.objects.at_permalink().select_related("issuer"), slug=slug)
    surrogate.tag(request, surrogate_keys.release(release.pk))
    card, stored = social_cards.open_card(release)
    response = FileResponse(card, content_type="image/png")
    # Drawn without storage (the object store away): kept briefly, stored properly once it is back.
    response["Cache-Control"] = "public, max-age=604800" if stored else "public, max-age=60"
    return response


@require_safe
def share_on_mastodon(request, slug):
    """The reader's Mastodon server, named in the share form, gets the release to post: a redirect
    to that server's /share page. A name that is not a host name: back to the release."""
    release = get_object_or_404(Release.objects.public(), slug=slug)
    host = sharing.mastodon_host(request.GET.get("server", ""))
    if host is None:
        response = HttpResponseRedirect(release.get_absolute_url() + "#share-heading")
    else:
        response = HttpResponseRedirect(
            sharing.mastodon_url(host, release.title, absolute_url(release.get_absolute_url()))
        )
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def contact_vcard(request, pk):
    """A press contact as a vCard: only one a reader can see on a public page."""
    site = site_settings.current()
    contact = get_object_or_404(queries.public_contacts(site.press_office_id), pk=pk)
    response = HttpResponse(vcard.vcard(contact), content_type="text/vcard; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{vcard.filename(contact)}"'
    return response
