"""`make bench-cluster`: the multi-host topology (cluster/topology.py) measured on this machine.

1. Varnish: the release page vs the static CSS file, both through Varnish (ratio; target ≥ 0.95).
2. HAProxy: the release page through HAProxy with two app hosts vs one (the other in
   maintenance). On 2 cores the ratio shows HAProxy's overhead, not scale: the gunicorn
   CPU time per request (user + system, all workers) is what predicts scale on more cores.
3. Purge latency: a release saved in a Django process (as an editor's save on a host) to the
   first fresh response through Varnish, p50/p95/max (target p95 < 100 ms).
4. Failover: wrk through HAProxy while one host is killed: failed requests (target 0) and the
   time until HAProxy marks the host down.

The archive is the demo content, in the cluster's own PostgreSQL (var/bench-cluster).
Environment: BENCH_SECONDS (default 5), BENCH_REPEAT (3), BENCH_CONNECTIONS (16), PURGE_SAVES (30).
"""

import os
import statistics
import sys
import threading
import time
from pathlib import Path

import psutil

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from run_bench import wrk  # noqa: E402 -- bench/ is this script's folder

from cluster.topology import Topology  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
PURGE_SAVES = int(os.environ.get("PURGE_SAVES", "30"))


def log(message):
    print(message, flush=True)


def paths(topology):
    return topology.django(
        "import json; from django.templatetags.static import static; from releases.models import Release; "
        "r = Release.objects.public().order_by('-publish_at').first(); "
        "print(json.dumps({'static': static('css/site.css'), 'release': r.get_absolute_url(), 'id': r.pk}))"
    )


def cpu_seconds(processes):
    total = 0.0
    for proc in processes:
        try:
            times = proc.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            pass
    return total


def measure_varnish(topology, p):
    varnish = topology.varnish.url
    for path in (p["static"], p["release"]):
        wrk(varnish + path, seconds=1)
    static, page = [], []
    for _ in range(REPEAT):
        static.append(wrk(varnish + p["static"], seconds=SECONDS, connections=CONNECTIONS))
        page.append(wrk(varnish + p["release"], seconds=SECONDS, connections=CONNECTIONS))
    s = statistics.median(r["rps"] for r in static)
    r = statistics.median(r["rps"] for r in page)
    return {"static_rps": s, "page_rps": r, "ratio": r / s, "page_p99": statistics.median(x["p99"] for x in page),
            "errors": ";".join(sorted({x["errors"] for x in static + page if x["errors"]}))}  # fmt: skip


def measure_hosts(topology, p, hosts):
    """wrk on the release page through HAProxy with `hosts` (1 or 2) in use; the app's CPU per request."""
    haproxy = topology.haproxy
    if hosts == 1:
        haproxy.set_state("app2", "maint")
    try:
        url = haproxy.url + p["release"]
        wrk(url, seconds=1)
        runs, cpu_per_request = [], []
        for _ in range(REPEAT):
            processes = [proc for host in topology.hosts for proc in host.processes()]
            before = cpu_seconds(processes)
            result = wrk(url, seconds=SECONDS, connections=CONNECTIONS)
            used = cpu_seconds(processes) - before
            runs.append(result)
            cpu_per_request.append(used / (result["rps"] * SECONDS) * 1000)
        return {
            "rps": statistics.median(r["rps"] for r in runs),
            "p99": statistics.median(r["p99"] for r in runs),
            "cpu_ms": statistics.median(cpu_per_request),
            "errors": ";".join(sorted({r["errors"] for r in runs if r["errors"]})),
        }
    finally:
        if hosts == 1:
            haproxy.set_state("app2", "ready")


