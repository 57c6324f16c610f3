"""A release as a public record: IPTC ninjs (/releases/<slug>.ninjs.json), its published versions
and what each correction changed (/releases/<slug>/changes/), each version at its own address
(/releases/<slug>/v/<n>/), and its citation files (/releases/<slug>/cite.bib, .ris, .json).

Only what its permalink shows (published and withdrawn releases, `Release.objects.at_permalink()`);
an old slug answers 301 to the same address of the release's current slug, as its permalink does.
"""

import json

from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from pagecache import surrogate
from releases import times
from releases.models import Release
from releases.reading import changes, citations, formats, release_lookup, release_parts, surrogate_keys
from releases.reading import site as site_settings
from releases.reading.metadata import absolute_url


def public_release(request, slug, url_name, **kwargs):
    """The release readers may see at this slug, loaded with what its page prints, tagged with the
    page's surrogate keys; a moved slug raises a 301 to `url_name` at its new slug; otherwise 404."""
    release = release_parts.release_page_queryset().at_permalink().filter(slug=slug).first()
    if release is None:
        moved = release_lookup.moved_slug(slug)
        if moved:
            raise MovedTo(reverse(f"releases:{url_name}", kwargs={"slug": moved, **kwargs}))
        raise Http404("No release at this address")
    surrogate.tag(request, *surrogate_keys.release_page(release))
    return release


class MovedTo(Exception):  # noqa: N818 (a control-flow signal, not an error)
    def __init__(self, url):
        self.url = url


def follows_old_slugs(view):
    """Answer an old slug's MovedTo with its 301."""

    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except MovedTo as moved:
            return HttpResponsePermanentRedirect(moved.url)

    wrapped.__name__, wrapped.__doc__ = view.__name__, view.__doc__
    return wrapped


def json_response(data, content_type):
    body = json.dumps(data, ensure_ascii=False, indent=1)
    return HttpResponse(body.encode(), content_type=f"{content_type}; charset=utf-8")


@require_safe
@follows_old_slugs
def release_ninjs(request, slug):
    """The release as an IPTC ninjs 2.0 news item; a withdrawn one is "canceled"."""
    release = public_release(request, slug, "release_ninjs")
    site = site_settings.current()
    document = formats.ninjs(release, site, version=getattr(release, "current_version", None) or 1)
    return _withdrawn_not_indexed(release, json_response(document, formats.NINJS_CONTENT_TYPE))


def _withdrawn_not_indexed(release, response):
    if release.state == Release.State.WITHDRAWN:
        response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
@follows_old_slugs
def release_changes(request, slug):
    """Every published version, newest first, with its date, change note and the words it changed."""
    release = public_release(request, slug, "release_changes")
    found = changes.with_diffs(changes.published_versions(release))
    context = {
        "release": release,
        "versions": [*reversed(found)],
        "earlier_notes": changes.earlier_notes(release, found),
        "zone": times.zone_label(),
        "canonical_url": absolute_url(request.path),
    }
    return _withdrawn_not_indexed(release, render(request, "releases/release_changes.html", context))


@require_safe
@follows_old_slugs
def release_version(request, slug, number):
    """One published version at an address that stays: its text, a note naming the current one;
    canonical to the permalink."""
    release = public_release(request, slug, "release_version", number=number)
    found = changes.published_versions(release)
    version = next((v for v in found if v.number == number), None)
    if version is None:
        raise Http404("No such version")
    context = {
        "release": release,
        "version": version,
        "latest": found[-1],
        "version_count": len(found),
        "zone": times.zone_label(),
        "canonical_url": absolute_url(release.get_absolute_url()),
    }
    return _withdrawn_not_indexed(release, render(request, "releases/release_version.html", context))


@require_safe
@follows_old_slugs
def release_citation(request, slug, fmt):
    """The release's citation as a file for a reference manager (BibTeX, RIS, CSL-JSON), naming
    its current version's pinned address and today's date. Never stored by a cache (the date)."""
    release = public_release(request, slug, f"release_cite_{fmt}")
    source = citations.source(release, site_settings.current(), getattr(release, "current_version", None))
    body, content_type, filename = citations.download(source, fmt, timezone.localdate())
    response = HttpResponse(body.encode(), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Robots-Tag"] = "noindex"
    patch_cache_control(response, private=True, max_age=0)
    return response
