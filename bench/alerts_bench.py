"""`make bench-alerts`: one release emailed to every confirmed subscriber of its topic, at 1,000 and 100,000.

For each size, in a fresh database (pressroom_bench_alerts, on the DATABASE_URL server or the
embedded one; dropped afterwards) holding one topic, N confirmed subscribers following it and a
few drafts on it:

1. The publish request: an Editor's "Publish selected releases now" in the admin, timed in a
   process of its own with Django's test client (the whole middleware stack), once per draft;
   the median is printed. It only queues a nudge, so it must not grow with N. Then the queueing
   itself (one INSERT … SELECT) is timed in a transaction that is rolled back. All releases but
   one are deleted again, so one release goes out.
2. The worker (`manage.py run_worker`, a process of its own, default settings) queues and sends
   it through a local SMTP server (aiosmtpd in another process, counting what it accepts): time
   until every message was accepted, messages per second while sending, the worker's peak
   resident memory, and every delivery recorded sent exactly once.

Environment: BENCH_SIZES (default "1000,100000"), DATABASE_URL (the server; default embedded).
"""

import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import archive_db
import psutil
import psycopg2

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
PY = sys.executable
SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "1000,100000").split(",") if s]
DATABASE = "pressroom_bench_alerts"
PUBLISHES = 5

# --- inside the measuring process --------------------------------------------


