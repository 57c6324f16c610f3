"""The visitor's address for the lockout, also behind a load balancer or TLS proxy."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """REMOTE_ADDR, or with TRUSTED_PROXY_COUNT=N the address the outermost of N proxies saw.

    Each proxy appends the address it received the request from to X-Forwarded-For, so
    the N-th entry from the right is the one our own proxies vouch for; anything further
    left was written by the client and may be forged.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies and _valid(hops[-proxies]):
            return hops[-proxies]
    remote = request.META.get("REMOTE_ADDR")
    # Empty behind a unix socket; anything but an address would break the lookup (an inet column).
    return remote if _valid(remote) else None


def _valid(address):
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True
