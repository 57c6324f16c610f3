"""Sending through a real SMTP server: exactly one message per subscriber and release, with the right
headers; scheduled releases when due; withdrawals, republishing and corrections; digests."""

import time
from datetime import timedelta
from email.utils import parseaddr

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from alerts.models import Announcement, Delivery, Subscriber
from alerts.outbox import last_digest_moment
from releases import publishing
from releases.models import Release
from tests import factories
from tests.alerts.helpers import alerts_to, drain, html_of, links, subscribe_and_confirm, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic():
    topic = factories.topic("287(g)")
    factories.release("An older release on the topic").topics.add(topic)  # the topic has a public page
    return topic


def draft_on(topic, title="Sheriff ends 287(g) agreement", **kwargs):
    release = factories.release(
        title,
        state="draft",
        subtitle="The county leaves the program after a year of protests",
        dateline="Phoenix, AZ",
        summary="The county sheriff ended the agreement on Monday.",
        **kwargs,
    )
    release.topics.add(topic)
    return release


def test_subscribe_confirm_publish_exactly_one_message_per_subscriber_with_the_right_headers(
    client, smtp_server, topic, settings
):
    settings.SITE_URL = "https://press.example.org"
    settings.ALERTS_FROM_EMAIL = "Newsroom <press@press.example.org>"
    readers = ["ana@example.org", "ben@example.org", "cho@example.org"]
    subscribers = [
        subscribe_and_confirm(client, smtp_server, email, kind="topic", target=topic.slug) for email in readers
    ]
    # Ben also follows everything: the release matches him twice, and he still gets one message.
    subscribe_and_confirm(client, smtp_server, "ben@example.org")
    release = draft_on(topic)
    publishing.publish(release)
    drain()
    drain()  # a second worker pass finds nothing more to send
    for email, subscriber in zip(readers, subscribers, strict=True):
        [message] = alerts_to(smtp_server, email)
        assert message["Subject"] == "Sheriff ends 287(g) agreement"
        assert parseaddr(message["From"]) == ("Pressroom", "press@press.example.org")  # the site settings name
        assert message["To"] == email
        unsubscribe = f"https://press.example.org/alerts/unsubscribe/{subscriber.token}/"
        assert message["List-Unsubscribe"].strip() == f"<{unsubscribe}>"  # folded onto its own line: it is long
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message["List-Id"] == "Pressroom alerts <alerts.press.example.org>"
        assert message["Message-ID"].strip() == f"<alert.{release.pk}.{subscriber.pk}@alerts.press.example.org>"
        assert message.get_content_type() == "multipart/alternative"
        text, html = text_of(message), html_of(message)
        for part in (text, html):
            assert "Sheriff ends 287(g) agreement" in part
            assert "The county leaves the program after a year of protests" in part
            assert "PHOENIX, AZ" in part or "Phoenix, AZ" in part
            assert "The county sheriff ended the agreement on Monday." in part
            assert f"https://press.example.org{release.get_absolute_url()}" in part
            assert f"https://press.example.org/alerts/manage/{subscriber.token}/" in part
            assert unsubscribe in part
        assert "UTC" in text  # the time is labelled with the newsroom's zone
        assert "<img" not in html  # no tracking pixel (and no logo until the site has one)
    assert Delivery.objects.filter(status="sent").count() == 3
    assert Delivery.objects.exclude(status="sent").count() == 0


def test_what_differs_between_two_readers_messages_is_only_their_own_links(client, smtp_server, topic):
    ana = subscribe_and_confirm(client, smtp_server, "ana@example.org", kind="topic", target=topic.slug)
    ben = subscribe_and_confirm(client, smtp_server, "ben@example.org", kind="topic", target=topic.slug)
    publishing.publish(draft_on(topic))
    drain()
    [for_ana], [for_ben] = alerts_to(smtp_server, "ana@example.org"), alerts_to(smtp_server, "ben@example.org")
    assert html_of(for_ana).replace(ana.token, "T") == html_of(for_ben).replace(ben.token, "T")
    assert text_of(for_ana).replace(ana.token, "T") == text_of(for_ben).replace(ben.token, "T")


def test_a_scheduled_release_is_sent_when_its_time_comes(client, smtp_server, topic):
    subscribe_and_confirm(client, smtp_server, "ana@example.org", kind="topic", target=topic.slug)
    release = draft_on(topic, "Embargoed until the press conference")
    publishing.publish(release, at=timezone.now() + timedelta(seconds=1.5))
    drain()
    assert alerts_to(smtp_server, "ana@example.org") == []  # not before its time
    time.sleep(1.6)
    drain()
    [message] = alerts_to(smtp_server, "ana@example.org")
    assert message["Subject"] == "Embargoed until the press conference"


