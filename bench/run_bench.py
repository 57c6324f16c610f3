"""`make bench`: page throughput and latency against the static file, at 1,000 and 100,000 releases.

For each archive size it prepares a database with the generator (once; later
runs reuse it), starts the production server (gunicorn, pressroom/gunicorn_conf.py)
on a loopback port, and drives it with wrk from a second process. Every page is
measured interleaved with a static CSS file from the same server, three times;
the table gives medians and each page's throughput as a ratio of the static
file's in the same run. Absolute numbers move with whatever else the machine
is doing; the ratios are what to compare.

Environment: BENCH_SIZES (default "1000,100000"), BENCH_SECONDS (default 5),
BENCH_REPEAT (default 3), BENCH_CONNECTIONS (default 16), DATABASE_URL (a server
to create the bench databases on; default the embedded server).
"""

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import archive_db

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
from cluster.gunicorn import Gunicorn  # noqa: E402 -- the one gunicorn runner, shared with the tests

PY = sys.executable
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,100000").split(",") if s]
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))


def log(message):
    print(message, flush=True)


def serve(env, page_cache=True):
    """The production server with the page cache on or off. The API's rate limit is counted
    (its cost is part of the figures) but set far above what wrk sends from one address."""
    return Gunicorn(dict(env, PAGE_CACHE="true" if page_cache else "false", API_RATE_LIMIT="1000000000/60"))


def to_ms(value, unit):
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url, seconds=SECONDS, connections=CONNECTIONS):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50": to_ms(*p50.groups()),
        "p99": to_ms(*p99.groups()),
        "errors": (errors.group(1) if errors else "") + (f" non-2xx={non2xx.group(1)}" if non2xx else ""),
    }


def page_paths(env):
    code = (
        "import json; from django.templatetags.static import static; from django.urls import reverse; "
        "from releases.models import Release, Organization; from releases.sample_data import demo; "
        "from django.db.models import Count, Q; from api import cursor; "
        "r = Release.objects.get(slug=demo.SAMPLE_SLUG); "
        "o = Organization.objects.annotate(n=Count('issued_releases')).order_by('-n').first(); "
        "n = Release.objects.public().count(); "
        "print(json.dumps({'static': static('css/site.css'), 'release': r.get_absolute_url(), "
        "'archive': reverse('releases:release_archive'), 'pages': n // 20, "
        "'organization': o.get_absolute_url(), 'search': reverse('releases:search') + '?q=deportation', "
        "'api_release': reverse('api-v1:release', kwargs={'slug': r.slug}), 'api_list': reverse('api-v1:releases'), "
        "'api_deep': reverse('api-v1:releases') + '?cursor=' + cursor.encode("
        "Release.objects.listed()[min(n - 1, 10000)])}))"
    )
    return json.loads(archive_db.manage(env, "shell", "-c", code, capture=True).strip().splitlines()[-1])


def measure(size, env):
    paths = page_paths(env)
    deep = min(500, max(paths["pages"], 1))
    pages = {
        "release (cached)": (True, paths["release"]),
        "release (uncached)": (False, paths["release"]),
        "archive page 1 (uncached)": (False, paths["archive"]),
        f"archive page {deep} (uncached)": (False, f"{paths['archive']}?page={deep}"),
        "organization (uncached)": (False, paths["organization"]),
        "search (uncached)": (False, paths["search"]),
        # The JSON API (api/): the same release, and the list, as data.
        "api release (cached)": (True, paths["api_release"]),
        "api release (uncached)": (False, paths["api_release"]),
        "api list (cached)": (True, paths["api_list"]),
        "api list (uncached)": (False, paths["api_list"]),
        "api list, cursor past 10,000 (uncached)": (False, paths["api_deep"]),
    }
    rows = {}
    peak = 0
    for cached in (True, False):
        with serve(env, page_cache=cached) as server:
            for path in [p for c, p in pages.values() if c == cached]:
                wrk(server.url(path), seconds=1)  # warm up
            for _ in range(REPEAT):
                for label, (c, path) in pages.items():
                    if c != cached:
                        continue
                    static = wrk(server.url(paths["static"]))
                    page = wrk(server.url(path))
                    row = rows.setdefault(label, {"runs": [], "static": []})
                    row["runs"].append(page)
                    row["static"].append(static)
            peak = max([peak, *server.peak_rss.values()])
    table = []
    static_all = [s for row in rows.values() for s in row["static"]]
    table.append(summarise("static css", static_all, static_all))
    for label, row in rows.items():
        table.append(summarise(label, row["runs"], row["static"]))
    return table, peak


