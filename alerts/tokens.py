"""The confirmation link: what was asked for, signed, valid for ALERTS_CONFIRM_DAYS days.

Nothing is stored for an address until it confirms: the link itself carries the address,
what it follows and how often. Links to manage alerts use the subscriber's random token.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing

SALT = "alerts.confirm"


class BadLink(Exception):
    """A confirmation link that was altered, or has expired."""


def confirmation_token(email, kind, target=None, query="", frequency="immediate"):
    payload = {"e": email, "k": kind, "t": target.pk if target is not None else None, "q": query, "f": frequency}
    return signing.dumps(payload, salt=SALT, compress=True)


def read_confirmation(token):
    try:
        payload = signing.loads(token, salt=SALT, max_age=timedelta(days=settings.ALERTS_CONFIRM_DAYS))
    except signing.SignatureExpired:
        raise BadLink("expired") from None
    except (signing.BadSignature, ValueError, TypeError, UnicodeError):
        raise BadLink("altered") from None
    if not isinstance(payload, dict) or not {"e", "k", "t", "q", "f"} <= payload.keys():
        raise BadLink("altered")
    return payload