def test_nothing_leaves_before_its_time(client, smtp_server, topic):
    """The leak test for email: drafts, scheduled and embargoed releases (with a preview link) and
    withdrawn ones are never emailed, whatever the worker or the publishing hooks are asked."""
    from alerts import fanout, tasks
    from releases.models import PreviewLink

    subscribe_and_confirm(client, smtp_server, "ana@example.org")
    subscribe_and_confirm(client, smtp_server, "ben@example.org", kind="topic", target=topic.slug)
    hidden = [
        draft_on(topic, "A draft"),
        factories.release("Scheduled for tomorrow", state="scheduled"),
        factories.release("Embargoed, shared with a journalist", state="scheduled"),
        factories.release("Withdrawn, never announced", state="withdrawn", at=timezone.now() - timedelta(minutes=5)),
    ]
    hidden[1].topics.add(topic)
    PreviewLink.objects.create(release=hidden[2], label="embargo")
    for release in hidden:
        fanout.announce(release.pk)
        tasks.release_became_public.enqueue(release.pk)
    publishing.publish(hidden[1], at=hidden[1].publish_at)  # re-saving a scheduled release
    drain()
    assert alerts_to(smtp_server, "ana@example.org") == alerts_to(smtp_server, "ben@example.org") == []
    assert not Delivery.objects.exists()
    assert set(Release.objects.filter(pk__in=[r.pk for r in hidden]).values_list("status", flat=True)) <= {
        "draft",
        "published",
        "withdrawn",
    }


def test_a_release_withdrawn_before_sending_is_not_sent_and_republishing_never_sends_twice(
    client, smtp_server, topic, settings
):
    settings.ALERTS_BATCH = 1  # one subscriber's message, then the withdrawal
    early = subscribe_and_confirm(client, smtp_server, "early@example.org", kind="topic", target=topic.slug)
    late = subscribe_and_confirm(client, smtp_server, "late@example.org", kind="topic", target=topic.slug)
    release = draft_on(topic)
    publishing.publish(release)
    from alerts import fanout, outbox

    fanout.announce(release.pk)
    worker = type("W", (), {"running": True, "worker_id": "test-worker"})()
    outbox.send_immediate(worker)  # the first of the two is sent
    publishing.withdraw(release, "Issued in error.")
    drain()
    statuses = dict(Delivery.objects.values_list("subscriber_id", "status"))
    assert statuses == {early.pk: "sent", late.pk: "withdrawn"}
    assert len(alerts_to(smtp_server, "early@example.org")) == 1
    assert alerts_to(smtp_server, "late@example.org") == []

    publishing.publish(release)  # republished: what the withdrawal stopped goes out, nothing twice
    drain()
    assert len(alerts_to(smtp_server, "early@example.org")) == 1
    assert len(alerts_to(smtp_server, "late@example.org")) == 1
    assert Announcement.objects.get(release=release, change_note=None).state == "announced"


def test_a_correction_never_sends_the_release_again_and_notifies_those_who_asked(client, smtp_server, topic):
    plain = subscribe_and_confirm(client, smtp_server, "plain@example.org", kind="topic", target=topic.slug)
    careful = subscribe_and_confirm(client, smtp_server, "careful@example.org", kind="topic", target=topic.slug)
    Subscriber.objects.filter(pk=careful.pk).update(wants_updates=True)
    release = draft_on(topic)
    publishing.publish(release)
    drain()
    release.title = "Sheriff ends 287(g) agreement, effective in June"
    publishing.publish(release)  # an editor's save of a public release
    publishing.record_major_edit(release, "The agreement ends in June, not May.")
    drain()
    assert len(alerts_to(smtp_server, "plain@example.org")) == 1
    careful_messages = alerts_to(smtp_server, "careful@example.org")
    assert [m["Subject"] for m in careful_messages] == [
        "Sheriff ends 287(g) agreement",
        "Updated: Sheriff ends 287(g) agreement, effective in June",
    ]
    assert "The agreement ends in June, not May." in text_of(careful_messages[1])
    assert Delivery.objects.filter(subscriber=plain).count() == 1


