# Pressroom's Varnish configuration (Varnish 7.1+, varnish-modules for xkey).
#
# The application decides what is cached and for how long: public pages carry
# `Cache-Control: ..., s-maxage=N` (Varnish honours s-maxage before max-age, browsers
# ignore it) and an `xkey` header naming what the page shows. After a save commits,
# the application sends `PURGE` with an `xkey-purge: key1 key2` header; every page
# carrying one of those keys is dropped at once and the next request fetches it fresh.
#
# Site-specific parts live in `site.vcl`, found on vcl_path: the backend (HAProxy or
# one app server, with a /healthz probe) and the `purgers` ACL (the app servers'
# addresses). `cluster/varnish.py` writes one for the loopback demo; README
# "Deploying past one machine" shows one for real hosts.
vcl 4.1;

import std;
import xkey;

include "site.vcl";

sub vcl_recv {
    if (req.url == "/.varnish/health") {
        return (synth(200, "ok"));
    }
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-purge) {
            # Space-separated keys. Hard purge: the next request must not see the old page.
            set req.http.n-gone = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff and anyone signed in (the session cookie), or any request with credentials:
    # straight to the application, never stored, never served from the cache.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    if (req.url ~ "^/(healthz|preview/)") {
        return (pass);
    }
    # Anonymous readers: their other cookies (a CSRF token left by a form) change nothing
    # on a public page, so one stored copy serves them all.
    unset req.http.Cookie;
    # While the application answers, an expired page is fetched again at once (s-maxage
    # is honoured to the second); when it is down, a stored page up to 6 h old is served.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }
    return (hash);
}

sub vcl_backend_response {
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # Stored: what the application marks for shared caches (s-maxage), and static files.
    # Anything else (a 404, a redirect, a page meant for browsers only) goes to the
    # application every time, so nothing outlives the application's own rules.
    if (beresp.http.Cache-Control !~ "s-maxage" && bereq.url !~ "^/(static|media)/") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Kept past its lifetime only for when the application is down (see vcl_recv).
    set beresp.grace = 6h;
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The keys are for caches, not readers.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Cache-Tag;
}
