"""A subscriber's own page: change, stop, export and delete; never stored by the page cache."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from alerts.models import Delivery, Subscriber
from releases import publishing
from tests import factories
from tests.alerts.helpers import alerts_to, drain, subscribe_and_confirm

pytestmark = pytest.mark.django_db


@pytest.fixture
def followed(client, smtp_server):
    topic = factories.topic("Asylum")
    org = factories.organization("Detention Watch")
    factories.release(issuer=org).topics.add(topic)
    subscriber = subscribe_and_confirm(client, smtp_server, "ana@example.org", kind="topic", target=topic.slug)
    subscribe_and_confirm(client, smtp_server, "ana@example.org", "daily", kind="organization", target=org.slug)
    return subscriber, topic, org


def manage_url(subscriber):
    return reverse("alerts:manage", args=[subscriber.token])


def test_the_page_lists_what_is_followed_and_is_never_cached(client, followed, settings):
    subscriber, topic, org = followed
    settings.PAGE_CACHE = True
    visitor = Client()
    page = visitor.get(manage_url(subscriber))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Releases on Asylum" in text and "Releases issued or signed by Detention Watch" in text
    assert "ana@example.org" in text
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    assert "X-Cache" not in visitor.get(manage_url(subscriber))  # never stored, never served from the cache
    assert visitor.get(reverse("alerts:manage", args=["x" * 43])).status_code == 404
    assert visitor.get(reverse("alerts:manage", args=["short"])).status_code == 404


def test_remove_one_alert_and_what_only_it_queued_is_not_sent(client, followed, smtp_server):
    subscriber, topic, org = followed
    release = factories.release("On asylum, from another group", state="draft")
    release.topics.add(topic)
    both = factories.release("On asylum, by Detention Watch", state="draft", issuer=org)
    both.topics.add(topic)
    subscription = subscriber.subscriptions.get(kind="topic")
    subscriber.subscriptions.filter(kind="organization").update(frequency="daily")
    from alerts import fanout

    for r in (release, both):
        publishing.publish(r)
        fanout.announce(r.pk)
    Delivery.objects.filter(release__in=[release, both]).update(frequency="daily")  # still waiting
    client.post(manage_url(subscriber), {"action": "remove", "subscription": subscription.pk})
    assert not subscriber.subscriptions.filter(kind="topic").exists()
    statuses = dict(Delivery.objects.values_list("release_id", "status"))
    assert statuses == {release.pk: "cancelled", both.pk: "pending"}  # Detention Watch still follows it


def test_change_how_often_and_ask_for_updated_notices(client, followed):
    subscriber, topic, org = followed
    subscription = subscriber.subscriptions.get(kind="topic")
    client.post(manage_url(subscriber), {"action": "frequency", "subscription": subscription.pk, "frequency": "daily"})
    subscription.refresh_from_db()
    assert subscription.frequency == "daily"
    client.post(
        manage_url(subscriber), {"action": "frequency", "subscription": subscription.pk, "frequency": "hourly"}
    )
    subscription.refresh_from_db()
    assert subscription.frequency == "daily"
    client.post(manage_url(subscriber), {"action": "updates", "wanted": "yes"})
    assert Subscriber.objects.get().wants_updates
    assert client.post(manage_url(subscriber), {"action": "nonsense"}).status_code == 400


def test_export_gives_everything_kept(client, followed, smtp_server):
    subscriber, topic, org = followed
    release = factories.release("Sent to Ana", state="draft")
    release.topics.add(topic)
    publishing.publish(release)
    drain()
    response = Client().get(reverse("alerts:export", args=[subscriber.token]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["email"] == "ana@example.org"
    assert [s["follows"] for s in data["subscriptions"]] == [
        "releases on Asylum",
        "releases issued or signed by Detention Watch",
    ]
    assert [(e["release"], e["status"]) for e in data["emails"]] == [("Sent to Ana", "Accepted by the mail server")]


def test_delete_forgets_the_address_and_nothing_more_is_sent(client, followed, smtp_server):
    subscriber, topic, org = followed
    response = client.post(manage_url(subscriber), {"action": "delete"})
    assert response.status_code == 200 and b"Deleted" in response.content
    assert not Subscriber.objects.exists() and not Delivery.objects.exists()
    release = factories.release("After deletion", state="draft")
    release.topics.add(topic)
    publishing.publish(release)
    drain()
    assert alerts_to(smtp_server, "ana@example.org") == []
    assert client.get(manage_url(subscriber)).status_code == 404


def test_stop_all_from_the_page(client, followed):
    subscriber, topic, org = followed
    client.post(manage_url(subscriber), {"action": "stop"})
    assert not subscriber.subscriptions.exists()
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()  # the page still works, to subscribe again


def test_the_page_forms_need_the_csrf_token(followed):
    subscriber, topic, org = followed
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(manage_url(subscriber), {"action": "delete"}).status_code == 403
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()
