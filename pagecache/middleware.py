"""The anonymous page cache, and the one version number that keeps it honest.

Every public page an anonymous visitor receives is stored under the current
*content version*. Any change to what a page can show (a release or its parts,
an organization, person or topic, a redirect) bumps the version after its
transaction commits, so the next request renders afresh: a visitor never sees
text older than the last save. A scheduled release going live bumps it too:
the time of the next scheduled publication is kept beside the version and
checked on every request, so no cron job or worker is needed.

A request that read the old version before a save committed stores its page
under that old version, where no one will look again; there is no window in
which a stale page can be stored under the new version.

Staff (anyone with a session cookie), previews and non-GET requests bypass the
cache. With REDIS_URL set, every app server shares the version and the pages.
Without it each worker keeps its own pages (local memory), and the version is
a small file (PAGE_CACHE_VERSION_FILE, in var/) that every process on the
machine reads: a save in one gunicorn worker, a management command or the
shell is seen at once by all the others.

Keys also carry a fingerprint of the templates, static files and site
settings, so a deploy that changes how pages look never serves the old look.
"""

import functools
import hashlib
import os
import re
import time
from email.utils import formatdate
from http import HTTPStatus
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.http import HttpResponse, HttpResponseNotModified
from django.http.request import split_domain_port, validate_host
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe

VERSION_KEY = "pagecache:version"
NEXT_PUBLISH_KEY = "pagecache:next-publish"
PAGE_TIMEOUT = 24 * 3600
# Pages that must never be stored, whatever their headers say.
EXCLUDED_PREFIXES = ("/healthz", "/preview/", "/media/", "/static/")


