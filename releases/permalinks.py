"""Old addresses keep answering: slug changes and legacy URLs become 301s.

Built on django.contrib.redirects (its fallback middleware answers a 404 with
the stored 301), so editors can also see and add redirects in the admin.
"""

from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.urls import Resolver404, resolve, reverse

# Query parameters by which old sites addressed a post (WordPress's ?p=123): an old address
# carrying one is stored with it, and answers 301 even where its path is one of ours (the home page).
LEGACY_QUERY_KEYS = settings.REDIRECT_QUERY_PARAMETERS
OWN_PREFIXES = ("/releases/", "/static/", "/media/", "/preview/")


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


def legacy_path(url):
    """The old address of a URL as it is stored and looked up: its path percent-decoded
    (the text a visitor's browser asked for, whatever case its escapes were in; a
    non-Latin slug then fits the 200 characters a redirect keeps), and its query when it
    is one of LEGACY_QUERY_KEYS (?p=123). "" when the URL has no usable path."""
    parts = urlsplit((url or "").strip())
    path = unquote(parts.path)
    if not path.startswith("/"):
        return ""
    pairs = (pair.partition("=") for pair in parts.query.split("&"))
    legacy = [(key, value) for key, _, value in pairs if key in LEGACY_QUERY_KEYS and value.isdigit()]
    return f"{path}?{legacy[0][0]}={legacy[0][1]}" if legacy else path


def is_own_path(path):
    bare = path.split("?")[0]
    return bare.startswith((*OWN_PREFIXES, f"/{settings.ADMIN_PATH}/")) or (bare == "/" and "?" not in path)


def register_old_address(path, release):
    """Make an old address (a legacy_path) answer 301 to the release.

    Returns "registered", "kept" (it already did), "taken" (it answers for another
    release, which keeps it), "own" (the address is one of this site's) or "too long".
    """
    if not path or is_own_path(path):
        return "own"
    if len(path) > Redirect._meta.get_field("old_path").max_length:
        return "too long"
    new_path = release.get_absolute_url()
    current = Redirect.objects.filter(site_id=settings.SITE_ID, old_path=path).values_list("new_path", flat=True)
    current = current.first()
    if current == new_path:
        return "kept"
    if current is not None and not _redirects_to_release(current, release) and not _dangling(current):
        return "taken"
    Redirect.objects.update_or_create(site_id=settings.SITE_ID, old_path=path, defaults={"new_path": new_path})
    return "registered"


def _redirects_to_release(new_path, release):
    """Whether new_path is one of this release's own addresses (an older slug of it)."""
    if new_path == release.get_absolute_url():
        return True
    return Redirect.objects.filter(
        site_id=settings.SITE_ID, old_path=new_path, new_path=release.get_absolute_url()
    ).exists()


def _dangling(new_path):
    """Whether a redirect's target is a release address that no release answers any more."""
    from releases.models import Release

    try:
        match = resolve(new_path)
    except Resolver404:
        return True
    if match.view_name != "releases:release_detail":
        return False
    slug = match.kwargs["slug"]
    return not (
        Release.objects.filter(slug=slug).exists()
        or Redirect.objects.filter(site_id=settings.SITE_ID, old_path=new_path).exists()
    )


def register_legacy_url(url, release):
    """Make the path of a URL from the old site answer 301 to the release.

    Returns the path registered, or None when the URL has no usable path, its path
    is one of this site's own addresses or too long to keep, or it already answers
    for another release (which keeps it: an old address never changes hands).
    """
    path = legacy_path(url)
    if register_old_address(path, release) in ("registered", "kept"):
        return path
    return None
