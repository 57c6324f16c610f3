import mimetypes
import posixpath
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.utils._os import safe_join
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from pagecache import health as cache_health
from pressroom import health

# Uploaded files are served only with these types; anything else is a download.
SAFE_MEDIA_TYPES = {"image/jpeg", "image/png", "image/webp", "image/avif", "image/gif", "application/pdf"}
mimetypes.add_type("image/avif", ".avif")  # renditions; not in every Python's own table


@never_cache
@require_safe
def healthz(request):
    """For load balancers and monitors, as JSON: {"status", "database", "cache", and one
    entry per part of pressroom.health ("replica", "media", "purge"), "details"}, each part
    "ok", "degraded" or "off" (not configured); "details" says why, part by part.

    503 only when the database does not answer: this host cannot serve pages. A failing
    shared part (Redis, the replica, the object store, the purge target) is "degraded" with
    a 200: the host still serves every page (uncached, from the primary, without new
    uploads), and every host shares that part, so taking them out of rotation would take
    the site down. The header X-Health-Degraded names the degraded parts.
    """
    cache_status = cache_health.status()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        connection.close_if_unusable_or_obsolete()
        body = {"status": "unavailable", "database": "unavailable", "cache": cache_status}
        return JsonResponse(body, status=503)
    body = {"status": "ok", "database": "ok", "cache": cache_status}
    details = {}
    for name, state, detail in health.report():
        body[name] = state
        if detail:
            details[name] = detail
    degraded = [name for name, state in body.items() if state == "degraded"]
    body["status"] = "degraded" if degraded else "ok"
    body["details"] = details
    response = JsonResponse(body)
    if degraded:
        response["X-Health-Degraded"] = ", ".join(degraded)
    return response


@require_safe
def media(request, path):
    """Serve an uploaded file from MEDIA_ROOT with a safe content type.

    In a multi-host deployment media lives on an object store and this view is
    not reached; on one machine it keeps `make run` self-contained.
    """
    path = posixpath.normpath(path).lstrip("/")
    try:
        full = Path(safe_join(settings.MEDIA_ROOT, path))
    except Exception as exc:
        raise Http404("No such file") from exc
    try:
        found = full.is_file()
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte
        found = False
    if not found:
        raise Http404("No such file")
    content_type, _ = mimetypes.guess_type(full.name)
    response = FileResponse(full.open("rb"))
    if content_type in SAFE_MEDIA_TYPES:
        response["Content-Type"] = content_type
    else:
        response["Content-Type"] = "application/octet-stream"
        response["Content-Disposition"] = "attachment"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "public, max-age=86400"
    return response


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