def summarise(label, runs, statics):
    rps = statistics.median(r["rps"] for r in runs)
    static_rps = statistics.median(s["rps"] for s in statics)
    return {
        "page": label,
        "rps": rps,
        "p50": statistics.median(r["p50"] for r in runs),
        "p99": statistics.median(r["p99"] for r in runs),
        "ratio": rps / static_rps if static_rps else 0,
        "errors": ";".join(sorted({r["errors"] for r in runs if r["errors"]})),
    }


def burst(env):
    """64 clients for 30 s on the release page while an editor saves that very release
    twice or thrice a second (bench/editor_load.py), checking every save shows at once."""
    with serve(env, page_cache=True) as server:
        paths = page_paths(env)
        slug = paths["release"].strip("/").split("/")[-1]
        editor = subprocess.Popen(
            [PY, str(BASE_DIR / "bench" / "editor_load.py"), server.url(""), slug, "30"],
            cwd=BASE_DIR,
            env=server.env,
            stdout=subprocess.PIPE,
            text=True,
        )
        result = wrk(server.url(paths["release"]), seconds=30, connections=64)
        out, _ = editor.communicate(timeout=120)
        result["editor"] = json.loads(out.strip().splitlines()[-1])
        return result


def main():
    if shutil.which("wrk") is None:
        sys.exit("make bench needs wrk (Debian: apt-get install wrk).")
    results, lines = {}, []
    for size in SIZES:
        log(f"== {size:,} releases")
        env = archive_db.prepare(size)
        table, peak = measure(size, env)
        results[size] = table
        lines.append(f"\n{size:,} releases — peak worker RSS {peak / 2**20:.0f} MiB")
        lines.append(f"{'page':40} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'× static':>9}  errors")
        for row in table:
            lines.append(
                f"{row['page']:40} {row['rps']:9.0f} {row['p50']:8.2f} {row['p99']:8.2f} {row['ratio']:9.2f}"
                f"  {row['errors'] or '-'}"
            )
        log("\n".join(lines[-len(table) - 2 :]))
    if len(SIZES) > 1:
        small, large = results[SIZES[0]], results[SIZES[-1]]
        lines.append(f"\nmedian latency at {SIZES[-1]:,} ÷ at {SIZES[0]:,}:")
        for a, b in zip(small, large, strict=False):
            if a["page"].split(" page ")[0] == b["page"].split(" page ")[0]:
                lines.append(f"  {b['page']:40} {b['p50'] / a['p50'] if a['p50'] else 0:6.2f}×")
    log("== burst: 64 concurrent clients for 30 s on the release page, while an editor saves it")
    b = burst(archive_db.database_env(SIZES[-1])[1])
    e = b["editor"]
    lines.append(
        f"\nburst 64 clients × 30 s: {b['rps']:.0f} req/s, p50 {b['p50']:.1f} ms, p99 {b['p99']:.1f} ms, "
        f"errors: {b['errors'] or 'none'}"
        f"\n  meanwhile an editor saved that release {e['saves']} times (save p50 {e['save_p50_ms']} ms); "
        f"of {e['fetches']} fetches right after a save, {e['stale']} stale, {e['errors']} errors"
    )
    report = "\n".join(lines)
    print(report)
    out = BASE_DIR / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"bench-{datetime.now():%Y%m%d-%H%M%S}.txt"
    path.write_text(report + "\n")
    print(f"\nResults written to {path.relative_to(BASE_DIR)}")


if __name__ == "__main__":
    main()
