"""Email alerts: who follows what, and the outbox that sends each release to each of them once.

- Subscriber: an address that confirmed at least one alert, with its personal token (manage
  and unsubscribe links). Nothing is stored for an address before it confirms.
- Subscription: what it follows (everything, a topic, an organization, a person or a saved
  search) and how often (each release at once, or a daily digest).
- Announcement: a release (or one of its corrections) the worker saw become public, once.
- Delivery: the outbox, one row per (subscriber, release) — or (subscriber, correction) for an
  "updated" notice — unique, so nothing is queued twice whatever runs twice.
- Throttle: request counts per address and per client, for the rate limits (alerts.throttle).
"""

import secrets

from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext, gettext_lazy

from releases.models import ChangeNote, Organization, Person, Release, Topic


def new_token():
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    email = models.EmailField(max_length=254)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    wants_updates = models.BooleanField(
        "updated notices", default=False, help_text="Also email when a release already sent is corrected."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(help_text="When the address first confirmed an alert.")

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="alerts_subscriber_email_unique")]
        permissions = [("view_subscriber_addresses", "Can see subscribers' email addresses")]

    def __str__(self):
        return self.email


class SubscriptionQuerySet(models.QuerySet):
    def matching(self, release):
        """The subscriptions that `release` answers: everything, its topics, its issuer and
        signatories (as the organization's feed), the people quoted, saved searches it matches."""
        from django.contrib.postgres.search import SearchQuery
        from django.db.models import Exists, OuterRef

        from releases.models import Quote, Signatory
        from releases.search.documents import CONFIG

        signed = Signatory.objects.filter(release=release).values("organization_id")
        people = Quote.objects.filter(release=release, speaker__isnull=False).values("speaker_id")
        matches_search = Exists(
            Release.objects.filter(
                pk=release.pk,
                search_document=SearchQuery(OuterRef("search_text"), config=CONFIG, search_type="websearch"),
            )
        )
        Kind = Subscription.Kind
        return self.filter(
            Q(kind=Kind.EVERYTHING)
            | Q(kind=Kind.TOPIC, topic__in=release.topics.values("pk"))
            | (Q(kind=Kind.ORGANIZATION) & (Q(organization=release.issuer_id) | Q(organization__in=signed)))
            | Q(kind=Kind.PERSON, person__in=people)
            | (Q(kind=Kind.SEARCH) & matches_search)
        )


class Subscription(models.Model):
    class Kind(models.TextChoices):
        EVERYTHING = "all", "Every release"
        TOPIC = "topic", "A topic"
        ORGANIZATION = "organization", "An organization"
        PERSON = "person", "A person"
        SEARCH = "search", "A saved search"

    class Frequency(models.TextChoices):
        # Sorted on purpose: when several subscriptions match, the greatest ("immediate") wins.
        IMMEDIATE = "immediate", gettext_lazy("Each release as it is published")
        DAILY = "daily", gettext_lazy("A daily digest")

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="subscriptions")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    topic = models.ForeignKey(Topic, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    query = models.CharField("search", max_length=200, blank=True, help_text="The saved search, as typed.")
    search_text = models.CharField(max_length=400, blank=True, editable=False, help_text="What is matched.")
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "kind", "topic", "organization", "person", "query"],
                nulls_distinct=False,
                name="alerts_subscription_once",
            ),
            models.CheckConstraint(
                condition=Q(kind="all", topic=None, organization=None, person=None, query="")
                | Q(kind="topic", topic__isnull=False, organization=None, person=None, query="")
                | Q(kind="organization", topic=None, organization__isnull=False, person=None, query="")
                | Q(kind="person", topic=None, organization=None, person__isnull=False, query="")
                | (Q(kind="search", topic=None, organization=None, person=None) & ~Q(query="")),
                name="alerts_subscription_one_target",
            ),
        ]
        indexes = [models.Index(fields=["topic"], name="alerts_subscription_topic_idx")]

    def __str__(self):
        return self.describe()

    @property
    def target(self):
        return self.topic or self.organization or self.person

    def describe(self):
        """What is followed, in words: "releases on 287(g)"."""
        if self.kind == self.Kind.TOPIC:
            return gettext("releases on %(name)s") % {"name": self.topic.name}
        if self.kind == self.Kind.ORGANIZATION:
            return gettext("releases issued or signed by %(name)s") % {"name": self.organization.name}
        if self.kind == self.Kind.PERSON:
            return gettext("releases quoting %(name)s") % {"name": self.person.name}
        if self.kind == self.Kind.SEARCH:
            return gettext("releases matching “%(query)s”") % {"query": self.query}
        return gettext("every new release")


