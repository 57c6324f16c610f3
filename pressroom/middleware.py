import logging

from django.contrib.redirects.middleware import RedirectFallbackMiddleware as BaseRedirectFallbackMiddleware
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

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


class RedirectFallbackMiddleware(BaseRedirectFallbackMiddleware):
    """contrib.redirects' fallback, answering 503 instead of 500 while the database is away.

    It looks a redirect up for every 404 in its *response* phase, where an error
    is no longer the view's and process_exception above never sees it.
    """

    def process_response(self, request, response):
        try:
            return super().process_response(request, response)
        except DatabaseError as exc:
            if is_database_unavailable(exc):
                return database_unavailable(exc)
            raise


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
