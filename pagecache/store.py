"""Where pages are stored: their keys, and the addresses never stored."""

import hashlib

from django.conf import settings
from django.utils.translation import get_language_from_path

from pagecache.fingerprint import code_fingerprint

PAGE_TIMEOUT = 24 * 3600
# Pages that must never be stored, whatever their headers say.
EXCLUDED_PREFIXES = ("/healthz", "/preview/", "/media/", "/static/")


def cacheable_path(path):
    """Pages under these addresses are never stored: health checks, previews, files, the admin,
    in any interface language (/es/preview/… too)."""
    language = get_language_from_path(path)
    if language and path.startswith(f"/{language}/"):
        path = path[len(language) + 1 :]
    return not path.startswith((*EXCLUDED_PREFIXES, f"/{settings.ADMIN_PATH}/"))


def page_key(version, full_path):
    return "page:" + hashlib.sha256(f"{code_fingerprint()}|{version}|{full_path}".encode()).hexdigest()
