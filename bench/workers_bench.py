"""`make bench-workers`: how many gunicorn workers, and of which kind, on this machine.

Serves the 1,000-release bench archive (bench/archive_db.py) with several
worker settings in turn and drives the release page, cached and uncached, with
wrk, each run beside the static CSS file from the same server (best of two
4-second runs each). The defaults in pressroom/gunicorn_conf.py were chosen
from its table. Environment: WORKER_SETTINGS, e.g. "2x1,4x1,6x1,2x4,4x2"
(workers x threads; threads > 1 means gthread workers).
"""

import os

import archive_db
import run_bench

SETTINGS = [
    tuple(int(n) for n in item.split("x"))
    for item in os.environ.get("WORKER_SETTINGS", "2x1,4x1,6x1,2x4,4x2").split(",")
    if item
]


def main():
    env = archive_db.prepare(1000)
    paths = run_bench.page_paths(env)
    lines = []
    for workers, threads in SETTINGS:
        kind = "sync" if threads == 1 else f"gthread×{threads}"
        settings_env = dict(env, WEB_CONCURRENCY=str(workers), GUNICORN_THREADS=str(threads))
        for cached in (True, False):
            with run_bench.serve(settings_env, page_cache=cached) as server:
                run_bench.wrk(server.url(paths["release"]), seconds=1)  # warm up
                runs = []
                for _ in range(2):
                    static_run = run_bench.wrk(server.url(paths["static"]), seconds=4)
                    runs.append((static_run, run_bench.wrk(server.url(paths["release"]), seconds=4)))
                static = max(s["rps"] for s, _ in runs)
                page = max(runs, key=lambda run: run[1]["rps"])[1]
                peak = max(server.peak_rss.values() or [0])
            line = (
                f"{workers} {kind:10} release {'cached' if cached else 'uncached':8} {page['rps']:7.0f} req/s "
                f"({page['rps'] / static:.2f}× static {static:.0f}), "
                f"p50 {page['p50']:.1f} ms, p99 {page['p99']:.1f} ms, "
                f"peak RSS {peak / 2**20:.0f} MiB {page['errors'] or ''}"
            )
            run_bench.log(line)
            lines.append(line)
    print("\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