PURGE_CODE = """
import json, time, urllib.request
from releases.models import Release
release = Release.objects.get(pk={id})
url = {url!r}
def get():
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode(), response.headers.get("X-Cache")
original, latencies, states = release.title, [], []
for n in range({saves}):
    get(); states.append(get()[1])  # stored in Varnish before the save
    title = f"Purge latency check {{n}} {{time.time()}}"
    started = time.perf_counter()
    release.title = title
    release.save()
    while title not in get()[0]:
        pass
    latencies.append((time.perf_counter() - started) * 1000)
release.title = original
release.save()
print(json.dumps({{"latencies": latencies, "hits_before": states.count("HIT")}}))
"""


def measure_purge(topology, p):
    result = topology.django(PURGE_CODE.format(id=p["id"], url=topology.varnish.url + p["release"], saves=PURGE_SAVES))
    latencies = sorted(result["latencies"])
    return {
        "p50": statistics.median(latencies),
        "p95": latencies[max(0, int(len(latencies) * 0.95) - 1)],
        "max": latencies[-1],
        "saves": len(latencies),
        "hits_before": result["hits_before"],
    }


def measure_failover(topology, p):
    haproxy, victim = topology.haproxy, topology.hosts[1]
    outcome = {}

    def kill_later():
        time.sleep(2)
        victim.kill()
        killed = time.monotonic()
        while haproxy.server_states().get("app2") != "DOWN":
            time.sleep(0.01)
        outcome["down_after"] = time.monotonic() - killed

    killer = threading.Thread(target=kill_later)
    killer.start()
    try:
        result = wrk(haproxy.url + p["release"], seconds=6, connections=64)
    finally:
        killer.join()
        victim.start()
    outcome["errors"] = result["errors"] or "none"
    outcome["rps"] = result["rps"]
    return outcome


def main():
    var = BASE_DIR / "var" / "bench-cluster"
    log(f"Starting the cluster under {var} …")
    topology = Topology(var, fast=True, workers=2)
    try:
        topology.start()
        p = paths(topology)
        log(f"release page {p['release']}, static file {p['static']}; {SECONDS} s × {REPEAT} runs, "
            f"{CONNECTIONS} connections (wrk)\n")  # fmt: skip

        v = measure_varnish(topology, p)
        log("1. Through Varnish                       req/s")
        log(f"   static file (css)                  {v['static_rps']:>9,.0f}")
        log(f"   release page                       {v['page_rps']:>9,.0f}   ratio {v['ratio']:.2f} "
            f"(target ≥ 0.95), p99 {v['page_p99']:.1f} ms {v['errors']}")  # fmt: skip

        two = measure_hosts(topology, p, 2)
        one = measure_hosts(topology, p, 1)
        log("\n2. Through HAProxy (release page)        req/s     p99    app CPU/request")
        for label, row in (("two hosts", two), ("one host (app2 in maint)", one)):
            log(f"   {label:<34} {row['rps']:>7,.0f} {row['p99']:>6.1f} ms {row['cpu_ms']:>8.2f} ms {row['errors']}")
        log(f"   two / one = {two['rps'] / one['rps']:.2f}: on 2 shared cores this is overhead, not scale; "
            f"at {two['cpu_ms']:.2f} ms of CPU per request one core serves ~{1000 / two['cpu_ms']:,.0f} req/s, "
            "so N cores of hosts ~N times that")  # fmt: skip

        purge = measure_purge(topology, p)
        log(f"\n3. Purge latency, save → first fresh response through Varnish ({purge['saves']} saves, "
            f"{purge['hits_before']} cached before the save)")  # fmt: skip
        log(f"   p50 {purge['p50']:.1f} ms, p95 {purge['p95']:.1f} ms (target < 100 ms), max {purge['max']:.1f} ms")

        fail = measure_failover(topology, p)
        log("\n4. Failover: host2 killed 2 s into 6 s of wrk (64 connections) through HAProxy")
        log(f"   failed requests: {fail['errors']}; {fail['rps']:,.0f} req/s; "
            f"HAProxy marked it down after {fail['down_after'] * 1000:.0f} ms")  # fmt: skip
    finally:
        topology.stop()


if __name__ == "__main__":
    main()