def measure_publish(size):
    """Fill the database, time the publish requests, keep one published release; print JSON."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pressroom.settings")
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection, transaction
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from alerts import fanout
    from releases import publishing
    from releases.models import Organization, Release, Topic

    issuer = Organization.objects.create(name="Bench Coalition", slug="bench-coalition")
    topic = Topic.objects.create(name="Detention", slug="detention")
    old = publishing.save_release(
        Release(
            title="An older release",
            slug="older",
            body="Before.",
            issuer=issuer,
            status="published",
            publish_at=timezone.now() - timezone.timedelta(days=30),
        )
    )
    old.topics.add(topic)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO alerts_subscriber (email, token, wants_updates, created_at, confirmed_at) "
            "SELECT 'reader' || g || '@example.org', md5(g::text || random()::text), false, now(), now() "
            "FROM generate_series(1, %s) g",
            [size],
        )
        cursor.execute(
            "INSERT INTO alerts_subscription"
            " (subscriber_id, kind, topic_id, query, search_text, frequency, created_at)"
            " SELECT id, 'topic', %s, '', '', 'immediate', now() FROM alerts_subscriber",
            [topic.pk],
        )
        cursor.execute("ANALYZE")
    drafts = []
    for n in range(PUBLISHES + 1):
        draft = publishing.save_release(
            Release(
                title=f"Detention center {n} closes after inspection",
                subtitle="The county ends its contract with the federal agency",
                dateline="Tucson, AZ",
                slug=f"detention-center-{n}",
                body="The detention center will close by June.\n\nA second paragraph.",
                issuer=issuer,
            )
        )
        draft.topics.add(topic)
        drafts.append(draft)
    editor = User.objects.create_superuser("bench-editor", "editor@example.org", "x")
    client = Client()
    client.force_login(editor)
    url = reverse("admin:releases_release_changelist")
    timings = []
    for draft in drafts:  # the first is a warm-up (templates, permissions, content types)
        started = time.perf_counter()
        response = client.post(url, {"action": "publish_selected", "_selected_action": [draft.pk]})
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 302, response.status_code
    keep = drafts[-1]
    keep.refresh_from_db()
    assert keep.is_public()
    with transaction.atomic():
        started = time.perf_counter()
        queued = fanout.queue_for_subscribers(keep, timezone.now())
        queue_seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    Release.objects.filter(pk__in=[d.pk for d in drafts[:-1]]).delete()
    DBTaskResult.objects.exclude(args_kwargs__args=[keep.pk]).delete()
    print(json.dumps({"publish_ms": timings[1:], "queue_seconds": queue_seconds, "queued": queued}))


# --- the driver ----------------------------------------------------------------


def recreate_database(env):
    admin = psycopg2.connect(env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        cur.execute(f'CREATE DATABASE "{DATABASE}"')
    admin.close()


def drop_database(env):
    admin = psycopg2.connect(env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres")
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
    admin.close()


def sent_count(env):
    with psycopg2.connect(env["DATABASE_URL"]) as conn, conn.cursor() as cur:
        cur.execute("SELECT status, count(*) FROM alerts_delivery GROUP BY status")
        return dict(cur.fetchall())


def run(size):
    from cluster.base import free_port

    port = free_port()
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{archive_db.server_url()}/{DATABASE}",
        SECRET_KEY=archive_db.SECRET,
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        EMAIL_URL=f"smtp://127.0.0.1:{port}",
        PAGE_CACHE="false",
    )
    recreate_database(env)
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=BASE_DIR, env=env, check=True)
    measured = subprocess.run(
        [PY, __file__, "--measure-publish", str(size)],
        cwd=BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    publish = json.loads(measured.stdout.strip().splitlines()[-1])
    counts_file = Path(tempfile.mkdtemp(prefix="alerts-bench-")) / "counts.json"
    sink = subprocess.Popen([PY, "bench/smtp_sink.py", str(port), str(counts_file)], cwd=BASE_DIR, env=env)
    time.sleep(1.5)
    started = time.monotonic()
    worker = subprocess.Popen(
        [PY, "manage.py", "run_worker"], cwd=BASE_DIR, env=env, stdout=subprocess.DEVNULL, start_new_session=True
    )
    peak_rss, last_report, counts = 0, started, {}
    try:
        process = psutil.Process(worker.pid)
        while True:
            try:
                peak_rss = max(peak_rss, process.memory_info().rss)
            except psutil.Error:
                raise SystemExit("the worker exited early") from None
            if time.monotonic() - last_report > 15:
                print(f"    … {sent_count(env).get('sent', 0):,} of {size:,} sent", flush=True)
                last_report = time.monotonic()
            counts = sent_count(env)
            if counts.get("sent", 0) >= size:
                break
            time.sleep(0.2)
        finished = time.monotonic()
        time.sleep(1.5)  # let the sink write its last count (and anything sent twice arrive)
        sink_counts = json.loads(counts_file.read_text())
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(30)
        sink.send_signal(signal.SIGINT)
        try:
            sink.wait(30)
        except subprocess.TimeoutExpired:  # its event loop stuck closing a connection: it has counted already
            sink.kill()
            sink.wait(10)
    rate = (sink_counts["count"] - 1) / (sink_counts["last"] - sink_counts["first"])
    result = {
        "size": size,
        "publish_ms": statistics.median(publish["publish_ms"]),
        "publish_ms_all": publish["publish_ms"],
        "queue_s": publish["queue_seconds"],
        "total_s": finished - started,
        "rate": rate,
        "peak_mb": peak_rss / 2**20,
        "accepted": sink_counts["count"],
        "statuses": sent_count(env),
    }
    drop_database(env)
    return result


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--measure-publish":
        measure_publish(int(sys.argv[2]))
        return
    print("Email alerts: one release to every confirmed subscriber of its topic, through a local SMTP server")
    results = []
    for size in SIZES:
        print(f"  {size:,} subscribers: filling, publishing, sending…", flush=True)
        results.append(run(size))
    print()
    print(
        f"{'subscribers':>12} {'publish request':>16} {'queue (SQL)':>12} {'all accepted':>13} {'messages/s':>11} "
        f"{'worker peak':>12} {'accepted':>9}"
    )
    for r in results:
        print(
            f"{r['size']:>12,} {r['publish_ms']:>13.1f} ms {r['queue_s']:>10.2f} s {r['total_s']:>11.1f} s "
            f"{r['rate']:>11.0f} {r['peak_mb']:>9.0f} MB {r['accepted']:>9,}"
        )
    for r in results:
        print(
            f"  {r['size']:,}: publish request times (ms, after a warm-up): "
            f"{', '.join(f'{t:.1f}' for t in r['publish_ms_all'])}; deliveries by status: {r['statuses']}"
        )
        if r["accepted"] != r["size"] or r["statuses"] != {"sent": r["size"]}:
            print(f"  !! {r['size']:,}: the server accepted {r['accepted']:,} messages for {r['size']:,} subscribers")
    print("The publish request only queues a nudge (one row), so its time does not grow with the subscribers;")
    print("'all accepted' runs from the worker's start (about a second of it is the process starting) to the")
    print("server's acceptance of the last message. Both processes share this machine's cores with the SMTP server.")


if __name__ == "__main__":
    main()
