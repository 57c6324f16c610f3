"""What shapes every page besides the content, as one short hash."""

import functools
import hashlib
from pathlib import Path

from django.conf import settings


@functools.cache
def code_fingerprint():
    """A short hash of what shapes every page besides the content: templates, the
    interface's translations, the static files manifest and the site's name and address."""
    digest = hashlib.sha256(f"{settings.SITE_NAME}|{settings.SITE_URL}".encode())
    roots = [d for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    files = [p for root in roots for p in sorted(Path(root).rglob("*.html"))]
    files += [p for root in settings.LOCALE_PATHS for p in sorted(Path(root).rglob("*.mo"))]
    files.append(Path(settings.STATIC_ROOT) / "staticfiles.json")
    for path in files:
        try:
            digest.update(path.read_bytes())
        except OSError:
            continue
    return digest.hexdigest()[:12]
