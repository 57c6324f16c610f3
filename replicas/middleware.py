"""Per request: may this request read from the replica? And a replica that fails mid-request
is taken out of use and the request answered again from the primary."""

import logging

from django.conf import settings
from django.db import connections

from replicas.monitor import monitor
from replicas.router import REPLICA, replica_allowed

logger = logging.getLogger(__name__)

# Never from the replica, whoever asks: exact answers matter more there than load.
PRIMARY_ONLY_PREFIXES = ("/preview/", "/healthz")


def replica_may_serve(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.path.startswith((*PRIMARY_ONLY_PREFIXES, f"/{settings.ADMIN_PATH}/"))
    )


class ReplicaReadsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not monitor.configured() or not replica_may_serve(request):
            return self.get_response(request)
        token = replica_allowed.set(True)
        try:
            response = self.get_response(request)
        finally:
            replica_allowed.reset(token)
        if response.status_code == 503 and self._replica_failed():
            # The replica went away under this request: answer from the primary instead.
            logger.warning("Replica failed during %s; answering from the primary", request.path)
            monitor.mark_down("a query failed")
            response = self.get_response(request)
        return response

    @staticmethod
    def _replica_failed():
        if REPLICA not in connections:
            return False
        connection = connections[REPLICA]
        if getattr(connection, "errors_occurred", False) or (
            connection.connection is not None and not connection.is_usable()
        ):
            connection.close()
            return True
        return False
