"""Cache hits answered at the WSGI layer, before Django builds a request."""

import re
from http import HTTPStatus

from django.conf import settings
from django.core.cache import cache
from django.http.request import split_domain_port, validate_host

from pagecache import content_version
from pagecache.content_version import StoreUnavailable, needs_new_version, read_version
from pagecache.store import cacheable_path, page_key
from pagecache.surrogate import with_shared_max_age

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
        headers = [
            (name, with_shared_max_age(value, content_version.last_upcoming) if name == "Cache-Control" else value)
            for name, value in headers
        ]
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
        try:
            version, upcoming = read_version()
        except StoreUnavailable:
            return None  # Django's turn: it serves the page uncached
        if needs_new_version(version, upcoming):
            return None  # Django's turn: a new version to make
        return cache.get(page_key(version, path + ("?" + query if query else "")))


def _is_secure(environ):
    if settings.SECURE_PROXY_SSL_HEADER:
        header, value = settings.SECURE_PROXY_SSL_HEADER
        return environ.get(header, "").split(",")[0].strip() == value
    return environ.get("wsgi.url_scheme") == "https"
