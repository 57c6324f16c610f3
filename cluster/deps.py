"""Which Debian packages each part of the cluster needs, and which of them are missing.

`make run` and `make test` never need them: the cluster tests skip (naming the packages)
when they are absent, except under CI=true, where `.ci/run` installs them first
(scripts/install_cluster_deps.sh) and a missing one is a failure.
"""

import glob
import shutil

PACKAGES = "varnish varnish-modules haproxy pgbouncer redis-server wrk"
HOW = f"run scripts/install_cluster_deps.sh (or: apt-get install {PACKAGES})"


def _xkey_vmod():
    patterns = ["/usr/lib/*/varnish/vmods/libvmod_xkey.so", "/usr/lib/varnish/vmods/libvmod_xkey.so",
                "/usr/local/lib/varnish/vmods/libvmod_xkey.so"]  # fmt: skip
    return any(glob.glob(pattern) for pattern in patterns)


# part -> (Debian package, how to tell it is installed)
PARTS = {
    "varnish": ("varnish", lambda: shutil.which("varnishd") is not None),
    "xkey": ("varnish-modules", _xkey_vmod),
    "haproxy": ("haproxy", lambda: shutil.which("haproxy") is not None),
    "pgbouncer": ("pgbouncer", lambda: shutil.which("pgbouncer") is not None),
    "redis": ("redis-server", lambda: shutil.which("redis-server") is not None),
    "wrk": ("wrk", lambda: shutil.which("wrk") is not None),
}


def missing(*parts):
    """Debian package names of the named parts that are not installed."""
    return [PARTS[part][0] for part in parts if not PARTS[part][1]()]
