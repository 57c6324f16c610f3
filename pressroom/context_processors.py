from django.conf import settings


def site(request):
    """Site name and absolute base URL for templates (canonical links, feeds)."""
    return {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL}
