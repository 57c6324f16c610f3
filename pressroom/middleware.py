import logging

from django.conf import settings
from django.contrib.redirects.middleware import RedirectFallbackMiddleware as BaseRedirectFallbackMiddleware
from django.contrib.redirects.models import Redirect
from django.contrib.sites.shortcuts import get_current_site
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

from pressroom.languages import strip_prefix

logger = logging.getLogger(__name__)


class DatabaseUnavailableMiddleware:
    """Answer 503 with a friendly page when PostgreSQL is away.

    The connection error is logged once per request as a warning, not as a
    crash with a traceback; Django reconnects by itself on the next request.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            return database_unavailable(exception)
        return None


class PermissionsPolicyMiddleware:
    """The Permissions-Policy header (settings.PERMISSIONS_POLICY) on every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RedirectFallbackMiddleware(BaseRedirectFallbackMiddleware):
    """contrib.redirects' fallback, answering 503 instead of 500 while the database is away.

    It looks a redirect up for every 404 in its *response* phase, where an error
    is no longer the view's and process_exception above never sees it. Besides
    Django's escaped form of the address it looks for the decoded one (how old
    addresses with non-Latin slugs are stored), and an address carrying one of
    REDIRECT_QUERY_PARAMETERS (an old site's /?p=123) is looked up before the page
    at its path (the home page) answers.
    """

    def process_request(self, request):
        if request.method in ("GET", "HEAD") and any(
            request.GET.get(key, "").isdigit() for key in settings.REDIRECT_QUERY_PARAMETERS
        ):
            return self.stored_redirect(request)
        return None

    def process_response(self, request, response):
        if response.status_code != 404:
            return response
        return self.stored_redirect(request) or response

    def stored_redirect(self, request):
        paths = lookup_paths(request)
        try:
            found = dict(
                Redirect.objects.filter(site_id=get_current_site(request).id, old_path__in=paths).values_list(
                    "old_path", "new_path"
                )
            )
        except DatabaseError as exc:
            if is_database_unavailable(exc):
                return database_unavailable(exc)
            raise
        for path in paths:
            if path in found:
                return self.response_redirect_class(found[path]) if found[path] else self.response_gone_class()
        return None


def lookup_paths(request):
    """The forms an address may be stored in, most exact first: Django's escaped full
    path, the decoded path, and the decoded path with its one old-site query parameter;
    then the same with a slash appended (APPEND_SLASH)."""
    paths = [request.get_full_path(), request.path]
    for key in settings.REDIRECT_QUERY_PARAMETERS:
        value = request.GET.get(key, "")
        if value.isdigit():
            paths.append(f"{request.path}?{key}={value}")
            break
    if settings.APPEND_SLASH and not request.path.endswith("/"):
        paths.append(request.get_full_path(force_append_slash=True))
        paths.append(request.path + "/")
    # A release's old address in another interface language (/es/releases/old-slug/) is stored
    # unprefixed: the release it leads to answers in its own language.
    paths += [strip_prefix(path) for path in paths]
    # PostgreSQL refuses a NUL in a string, and no stored address has one.
    return [path for path in dict.fromkeys(paths) if "\x00" not in path]


def is_database_unavailable(exception):
    return isinstance(exception, (OperationalError, InterfaceError)) or (
        isinstance(exception, DatabaseError) and "connection" in str(exception).lower()
    )


def database_unavailable(exception):
    """Log one line (not a traceback), drop the broken connection, answer 503."""
    logger.warning("Database unavailable: %s", str(exception).strip().splitlines()[0] if str(exception) else "")
    from django.db import connection

    connection.close_if_unusable_or_obsolete()
    return database_unavailable_response()


def database_unavailable_response():
    html = render_to_string("503.html")
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response
