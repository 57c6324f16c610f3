"""The pages about the public data: the API's guide (/api/)."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from releases.reading.metadata import absolute_url


@require_safe
def api_guide(request):
    """How to use the API, with curl examples and links to the OpenAPI document and its explorer."""
    base = absolute_url(reverse("api-v1:releases"))
    return render(
        request,
        "api/guide.html",
        {
            "releases_url": base,
            "openapi_url": reverse("api-v1:openapi-json"),
            "docs_url": reverse("api-v1:openapi-view"),
            "time_zone": settings.TIME_ZONE,
        },
    )
