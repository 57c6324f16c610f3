"""Editors see how many follow what; only the dedicated permission shows addresses."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from alerts.models import Subscriber, Subscription
from tests import factories
from tests.admin_helpers import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscribers():
    topic = factories.topic("Asylum")
    from django.utils import timezone

    for n in range(3):
        s = Subscriber.objects.create(email=f"secret{n}@example.org", confirmed_at=timezone.now())
        Subscription.objects.create(subscriber=s, kind="topic", topic=topic, frequency="daily" if n else "immediate")
    return topic


def test_an_editor_sees_counts_not_addresses(client, subscribers):
    editor = login(client, "Editor")
    overview = client.get(reverse("admin:alerts_subscriptionsummary_changelist"))
    assert overview.status_code == 200
    text = overview.content.decode()
    assert "<strong>3</strong> confirmed subscribers" in text
    assert "Asylum" in text
    assert "secret" not in text
    assert client.get(reverse("admin:alerts_subscriber_changelist")).status_code == 403
    index = client.get(reverse("admin:index")).content.decode()
    assert "Email alerts overview" in index and "Subscribers" not in index
    assert editor.has_perm("alerts.view_subscriptionsummary")


def test_the_dedicated_permission_shows_addresses(client, subscribers):
    editor = login(client, "Editor")
    editor.user_permissions.add(Permission.objects.get(codename="view_subscriber_addresses"))
    listing = client.get(reverse("admin:alerts_subscriber_changelist"))
    assert listing.status_code == 200
    assert "secret0@example.org" in listing.content.decode()
    assert "See their addresses" in client.get(reverse("admin:alerts_subscriptionsummary_changelist")).content.decode()


def test_a_writer_sees_neither(client, subscribers):
    login(client, "Writer")
    assert client.get(reverse("admin:alerts_subscriptionsummary_changelist")).status_code == 403
    assert client.get(reverse("admin:alerts_subscriber_changelist")).status_code == 403
