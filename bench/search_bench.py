"""`make bench-search`: server time of /search/ at 1,000 and 100,000 releases.

For each size it makes sure a database holds a generated archive
(pressroom_bench_1k, pressroom_bench_100k; created and filled once, then
reused), then, in a separate process set up against that database, renders
the search page in-process with Django's test client (the whole middleware
stack, the page cache off) for a set of typical queries, many times each, and
prints median and 95th percentile per query, the ratio between sizes, and
EXPLAIN ANALYZE of the match so the GIN index's use is visible.

Environment: BENCH_SIZES (default "1000,100000"), BENCH_SEARCH_REPEAT (default
40), DATABASE_URL (the server to hold the bench databases; default the
embedded server).
"""

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import archive_db

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
PY = sys.executable
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,100000").split(",") if s]
REPEAT = int(os.environ.get("BENCH_SEARCH_REPEAT", "40"))
TARGET_MS = 50


# --- inside the measuring process --------------------------------------------


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pressroom.settings")
    import django

    django.setup()


def queries():
    """The typical searches, built from the archive itself so every size has them."""
    from releases.models import Quote, Topic

    quote = Quote.objects.filter(release__in=_public()).order_by("pk").values_list("text", flat=True).first() or ""
    words = [w.strip(".,") for w in quote.split()]
    quote_phrase = '"' + " ".join(words[2:6]) + '"'
    topic = Topic.objects.filter(name="Detention").values_list("slug", flat=True).first() or ""
    return [
        ("common word", {"q": "detention"}),
        ("common word, by date", {"q": "detention", "sort": "date"}),
        ("common word, page 3", {"q": "detention", "page": "3"}),
        ("mid word", {"q": "sanctuary"}),
        ("rare word", {"q": "habeas"}),
        ("phrase", {"q": '"family separation"'}),
        ("quote text", {"q": quote_phrase}),
        ("faceted", {"q": "sanctuary", "year": "2015", "topic": topic}),
        ("two words", {"q": "sanctuary ordinance"}),
        ("misspelled", {"q": "sanctuery"}),
    ]


def _public():
    from releases.models import Release

    return Release.objects.public()


def measure():
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    results = {"releases": _public().count(), "queries": []}
    for label, params in queries():
        for _ in range(3):  # warm: connection, template and plan caches
            response = client.get("/search/", params)
        assert response.status_code == 200, (label, response.status_code)
        times = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            client.get("/search/", params)
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as captured:
            client.get("/search/", params)
        total = matches(params)
        results["queries"].append(
            {
                "label": label,
                "params": params,
                "matches": total,
                "median": statistics.median(times),
                "p95": statistics.quantiles(times, n=20)[18],
                "sql_ms": sum(float(q["time"]) for q in captured.captured_queries) * 1000,
                "sql_count": len(captured.captured_queries),
            }
        )
    results["explain"] = explain()
    print(json.dumps(results))


def matches(params):
    from urllib.parse import urlencode

    from django.http import QueryDict

    from releases.reading.filters import ReleaseFilters
    from releases.search import matching
    from releases.search.query import Query

    filters = ReleaseFilters.from_params(QueryDict(urlencode(params)), path="/search/")
    return matching.search(Query.parse(params["q"]), filters).total


def explain():
    """The plan of the query that finds the matches, as the page runs it: the GIN index
    for a narrow search, the newest-first index walk for a broad one (see releases/search.py)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from releases.reading.filters import ReleaseFilters
    from releases.search import matching
    from releases.search.query import Query

    plans = {}
    for text in ("detention", "habeas", '"family separation"', '"immigrant families status drivers"'):
        query = Query.parse(text)
        with CaptureQueriesContext(connection) as captured:
            results = matching.search(query, ReleaseFilters())
        sql = [q["sql"] for q in captured.captured_queries]
        estimate = next(i for i, q in enumerate(sql) if q.startswith("EXPLAIN (FORMAT JSON)"))
        if results.estimated:  # the walk that found the newest matches
            finding = sql[estimate + 1]
        else:  # the facet query, which counts every match
            finding = next(q for q in sql[estimate + 1 :] if q.lstrip().startswith("WITH m "))
        with matching.planned_for_search(), connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + finding)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        kind = "broad: the newest matches, total estimated" if results.estimated else "counted exactly"
        plans[f"{text} ({kind}, {results.total:,})"] = plan
    return plans


def main():
    runs = {}
    for size in SIZES:
        print(f"Archive of {size:,} releases", flush=True)
        env = archive_db.prepare(size, PAGE_CACHE="false")
        out = subprocess.run(
            [PY, __file__, "--measure"], cwd=BASE_DIR, env=env, check=True, text=True, capture_output=True
        ).stdout
        runs[size] = json.loads(out.strip().splitlines()[-1])
    report(runs)


def report(runs):
    sizes = list(runs)
    print(f"\nSearch page server time (Django test client, in-process, page cache off), {REPEAT} runs each, ms")
    header = f"{'query':24}" + "".join(f"{f'{s:,}: median':>16}{'p95':>8}{'matches':>9}{'sql':>7}" for s in sizes)
    if len(sizes) > 1:
        header += f"{'ratio':>8}"
    print(header)
    labels = [q["label"] for q in runs[sizes[0]]["queries"]]
    for i, label in enumerate(labels):
        line = f"{label:24}"
        for size in sizes:
            q = runs[size]["queries"][i]
            line += f"{q['median']:16.1f}{q['p95']:8.1f}{q['matches']:9,}{q['sql_ms']:7.1f}"
        if len(sizes) > 1:
            line += f"{runs[sizes[-1]]['queries'][i]['median'] / runs[sizes[0]]['queries'][i]['median']:8.2f}"
        print(line)
    for size in sizes:
        medians = [q["median"] for q in runs[size]["queries"]]
        public, middle = runs[size]["releases"], statistics.median(medians)
        print(f"{size:,} releases ({public:,} public): median of medians {middle:.1f} ms")
    if len(sizes) > 1:
        big, small = runs[sizes[-1]], runs[sizes[0]]
        ratio = statistics.median([q["median"] for q in big["queries"]]) / statistics.median(
            [q["median"] for q in small["queries"]]
        )
        worst = max(q["median"] for q in big["queries"])
        print(
            f"Target: typical page under {TARGET_MS} ms median at {sizes[-1]:,} (slowest query {worst:.1f} ms), "
            f"and within 2x of {sizes[0]:,} (ratio of medians {ratio:.2f})"
        )
    last = runs[sizes[-1]]
    for text, plan in last["explain"].items():
        print(f"\nEXPLAIN ANALYZE, finding the matches for {text} at {sizes[-1]:,} releases:\n{plan}")


if __name__ == "__main__":
    if "--measure" in sys.argv:
        measure()
    else:
        main()