class Announcement(models.Model):
    """The worker saw this release (or this correction of it) become public: its deliveries were queued."""

    class State(models.TextChoices):
        ANNOUNCED = "announced", "Queued for subscribers"
        WITHDRAWN = "withdrawn", "Withdrawn before everything was sent"
        TOO_OLD = "too-old", "Already old when first seen public (an import, a back-dated record): not sent"

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="+")
    change_note = models.ForeignKey(ChangeNote, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices)
    queued = models.PositiveIntegerField(default=0, help_text="Deliveries queued when it was announced.")
    announced_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True, help_text="When nothing was left to send.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["release"], condition=Q(change_note=None), name="alerts_announce_once"),
            models.UniqueConstraint(fields=["change_note"], name="alerts_announce_correction_once"),
        ]
        indexes = [
            models.Index(fields=["release"], condition=Q(finished_at=None), name="alerts_announcement_open_idx")
        ]

    def __str__(self):
        return f"{self.get_state_display()}: release {self.release_id}" + (
            f", correction {self.change_note_id}" if self.change_note_id else ""
        )


OPEN = ("pending", "sending")


class Delivery(models.Model):
    """The outbox: one email's worth of one release (or one correction) for one subscriber."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Claimed by a worker"
        SENT = "sent", "Accepted by the mail server"
        WITHDRAWN = "withdrawn", "Not sent: the release was withdrawn"
        CANCELLED = "cancelled", "Not sent: the subscriber left"
        FAILED = "failed", "Refused by the mail server"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="+")
    change_note = models.ForeignKey(ChangeNote, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(max_length=10, choices=Subscription.Frequency.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField()
    not_before = models.DateTimeField(help_text="A failed attempt waits until then.")
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_by = models.CharField(max_length=64, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            # Exactly once: whatever runs twice, a second row for the pair cannot exist.
            models.UniqueConstraint(
                fields=["subscriber", "release"], condition=Q(change_note=None), name="alerts_delivery_once"
            ),
            models.UniqueConstraint(
                fields=["subscriber", "change_note"], condition=Q(change_note__isnull=False), name="alerts_update_once"
            ),
        ]
        indexes = [
            # What is left to send, in order: small however many have been sent.
            models.Index(fields=["frequency", "id"], condition=Q(status__in=OPEN), name="alerts_delivery_open_idx"),
            models.Index(fields=["release", "status"], name="alerts_delivery_release_idx"),
        ]

    def __str__(self):
        return f"{self.get_status_display()}: release {self.release_id} to subscriber {self.subscriber_id}"


class Throttle(models.Model):
    """How often a key (a keyed hash of an address or a client) did something in one window."""

    key = models.CharField(max_length=64)
    window = models.DateTimeField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "window"], name="alerts_throttle_key_window")]

    def __str__(self):
        return f"{self.hits} from {self.key[:8]}… since {self.window:%Y-%m-%d %H:%M}"


class SubscriptionSummary(Subscription):
    """The admin's overview of email alerts: counts only (alerts.admin)."""

    class Meta:
        proxy = True
        verbose_name = verbose_name_plural = "email alerts overview"
