"""Where pages are stored: their keys, and the addresses never stored."""

import hashlib

from django.conf import settings

from pagecache.fingerprint import code_fingerprint

PAGE_TIMEOUT = 24 * 3600
# Pages that must never be stored, whatever their headers say.
EXCLUDED_PREFIXES = ("/healthz", "/preview/", "/media/", "/static/")


def cacheable_path(path):
    """Pages under these addresses are never stored: health checks, previews, files, the admin."""
    return not path.startswith((*EXCLUDED_PREFIXES, f"/{settings.ADMIN_PATH}/"))


def page_key(version, full_path):
    return "page:" + hashlib.sha256(f"{code_fingerprint()}|{version}|{full_path}".encode()).hexdigest()
