"""Opaque cursors for paging through releases newest first: a position (published_at, id),
encoded so that clients treat it as a token. Keyset paging walks the newest-first index
(release_newest_idx) from the position: page 5,000 costs what page 1 does, and a release
published while a client pages does not shift what it has still to read."""

import base64
import binascii
import json
from datetime import datetime

from django.db.models import Q


class BadCursor(ValueError):
    pass


def encode(release):
    raw = json.dumps([release.first_published_at.isoformat(), release.pk], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(token):
    """(moment, id) from a cursor; BadCursor for anything this module did not write."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        moment, pk = json.loads(raw)
        moment = datetime.fromisoformat(moment)
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as error:
        raise BadCursor("Invalid cursor.") from error
    if moment.tzinfo is None or not isinstance(pk, int) or isinstance(pk, bool) or not 0 < pk < 2**63:
        raise BadCursor("Invalid cursor.")
    return moment, pk


def after(queryset, token):
    """`queryset` (newest first) from just past the cursor's position."""
    moment, pk = decode(token)
    return queryset.filter(Q(first_published_at__lt=moment) | Q(first_published_at=moment, pk__lt=pk))
