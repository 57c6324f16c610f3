from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from releases.reading.metadata import absolute_url


@require_safe
def robots_txt(request):
    """Crawlers may read everything public; previews, the admin and combinations of
    filters (any archive or search address with two parameters or more) are not for them."""
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_PATH}/",
        f"Disallow: {reverse('releases:release_archive')}?*&",
        f"Disallow: {reverse('releases:search')}?*&",
        f"Disallow: {reverse('releases:preview', kwargs={'token': 'x'}).removesuffix('x/')}",
        f"Sitemap: {absolute_url(reverse('releases:sitemap_index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
