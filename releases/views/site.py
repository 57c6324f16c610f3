"""What the site settings add to every page: the accent colour's stylesheet."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from releases.reading import site as site_settings


@require_safe
def theme_css(request):
    """The site settings' accent colour as a stylesheet (the CSP allows no inline style).
    Linked with ?v=<the settings' stamp>, so it can be cached for a year."""
    site = site_settings.current()
    css = render_to_string("releases/theme.css", {"SITE": site, "SITE_NAME": site.name})
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
