"""What a journalist downloads: a press-kit file (original, web size, or a rendition for the
page's <picture>), the release's whole press kit as a ZIP, and the release as a PDF.

Every answer goes through the visibility rule: a release's files only while the release is
public (`Release.objects.public()`; staff who may read drafts also get those, never cached),
an organization's only while its page is public (reading.queries.public_assets). The files
live in the private storage, so this is the only way to them.
"""

import logging

from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from pagecache import surrogate
from releases.media import kit_files, renditions, zipstream
from releases.models import Asset, Release
from releases.publishing import can_see_unpublished
from releases.reading import press_kit, queries, release_pdf, surrogate_keys
from releases.reading import site as site_settings

logger = logging.getLogger(__name__)
PUBLIC_MAX_AGE = 3600  # addresses carry the file's version (?v=); a withdrawn release's files go within the hour


def _private(response):
    """Staff looking at what readers cannot see yet: never cached, never indexed."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


def _public(response):
    patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    return response


def _asset(request, pk):
    """(asset, public): a file readers may download, or any file for staff who may read drafts."""
    found = queries.public_assets().select_related("release", "organization").filter(pk=pk).first()
    if found is not None:
        return found, True
    if can_see_unpublished(request.user):
        return get_object_or_404(Asset.objects.select_related("release", "organization"), pk=pk), False
    raise Http404("No such file")


def _release(request, slug):
    """(release, public): a public release, or any release for staff who may read drafts."""
    found = Release.objects.public().select_related("issuer").filter(slug=slug).first()
    if found is not None:
        return found, True
    if can_see_unpublished(request.user):
        return get_object_or_404(Release.objects.select_related("issuer"), slug=slug), False
    raise Http404("No such release")


def _tag(request, asset):
    if asset.release_id:
        surrogate.tag(request, surrogate_keys.release(asset.release_id))
    else:
        surrogate.tag(request, surrogate_keys.organization(asset.organization_id))


def _open(storage, name):
    try:
        return storage.open(name, "rb")
    except (FileNotFoundError, OSError) as exc:
        logger.warning("Press-kit file missing from storage: %s (%s)", name, exc)
        raise Http404("This file is missing.") from exc


def _signed_redirect(storage, name, filename, attachment):
    """On an object store: a short-lived signed address of the private object."""
    url = storage.url(
        name, parameters={"ResponseContentDisposition": content_disposition_header(attachment, filename)}
    )
    response = HttpResponseRedirect(url)
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_safe
def press_kit_file(request, pk, variant):
    """/press-kit/<id>/<variant>: "original" or "web" (downloads), or a rendition alias (the
    page's <picture>, inline)."""
    if variant not in press_kit.VARIANTS:
        raise Http404("No such version of this file")
    asset, public = _asset(request, pk)
    storage = asset.file.storage
    if variant == press_kit.ORIGINAL:
        name, filename, attachment = asset.file.name, asset.download_name, True
        content_type = kit_files.content_type(asset.file.name)
    else:
        if not asset.is_image:
            raise Http404("Only images have other sizes")
        alias = press_kit.WEB_ALIAS if variant == press_kit.WEB else variant
        if alias.endswith("_avif") and not renditions.AVIF:
            raise Http404("No such size")
        renditions.ensure(asset.file)
        name = renditions.rendition_name(asset.file, alias)
        stem = asset.download_name.rpartition(".")[0] or asset.download_name
        filename = f"{stem}-web{name[name.rfind('.') :]}"
        attachment = variant == press_kit.WEB
        content_type = kit_files.content_type(name)
    _tag(request, asset)
    if getattr(storage, "querystring_auth", False):
        response = _signed_redirect(storage, name, filename, attachment)
        return response if public else _private(response)
    file = _open(storage, name)
    response = FileResponse(file, content_type=content_type, as_attachment=attachment, filename=filename)
    return _public(response) if public else _private(response)


@require_safe
def press_kit_zip(request, slug):
    """/releases/<slug>/press-kit.zip: every file of the release's press kit and a CREDITS.txt,
    written as it is sent (releases.media.zipstream): memory stays flat however large the kit."""
    release, public = _release(request, slug)
    assets = list(release.assets.all())
    if not assets:
        raise Http404("This release has no press kit")
    surrogate.tag(request, surrogate_keys.release(release.pk))
    folder = press_kit.zip_name(release).removesuffix(".zip")
    names = press_kit.zip_entry_names(assets)
    storage = assets[0].file.storage
    present = [asset for asset in assets if storage.exists(asset.file.name)]
    for asset in set(assets) - set(present):
        logger.warning("Press-kit file missing from storage, left out of the ZIP: %s", asset.file.name)
    credits = press_kit.credits_text(release, present, names, site_settings.current().name)
    entries = [
        (
            f"{folder}/{names[asset.pk]}",
            press_kit.entry_time(asset),
            lambda name=asset.file.name: storage.open(name, "rb"),
            asset.size or None,
        )
        for asset in present
    ]
    latest = max(assets, key=lambda asset: asset.modified_at)
    entries.append((f"{folder}/CREDITS.txt", press_kit.entry_time(latest), credits.encode(), None))
    if request.method == "HEAD":
        response = HttpResponse(content_type="application/zip")
    else:
        response = StreamingHttpResponse(zipstream.stream(entries), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{press_kit.zip_name(release)}"'
    return _public(response) if public else _private(response)


@require_safe
def release_as_pdf(request, slug):
    """/releases/<slug>/release.pdf: the release on letterhead (releases.reading.release_pdf),
    cached under its render key; answered like a page (the page cache keeps it, edits show at once)."""
    release, public = _release(request, slug)
    surrogate.tag(request, surrogate_keys.release(release.pk))
    response = HttpResponse(release_pdf.pdf_bytes(release, site_settings.current()), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{release_pdf.filename(release)}"'
    return response if public else _private(response)
