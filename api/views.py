"""The pages about the public data: the API's guide (/api/), the data page (/data/) and the
archive download (/export/releases.jsonl.gz)."""

from datetime import datetime

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from api import export, representation
from releases.reading import site as site_settings
from releases.reading.metadata import absolute_url


def _links():
    return {
        "releases_url": absolute_url(reverse("api-v1:releases")),
        "openapi_url": reverse("api-v1:openapi-json"),
        "docs_url": reverse("api-v1:openapi-view"),
        "guide_url": reverse("api_guide"),
        "data_url": reverse("open_data"),
        "download_url": reverse("archive_download"),
        "time_zone": settings.TIME_ZONE,
    }


@require_safe
def api_guide(request):
    """How to use the API, with curl examples and links to the OpenAPI document and its explorer."""
    return render(request, "api/guide.html", _links())


@require_safe
def open_data(request):
    """The whole archive as one download: what it holds, how big, its checksum, when it was
    made, its licence and formats. Not stored by the page cache (`no-cache`): the export is
    written after a change, later than the change moves the cache's version."""
    summary = export.description()
    generated = datetime.fromisoformat(summary.generated_at) if summary else None
    context = _links() | {
        "summary": summary,
        "generated": generated,
        "licence": representation.licence(site_settings.current()),
        "export_every_minutes": max(1, settings.EXPORT_EVERY // 60),
    }
    response = render(request, "api/data.html", context)
    patch_cache_control(response, public=True, no_cache=True, max_age=0)
    return response


@require_safe
def archive_download(request):
    """The archive's file, streamed from the media storage. 404 until the first export."""
    summary = export.description()
    if summary is None:
        raise Http404("The archive has not been exported yet.")
    etag = f'"{summary.sha256}"'
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
        response["ETag"] = etag
        return response
    try:
        found = default_storage.open(export.FILE_NAME, "rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404("The archive has not been exported yet.") from error
    response = FileResponse(found, as_attachment=True, filename="releases.jsonl.gz")
    response["Content-Type"] = "application/gzip"
    response["ETag"] = etag
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, public=True, max_age=300)
    return response
