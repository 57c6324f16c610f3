"""The page cache on Django's side: first in the middleware chain, so a stored page
carries every header later middleware added.

Every public page an anonymous visitor receives is stored under the current
content version (pagecache.content_version). Staff (anyone with a session
cookie), previews and non-GET requests bypass the cache. Pages carry an ETag
and Last-Modified and answer conditional requests with 304. With the cache or
the version's store away, pages are served uncached (pagecache.backends).
"""

import hashlib
import time
from email.utils import formatdate

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import parse_http_date_safe

from pagecache import content_version, surrogate
from pagecache.content_version import current_version
from pagecache.store import PAGE_TIMEOUT, cacheable_path, page_key


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
        # Off, or the content version's store failing: pages are served fresh, with their validators.
        version = current_version() if settings.PAGE_CACHE else None
        if version is None:
            response = self.get_response(request)
            if self.cacheable_response(response):
                self.finish(request, response, time.time())
                return self.conditional(request, self.for_shared_caches(response))
            return self.share_file(request, response)
        key = page_key(version, request.get_full_path())
        entry = cache.get(key)
        if entry is not None:
            response = self.for_shared_caches(self.from_entry(entry))
            response["X-Cache"] = "hit"
            return self.conditional(request, response)
        response = self.get_response(request)
        if self.cacheable_response(response):
            self.finish(request, response, version)
            cache.set(key, self.to_entry(response), PAGE_TIMEOUT)
            response["X-Cache"] = "miss"
            return self.conditional(request, self.for_shared_caches(response))
        return self.share_file(request, response)

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
    def shareable(response):
        """A public answer a shared cache may keep (a streamed file too, such as a social card)."""
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.cookies
            and "public" in cache_control
            and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
        )

    def share_file(self, request, response):
        """A streamed public answer (not stored here): its keys and s-maxage for shared caches."""
        if response.streaming and self.shareable(response):
            surrogate.add_key_headers(response, surrogate.keys_of(request))
            self.for_shared_caches(response)
        return response

    @staticmethod
    def for_shared_caches(response):
        """s-maxage as of now (never past the next scheduled change): set on every answer,
        from the page cache or fresh, so a page stored an hour ago does not overstay."""
        response["Cache-Control"] = surrogate.with_shared_max_age(
            response["Cache-Control"], content_version.last_upcoming
        )
        return response

    @staticmethod
    def finish(request, response, version):
        """Validators, lifetimes and surrogate keys shared by every public page."""
        response["ETag"] = '"' + hashlib.md5(response.content, usedforsecurity=False).hexdigest() + '"'
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = formatdate(version, usegmt=True)
        if not response.has_header("Cache-Control"):
            # Browsers and proxies revalidate every time (a cheap 304): an edit shows at once.
            response["Cache-Control"] = "public, max-age=0, must-revalidate"
        patch_vary_headers(response, ["Cookie"])
        surrogate.add_key_headers(response, surrogate.keys_of(request))

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
