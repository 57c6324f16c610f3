"""Old addresses keep answering: slug changes and legacy URLs become 301s.

Built on django.contrib.redirects (its fallback middleware answers a 404 with
the stored 301), so editors can also see and add redirects in the admin.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.urls import reverse


def release_path(slug):
    return reverse("releases:release_detail", kwargs={"slug": slug})


def slug_redirect_target(slug):
    """Where /releases/<slug>/ redirects to, if it is an old address."""
    return (
        Redirect.objects.filter(site_id=settings.SITE_ID, old_path=release_path(slug))
        .values_list("new_path", flat=True)
        .first()
    )


def record_move(old_path, new_path):
    """Make old_path answer 301 to new_path, collapsing chains (A→B→C gives A→C)."""
    if old_path == new_path:
        return
    Redirect.objects.filter(site_id=settings.SITE_ID, new_path=old_path).update(new_path=new_path)
    # Moving back to a former address: that address is live again.
    Redirect.objects.filter(site_id=settings.SITE_ID, old_path=new_path).delete()
    Redirect.objects.update_or_create(site_id=settings.SITE_ID, old_path=old_path, defaults={"new_path": new_path})


def record_slug_change(old_slug, new_slug):
    record_move(release_path(old_slug), release_path(new_slug))


def register_legacy_url(url, release):
    """Make the path of a URL from the old site answer 301 to the release.

    Returns the path registered, or None when the URL has no usable path or
    its path is one of this site's own addresses.
    """
    path = urlsplit(url).path or ""
    if not path or path == "/" or path.startswith(("/releases/", f"/{settings.ADMIN_PATH}/", "/static/")):
        return None
    if len(path) > 200:
        return None
    Redirect.objects.update_or_create(
        site_id=settings.SITE_ID, old_path=path, defaults={"new_path": release.get_absolute_url()}
    )
    return path
