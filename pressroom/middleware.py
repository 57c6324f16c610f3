import logging

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
        if isinstance(exception, (OperationalError, InterfaceError)) or (
            isinstance(exception, DatabaseError) and "connection" in str(exception).lower()
        ):
            logger.warning(
                "Database unavailable: %s", str(exception).strip().splitlines()[0] if str(exception) else ""
            )
            from django.db import connection

            connection.close_if_unusable_or_obsolete()
            return database_unavailable_response()
        return None


def database_unavailable_response():
    html = render_to_string("503.html")
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response
