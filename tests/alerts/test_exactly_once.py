"""Exactly once with real worker processes: one killed mid-batch, two at once (as on two hosts)."""

import os
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest
from django.utils import timezone

from alerts import fanout
from alerts.models import Delivery, Subscriber, Subscription
from releases import publishing
from tests import factories
from tests.servers import BASE_DIR, child_database_url, project_env, wait_until
from worker.models import WorkerProcess


def confirmed_subscribers(count, topic, prefix="reader"):
    now = timezone.now()
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(email=f"{prefix}{n}@example.org", confirmed_at=now) for n in range(count)
    )
    Subscription.objects.bulk_create(Subscription(subscriber=s, kind="topic", topic=topic) for s in subscribers)
    return [s.email for s in subscribers]


def published_on_new_topic():
    topic = factories.topic("Detention")
    release = factories.release("Detention center closes", state="draft")
    release.topics.add(topic)
    return topic, release


def start_worker(smtp, **env):
    return subprocess.Popen(
        [sys.executable, "manage.py", "run_worker", "--interval", "0.1"],
        cwd=BASE_DIR,
        env=project_env(
            DATABASE_URL=child_database_url(),
            SECRET_KEY="alerts-worker-test-" + "x" * 40,
            EMAIL_URL=smtp.url,
            WORKER_HEARTBEAT_SECONDS="0.5",
            WORKER_DEAD_AFTER="2",
            ALERTS_SCAN_SECONDS="0.5",
            **env,
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop(process, sig=signal.SIGKILL):
    if process.poll() is None:
        os.killpg(process.pid, sig)
    process.wait(20)


def test_announcing_twice_queues_once(db):
    topic, release = published_on_new_topic()
    confirmed_subscribers(5, topic)
    publishing.publish(release)
    assert fanout.announce(release.pk) == 5
    assert fanout.announce(release.pk) == 0
    assert fanout.queue_for_subscribers(release, timezone.now()) == 0  # the unique key, whatever calls it
    assert Delivery.objects.count() == 5


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_killed_mid_batch_resumes_without_duplicates(smtp_server):
    topic, release = published_on_new_topic()
    addresses = confirmed_subscribers(60, topic)
    smtp_server.hold_after(25)  # the server accepts 25, then keeps the worker waiting on the 26th
    publishing.publish(release)
    first = start_worker(smtp_server)
    try:
        smtp_server.wait_for(25, timeout=60)
        assert wait_until(lambda: Delivery.objects.filter(status="sent").count() == 25, timeout=10)
        time.sleep(0.3)  # the worker is now inside the 26th message, before the server accepted it
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(10)
    finally:
        stop(first)
    claimed = Delivery.objects.filter(status="sending")
    assert claimed.count() == 35 and set(claimed.values_list("claimed_by", flat=True)) != {""}
    smtp_server.release()
    second = start_worker(smtp_server)
    try:
        assert wait_until(lambda: Delivery.objects.filter(status="sent").count() == 60, timeout=60)
        time.sleep(1)  # anything sent twice would have arrived by now
    finally:
        stop(second, signal.SIGTERM)
    received = Counter(rcpt for m in smtp_server.messages for rcpt in m.rcpt_tos)
    assert received == Counter(addresses)  # every subscriber exactly once
    assert WorkerProcess.objects.count() == 1  # the second left on SIGTERM; the killed one stays until pruned


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_at_once_never_send_twice(smtp_server):
    """Two hosts, each with its worker: they share the outbox and split it."""
    topic, release = published_on_new_topic()
    addresses = confirmed_subscribers(150, topic)
    workers = [start_worker(smtp_server, ALERTS_BATCH="10", ALERTS_CHUNK="5") for _ in range(2)]
    try:
        assert wait_until(lambda: WorkerProcess.objects.count() == 2, timeout=30)
        smtp_server.hold_after(0)  # each worker claims a batch and waits on its first message
        publishing.publish(release)
        claimants = Delivery.objects.filter(status="sending").values("claimed_by").distinct()
        assert wait_until(lambda: claimants.count() == 2, timeout=60)  # both claimed, none the same rows
        smtp_server.release()
        assert wait_until(lambda: Delivery.objects.filter(status="sent").count() == 150, timeout=90)
        time.sleep(1)
        senders = Counter(Delivery.objects.values_list("claimed_by", flat=True))
    finally:
        for worker in workers:
            stop(worker, signal.SIGTERM)
    received = Counter(rcpt for m in smtp_server.messages for rcpt in m.rcpt_tos)
    assert received == Counter(addresses)
    assert len(senders) == 2, senders  # both did some of the work
