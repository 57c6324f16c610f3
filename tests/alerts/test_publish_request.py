"""The editor's publish request does the same work for no subscribers as for many: it only queues a nudge."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from alerts.models import Delivery, Subscriber, Subscription
from tests import factories
from tests.admin_helpers import login

pytestmark = pytest.mark.django_db


def publish_queries(client, release):
    url = reverse("admin:releases_release_changelist")
    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, {"action": "publish_selected", "_selected_action": [release.pk]})
    assert response.status_code == 302
    return len(queries.captured_queries)


def test_publishing_costs_the_same_queries_with_0_or_300_subscribers(client):
    login(client, "Editor")
    topic = factories.topic("Asylum")
    warm_up, first, second = (factories.release(f"Release {n}", state="draft") for n in range(3))
    for release in (warm_up, first, second):
        release.topics.add(topic)
    publish_queries(client, warm_up)  # what a first request caches (content types, permissions)
    without = publish_queries(client, first)
    now = timezone.now()
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(email=f"r{n}@example.org", confirmed_at=now) for n in range(300)
    )
    Subscription.objects.bulk_create(Subscription(subscriber=s, kind="topic", topic=topic) for s in subscribers)
    with_many = publish_queries(client, second)
    assert with_many == without
    assert not Delivery.objects.exists()  # queued by the worker, not the request
