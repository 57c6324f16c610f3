"""`make bench-api-throttle`: what one rate-limit check costs, three ways, in-process.

The API counts requests per client (api/throttle.py). Candidates: the cache's counter (one
`incr`) in local memory (per process) or in Redis (shared by every host), and alerts.throttle's
PostgreSQL upsert (shared, one write per check). Each is timed over N checks; the figures
decide where the API's limit lives (README, "Open data and the API").
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import archive_db

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
N = int(os.environ.get("BENCH_CHECKS", "5000"))


def timed(check, n=N):
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        for _ in range(n):
            check()
        runs.append((time.perf_counter() - started) / n * 1e6)
    return statistics.median(runs)


def main():
    from cluster.base import make_var_dir
    from cluster.redis import Redis

    _, env = archive_db.database_env(1000)
    archive_db.prepare(1000)
    os.environ.update(
        DATABASE_URL=env["DATABASE_URL"], SECRET_KEY=env["SECRET_KEY"], DJANGO_SETTINGS_MODULE="pressroom.settings"
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.cache import caches
    from django.test import RequestFactory

    from alerts import throttle as pg_throttle
    from api import throttle

    settings.API_RATE_LIMIT = f"{10 * N}/60"
    request = RequestFactory().get("/api/v1/releases", REMOTE_ADDR="203.0.113.7")
    check = throttle.ClientRateThrottle()
    results = {}

    from django.core.cache.backends.locmem import LocMemCache

    throttle.cache = LocMemCache("bench", {})
    results["cache: local memory (per process)"] = timed(lambda: check.allow_request(request))

    with tempfile.TemporaryDirectory() as tmp:
        server = Redis(make_var_dir(Path(tmp) / "services"), name="redis").start()
        try:
            from pagecache.backends import FailOpenRedisCache

            throttle.cache = FailOpenRedisCache(server.url, {"OPTIONS": {"socket_timeout": 0.5}})
            results["cache: Redis (shared by every host)"] = timed(lambda: check.allow_request(request))
        finally:
            server.stop()
    results["PostgreSQL upsert (alerts.throttle)"] = timed(
        lambda: pg_throttle.allow("bench-api", "203.0.113.7", 10 * N, timedelta(minutes=1)), n=N // 5
    )
    caches["default"].clear()
    print(f"One rate-limit check, median of 3 × {N:,} (PostgreSQL: {N // 5:,}), on this machine:")
    for label, micros in results.items():
        print(f"  {label:40} {micros:8.1f} µs")


if __name__ == "__main__":
    main()
