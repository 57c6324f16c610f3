"""The API and the archive download, open to every origin (CORS) for reading.

After the page cache in the chain, so a stored answer keeps the header. GET needs no more than
Access-Control-Allow-Origin: * (no cookies are read: the API is the same for everyone); a
browser's preflight (OPTIONS, e.g. for If-None-Match) is answered here.
"""

from django.http import HttpResponse

OPEN_PREFIXES = ("/api/", "/export/")
MAX_AGE = "86400"


class OpenReadMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(OPEN_PREFIXES):
            return self.get_response(request)
        if request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = MAX_AGE
        else:
            response = self.get_response(request)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Last-Modified, Retry-After"
        return response
