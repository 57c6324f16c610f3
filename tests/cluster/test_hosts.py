"""Two app hosts behind HAProxy, sharing PostgreSQL (through PgBouncer), Redis and the
object store: a host dying costs no reader a request, and what one host does the other sees."""

import time
import uuid
from collections import Counter

import pytest

from tests.cluster.helpers import Browser, burst, make_release, wait_for

pytestmark = pytest.mark.cluster

PAGES = ["/", "/releases/", "/organizations/", "/search/?q=water", "/feeds/rss/", "/sitemap.xml"]


def test_a_host_killed_in_the_middle_of_a_64_client_burst_costs_no_reader_a_failed_request(topology):
    haproxy, host = topology.haproxy, topology.hosts[1]
    killed = {}

    def kill():
        host.kill()
        killed["at"] = time.monotonic()

    try:
        statuses = burst(lambda i: haproxy.url + PAGES[i % len(PAGES)], clients=64, requests_each=6, during=kill,
                         delay=0.3)  # fmt: skip
        assert "at" in killed
        assert Counter(statuses) == {200: 64 * 6}
        marked_down = wait_for(lambda: haproxy.server_states()["app2"] == "DOWN")
        assert marked_down - killed["at"] < 5
        assert int(haproxy.stats("app2")["wredis"]) + int(haproxy.stats("app2")["wretr"]) >= 0
    finally:
        host.start()
        wait_for(lambda: haproxy.server_states()["app2"] == "UP")


def test_a_session_started_on_one_host_is_signed_in_on_the_other(topology):
    host1, host2 = topology.hosts
    staff = Browser(host1.url)
    status, headers, _ = staff.log_in()
    assert status == 302 and headers["Location"] == "/admin/"
    status, _, body = staff.request("/admin/", base=host2.url)
    assert status == 200
    assert 'action="/admin/logout/"' in body  # signed in there: the admin offers to log out
    anonymous = Browser(host2.url)
    assert anonymous.request("/admin/")[0] == 302  # to the login page: the session made the difference


def test_failed_sign_ins_on_both_hosts_add_up_to_one_lockout(topology):
    host1, host2 = topology.hosts
    reader = Browser(host1.url)
    name = f"nobody-{uuid.uuid4().hex[:8]}"
    statuses = [reader.log_in(name, "wrong", base=host.url)[0] for host in (host1, host2, host1, host2)]
    assert statuses == [200, 200, 200, 200]  # the form again, with its error
    assert reader.log_in(name, "wrong", base=host2.url)[0] == 429
    assert reader.log_in(name, "wrong", base=host1.url)[0] == 429


def test_a_change_saved_anywhere_is_on_every_host_at_once(topology):
    host1, host2 = topology.hosts
    title = "Shared version check"
    path = make_release(topology, title)
    reader = Browser(host2.url)
    for host in (host1, host2):
        reader.request(path, base=host.url)
        status, headers, body = reader.request(path, base=host.url)
        assert status == 200 and headers["X-Cache"] == "hit" and title in body
    topology.django(
        "from releases.models import Release; r = Release.objects.get(title='Shared version check'); "
        "r.title = 'Shared version check, corrected'; r.save(); print(1)"
    )
    for host in (host1, host2):
        status, _, body = reader.request(path, base=host.url)
        assert status == 200 and "Shared version check, corrected" in body


def test_a_scheduled_release_goes_live_on_both_hosts_without_a_save(topology):
    host1, host2 = topology.hosts
    path = make_release(
        topology, "Goes live by itself", state="'scheduled'", at="timezone.now() + timedelta(seconds=4)"
    )
    reader = Browser(host1.url)
    for host in (host1, host2):
        assert reader.request(path, base=host.url)[0] == 404
        assert "Goes live by itself" not in reader.request("/", base=host.url)[2]
    time.sleep(4.2)
    for host in (host1, host2):
        status, _, body = reader.request(path, base=host.url)
        assert status == 200 and "Goes live by itself" in body
        assert "Goes live by itself" in reader.request("/", base=host.url)[2]


def test_two_hosts_each_with_its_worker_send_every_alert_exactly_once(topology, cluster_smtp):
    """Both hosts run the background worker (as `make run` does): a release published with 40
    subscribers waiting reaches each of them once, whichever worker claimed the message."""
    tag = uuid.uuid4().hex[:8]
    addresses = topology.django(
        "import json; from django.utils import timezone; "
        "from alerts.models import Subscriber, Subscription; from releases import publishing; "
        "from tests import factories; "
        f"topic = factories.topic('Alerts on two hosts {tag}'); "
        f"release = factories.release('Sent once from two hosts {tag}', state='draft'); release.topics.add(topic); "
        f"subs = Subscriber.objects.bulk_create(Subscriber(email=f'two-hosts-{tag}-{{n}}@example.org', "
        "confirmed_at=timezone.now()) for n in range(40)); "
        "Subscription.objects.bulk_create(Subscription(subscriber=s, kind='topic', topic=topic) for s in subs); "
        "publishing.publish(release); print(json.dumps([s.email for s in subs]))"
    )

    def received():
        return Counter(rcpt for m in cluster_smtp.messages for rcpt in m.rcpt_tos if rcpt in addresses)

    wait_for(lambda: sum(received().values()) >= 40, timeout=90)
    time.sleep(2)  # a second copy from the other worker would have arrived by now
    assert received() == Counter(addresses)
    claimants = topology.django(
        "import json; from alerts.models import Delivery; "
        f"print(json.dumps(sorted(set(Delivery.objects.filter(subscriber__email__contains='{tag}')"
        ".values_list('claimed_by', flat=True)))))"
    )
    assert claimants and all(c.startswith(("host1-", "host2-")) for c in claimants), claimants