def test_one_click_unsubscribe_by_post_stops_everything(client, smtp_server, topic):
    subscriber = subscribe_and_confirm(client, smtp_server, "ana@example.org", kind="topic", target=topic.slug)
    publishing.publish(draft_on(topic, "First"))
    drain()
    [message] = alerts_to(smtp_server, "ana@example.org")
    url = message["List-Unsubscribe"].strip().strip("<>")
    path = url.split("://", 1)[1].split("/", 1)[1]
    mail_program = Client(enforce_csrf_checks=True)  # no cookie, no token: as a mail provider posts
    answer = mail_program.get("/" + path)
    assert answer.status_code == 200 and subscriber.subscriptions.exists()  # opening the link is not enough
    answer = mail_program.post(
        "/" + path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert answer.status_code == 200
    assert not subscriber.subscriptions.exists()
    publishing.publish(draft_on(topic, "Second"))
    drain()
    assert [m["Subject"] for m in alerts_to(smtp_server, "ana@example.org")] == ["First"]
    assert mail_program.post(reverse("alerts:unsubscribe", args=["x" * 43])).status_code == 404


def test_a_daily_digest_collects_a_days_releases(client, smtp_server, topic):
    subscribe_and_confirm(client, smtp_server, "daily@example.org", "daily", kind="topic", target=topic.slug)
    subscribe_and_confirm(client, smtp_server, "now@example.org", kind="topic", target=topic.slug)
    titles = ["Morning statement", "Afternoon letter", "Evening release"]
    for title in titles:
        publishing.publish(draft_on(topic, title))
    drain()
    assert len(alerts_to(smtp_server, "now@example.org")) == 3  # one each, as they come
    assert alerts_to(smtp_server, "daily@example.org") == []  # waiting for the digest hour
    # A day passes: they were queued before the last digest moment.
    Delivery.objects.filter(frequency="daily").update(created_at=last_digest_moment() - timedelta(minutes=1))
    drain()
    [digest] = alerts_to(smtp_server, "daily@example.org")
    assert digest["Subject"] == "Pressroom: 3 new releases"
    text = text_of(digest)
    for title in titles:
        assert title in text and title in html_of(digest)
    assert text.index("Morning statement") < text.index("Evening release")
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    drain()
    assert len(alerts_to(smtp_server, "daily@example.org")) == 1
    assert not Delivery.objects.exclude(status="sent").exists()


def test_the_digest_moment_is_the_last_digest_hour_in_the_newsroom_time(settings):
    settings.ALERTS_DIGEST_HOUR = 7
    from django.utils import timezone as tz

    before = tz.make_aware(tz.datetime(2026, 3, 10, 6, 59))
    after = tz.make_aware(tz.datetime(2026, 3, 10, 7, 1))
    assert last_digest_moment(before) == tz.make_aware(tz.datetime(2026, 3, 9, 7, 0))
    assert last_digest_moment(after) == tz.make_aware(tz.datetime(2026, 3, 10, 7, 0))


def test_an_imported_or_back_dated_release_is_not_emailed(client, smtp_server, topic):
    subscribe_and_confirm(client, smtp_server, "ana@example.org")
    old = factories.release("From the 2015 archive", at=timezone.now() - timedelta(days=3000))
    drain()
    publishing.publish(old, at=old.publish_at)  # an editor's later save
    drain()
    assert alerts_to(smtp_server, "ana@example.org") == []
    assert Announcement.objects.get(release=old).state == "too-old"


def test_a_mail_server_that_is_down_delays_and_loses_nothing(client, smtp_server, topic, settings):
    subscribe_and_confirm(client, smtp_server, "ana@example.org", kind="topic", target=topic.slug)
    release = draft_on(topic)
    publishing.publish(release)
    port = settings.EMAIL_PORT
    from cluster.base import free_port

    settings.EMAIL_PORT = free_port()  # nothing listens there
    drain()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert delivery.not_before > timezone.now()
    settings.EMAIL_PORT = port
    Delivery.objects.update(not_before=timezone.now())
    drain()
    assert len(alerts_to(smtp_server, "ana@example.org")) == 1
    assert Delivery.objects.get().status == "sent"


def test_the_manage_link_in_an_alert_opens_the_subscribers_page(client, smtp_server, topic):
    subscribe_and_confirm(client, smtp_server, "ana@example.org", kind="topic", target=topic.slug)
    publishing.publish(draft_on(topic))
    drain()
    [message] = alerts_to(smtp_server, "ana@example.org")
    [manage] = links(message, "/alerts/manage/")
    page = Client().get(manage)
    assert page.status_code == 200
    assert "releases on 287(g)" in page.content.decode()