def next_scheduled_publication():
    """Epoch seconds of the next scheduled release's publish time, or 0."""
    from releases.models import Release

    upcoming = (
        Release.objects.filter(status=Release.Status.PUBLISHED, publish_at__gt=timezone.now())
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    return upcoming.timestamp() if upcoming else 0


@functools.cache
def code_fingerprint():
    """A short hash of what shapes every page besides the content: templates,
    the static files manifest and the site's name and address."""
    digest = hashlib.sha256(f"{settings.SITE_NAME}|{settings.SITE_URL}".encode())
    roots = [d for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    files = [p for root in roots for p in sorted(Path(root).rglob("*.html"))]
    files.append(Path(settings.STATIC_ROOT) / "staticfiles.json")
    for path in files:
        try:
            digest.update(path.read_bytes())
        except OSError:
            continue
    return digest.hexdigest()[:12]


# path -> ((inode, mtime, size), (version, upcoming)). File times tick coarsely (a few ms), so
# two writes in one tick look alike: a file is only remembered once its time is a second old,
# and read afresh until then.
_file_seen = {}
SETTLED_SECONDS = 1.0


def read_version():
    """(version, epoch of the next scheduled publication or 0); version None when unset."""
    path = settings.PAGE_CACHE_VERSION_FILE
    if path is None:
        values = cache.get_many([VERSION_KEY, NEXT_PUBLISH_KEY])
        return values.get(VERSION_KEY), values.get(NEXT_PUBLISH_KEY, 0)
    try:
        stat = os.stat(path)
    except OSError:
        return None, 0
    identity = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
    seen = _file_seen.get(path)
    if seen and seen[0] == identity:
        return seen[1]
    try:
        version, upcoming = Path(path).read_text().split()
        values = float(version), float(upcoming)
    except (OSError, ValueError):
        return None, 0
    if time.time() - stat.st_mtime > SETTLED_SECONDS:
        _file_seen[path] = (identity, values)
    return values


def write_version(version, upcoming):
    path = settings.PAGE_CACHE_VERSION_FILE
    if path is None:
        cache.set_many({VERSION_KEY: version, NEXT_PUBLISH_KEY: upcoming}, timeout=None)
        return
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(f"{version!r} {upcoming!r}\n")
    os.replace(temporary, path)  # atomic: a reader sees the old version or the new, never half


def bump_version():
    """Start a new content version: every page cached so far is out of date."""
    version = time.time()
    try:
        upcoming = next_scheduled_publication()
    except DatabaseError:
        upcoming = version + 5  # check again shortly
    write_version(version, upcoming)
    return version


def current_version():
    version, upcoming = read_version()
    if version is None or (upcoming and time.time() >= upcoming):
        version = bump_version()
    return version


def cacheable_path(path):
    """Pages under these addresses are never stored: health checks, previews, files, the admin."""
    return not path.startswith((*EXCLUDED_PREFIXES, f"/{settings.ADMIN_PATH}/"))


def page_key(version, full_path):
    return "page:" + hashlib.sha256(f"{code_fingerprint()}|{version}|{full_path}".encode()).hexdigest()


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def cacheable_request(self, request):
        request.get_host()  # first in the chain: a disallowed Host is refused (400) before any cached page
        return (
            request.method in ("GET", "HEAD")
            and not (settings.SECURE_SSL_REDIRECT and not request.is_secure())  # SecurityMiddleware redirects it
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
            and cacheable_path(request.path)
        )

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        if not settings.PAGE_CACHE:
            response = self.get_response(request)
            if self.cacheable_response(response):
                self.finish(response, time.time())
                return self.conditional(request, response)
            return response
        version = current_version()
        key = page_key(version, request.get_full_path())
        entry = cache.get(key)
        if entry is not None:
            response = self.from_entry(entry)
            response["X-Cache"] = "hit"
            return self.conditional(request, response)
        response = self.get_response(request)
        if self.cacheable_response(response):
            self.finish(response, version)
            cache.set(key, self.to_entry(response), PAGE_TIMEOUT)
            response["X-Cache"] = "miss"
            return self.conditional(request, response)
        return response

    @staticmethod
    def cacheable_response(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
            and "no-cache" not in cache_control
        )

    @staticmethod
    def finish(response, version):
        """Validators and lifetimes shared by every public page."""
        response["ETag"] = '"' + hashlib.md5(response.content, usedforsecurity=False).hexdigest() + '"'
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = formatdate(version, usegmt=True)
        if not response.has_header("Cache-Control"):
            # Browsers and proxies revalidate every time (a cheap 304): an edit shows at once.
            response["Cache-Control"] = "public, max-age=0, must-revalidate"
        patch_vary_headers(response, ["Cookie"])

    @staticmethod
    def to_entry(response):
        return (response.status_code, list(response.items()), response.content)

    @staticmethod
    def from_entry(entry):
        status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        return response

    @staticmethod
    def conditional(request, response):
        conditional = get_conditional_response(
            request,
            etag=response.get("ETag"),
            last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
            response=response,
        )
        if isinstance(conditional, HttpResponseNotModified) or conditional.status_code == 412:
            return conditional
        return response


CONTENT_APPS = {"releases", "redirects"}


def content_changed(sender, **kwargs):
    """Signal receiver: a model of the archive changed; new version after commit."""
    if sender._meta.app_label not in CONTENT_APPS:
        return
    connection._page_cache_dirty = True
    transaction.on_commit(_bump_if_dirty)


def _bump_if_dirty():
    # Many rows saved in one transaction register many callbacks; one bump is enough.
    if getattr(connection, "_page_cache_dirty", False):
        connection._page_cache_dirty = False
        bump_version()


def connect_signals():
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"page_cache_{signal!r}")


# --- hits without Django's request handling --------------------------------------

# Paths and query strings that Django's request.get_full_path() returns unchanged.
PLAIN_PATH = re.compile(r"[A-Za-z0-9/_.~-]*\Z")
PLAIN_QUERY = re.compile(r"[A-Za-z0-9=&_.~%+-]*\Z")
# Requests the middleware answers in its own way: conditional, authorized, staff.
SPECIAL_HEADERS = (
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
    "HTTP_AUTHORIZATION",
)


class CachedPagesApp:
    """WSGI: a plain anonymous GET whose page is in the cache is answered here,
    before Django builds a request and runs its middleware; anything else, and
    every miss, goes to Django, where PageCacheMiddleware (first in the chain)
    stores what it answers, its final headers included. A hit here and a hit
    there send the same status, headers and body.
    """

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        entry = self.lookup(environ) if settings.PAGE_CACHE else None
        if entry is None:
            return self.app(environ, start_response)
        status, headers, content = entry
        start_response(f"{status} {HTTPStatus(status).phrase}", [*headers, ("X-Cache", "hit")])
        return [content]

    @staticmethod
    def lookup(environ):
        path, query = environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", "")
        if (
            environ.get("REQUEST_METHOD") != "GET"
            or environ.get("SCRIPT_NAME")
            or any(name in environ for name in SPECIAL_HEADERS)
            or settings.SESSION_COOKIE_NAME in environ.get("HTTP_COOKIE", "")
            or not PLAIN_PATH.match(path)
            or not PLAIN_QUERY.match(query)
            or not cacheable_path(path)
            or (settings.SECURE_SSL_REDIRECT and not _is_secure(environ))
        ):
            return None
        host, _ = split_domain_port(environ.get("HTTP_HOST") or environ.get("SERVER_NAME", ""))
        allowed = settings.ALLOWED_HOSTS or ([".localhost", "127.0.0.1", "[::1]"] if settings.DEBUG else [])
        if not host or not validate_host(host, allowed):
            return None
        version, upcoming = read_version()
        if version is None or (upcoming and time.time() >= upcoming):
            return None  # Django's turn: a new version to make
        return cache.get(page_key(version, path + ("?" + query if query else "")))


def _is_secure(environ):
    if settings.SECURE_PROXY_SSL_HEADER:
        header, value = settings.SECURE_PROXY_SSL_HEADER
        return environ.get(header, "").split(",")[0].strip() == value
    return environ.get("wsgi.url_scheme") == "https"
