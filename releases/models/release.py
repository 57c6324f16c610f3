"""The release itself: its fields, publishing rules and the queryset that says what the public sees."""

import functools
import operator
import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation

from releases import markdown
from releases.media.images import validate_image
from releases.models.directory import Organization, Topic
from releases.models.languages import default_language, url_language, validate_language
from releases.models.validators import http_url, not_a_year

FIRST_PUBLISHED_AFTER_PUBLISH_TIME = "First published can be earlier than the publish time (back-dated), never later."
NOT_SEEN_CANNOT_BE_WITHDRAWN = (
    "Readers have not seen this release, so there is nothing to withdraw: send it back to draft instead."
)

# Columns a list of releases never prints (a card shows title, date, issuer and lead).
LIST_DEFERRED = ("body", "body_html", "search_document")


class ReleaseQuerySet(models.QuerySet):
    """What each public surface may show, all from one rule (`state_condition`):

    - `public()`: lists, feeds, sitemaps, search and every count (ordered lists: `listed()`);
    - `at_permalink()`: a release's own page and social card (Release.READER_VISIBLE);
    - `scheduled()`: what goes live by itself, later.
    """

    @staticmethod
    def state_condition(state, now=None):
        """The one visibility rule: each state of `Release.state` as a condition on the table.
        Published means published and its time has come; scheduled, published with its time to
        come; withdrawn, withdrawn after readers saw it (first published in the past)."""
        now = now or timezone.now()
        seen = Q(first_published_at__lte=now)
        return {
            Release.State.PUBLISHED: Q(status=Release.Status.PUBLISHED, publish_at__lte=now),
            Release.State.SCHEDULED: Q(status=Release.Status.PUBLISHED, publish_at__gt=now),
            Release.State.WITHDRAWN: Q(status=Release.Status.WITHDRAWN) & seen,
            Release.State.REVIEW: Q(status=Release.Status.REVIEW),
            # A withdrawn row readers never saw cannot be written (a constraint); were it
            # there, it would count as the draft it should have gone back to.
            Release.State.DRAFT: Q(status=Release.Status.DRAFT) | (Q(status=Release.Status.WITHDRAWN) & ~seen),
        }[state]

    @classmethod
    def public_condition(cls, now=None):
        """What the public may see: published, and its time has come."""
        return cls.state_condition(Release.State.PUBLISHED, now)

    def in_states(self, states, now=None):
        # A plain OR, not pk IN (subqueries): the planner would hash every public release first.
        return self.filter(functools.reduce(operator.or_, (self.state_condition(state, now) for state in states)))

    def public(self, now=None):
        return self.filter(self.public_condition(now))

    def at_permalink(self, now=None):
        """Public releases plus withdrawn ones (readers saw them), which keep their page with a notice."""
        return self.in_states(Release.READER_VISIBLE, now)

    def scheduled(self, now=None):
        """Published releases whose time has not come: they go live by themselves."""
        return self.in_states([Release.State.SCHEDULED], now)

    def listed(self):
        """Every list of releases the public sees (home, archive, topics, organizations, feeds): newest first."""
        return self.public().newest_first()

    def newest_first(self):
        """Newest first, for lists of public releases. The bound on first-published is true
        of every public release (a constraint keeps it at or before the publish time); it
        lets the planner start the newest-first index at this moment, past the scheduled
        and draft rows at its head, rather than fetch and discard each of them."""
        return self.filter(first_published_at__lte=timezone.now()).order_by("-first_published_at", "-pk")

    def in_language(self, code):
        """Releases shown in the interface language `code`: written in it, or (for the default
        language) in a language the interface does not speak."""
        from releases.models.languages import interface_codes

        if code == settings.LANGUAGE_CODE or code not in interface_codes():
            return self.filter(Q(language=code) | ~Q(language__in=interface_codes()))
        return self.filter(language=code)

    def family_of(self, release):
        """The release's translation family: its original and every translation of it (itself included)."""
        root = release.translation_of_id or release.pk
        return self.filter(Q(pk=root) | Q(translation_of=root))

    def cards(self):
        """What a release card in a list prints: no body, no search document."""
        return self.select_related("issuer").defer(*LIST_DEFERRED)


class Release(models.Model):
    class Status(models.TextChoices):
        """What staff set; `State` is what it means for readers at a given moment."""

        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class State(models.TextChoices):
        """What a reader sees, derived from status and times (ReleaseQuerySet.state_condition)."""

        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # The workflow's named sets of states (releases.publishing holds the verbs that move between them).
    # Readers have seen it (or may, at its permalink): it never goes back to draft, its page stays.
    READER_VISIBLE = (State.PUBLISHED, State.WITHDRAWN)
    # Not yet for readers: staff and preview links only, never cached, never indexed.
    UNPUBLISHED = (State.DRAFT, State.REVIEW, State.SCHEDULED)
    # A Writer may edit these (and submit a draft for review); the rest is an Editor's.
    WRITER_EDITABLE = (State.DRAFT, State.REVIEW)
    # Only what readers have seen can be withdrawn; what they have not goes back to draft instead.
    WITHDRAWABLE = (State.PUBLISHED,)
    BACK_TO_DRAFT = (State.REVIEW, State.SCHEDULED)
    # "Schedule" takes a future time; "Publish now" also brings a withdrawn release back.
    SCHEDULABLE = UNPUBLISHED
    PUBLISHABLE_NOW = (*UNPUBLISHED, State.WITHDRAWN)

    title = models.CharField(max_length=300)
    slug = models.SlugField(
        max_length=200,
        unique=True,
        validators=[not_a_year],
        help_text="The permalink: /releases/<slug>/. If you change it after publishing, the old address redirects.",
    )
    language = models.CharField(
        max_length=15,
        default=default_language,
        validators=[validate_language],
        db_index=True,
        help_text="The language it is written in. Its page, search and feeds follow it.",
    )
    translation_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="translations",
        help_text="The original this release translates. Translations of one original are one family.",
    )
    subtitle = models.CharField("deck", max_length=500, blank=True, help_text="The line under the title.")
    dateline = models.CharField(max_length=120, blank=True, help_text='Where it was issued, e.g. "Washington, DC".')
    body = models.TextField(
        help_text="Markdown. Put [[quote 1]] on a line of its own where the first quote stands; "
        "quotes not placed appear after the opening paragraph."
    )
    body_html = models.TextField(editable=False, default="")
    summary = models.TextField(
        blank=True, help_text="For lists, feeds and search engines. Left blank, the opening paragraph is used."
    )
    lead = models.TextField(editable=False, default="", help_text="The summary, or the opening paragraph.")
    issuer = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="issued_releases")
    topics = models.ManyToManyField(Topic, blank=True, related_name="releases")
    featured_image = models.ImageField(upload_to="releases/%Y/", blank=True, validators=[validate_image])
    featured_image_alt = models.CharField(
        "image description (alt text)", max_length=300, blank=True, help_text="Required with an image."
    )
    featured_image_credit = models.CharField(max_length=200, blank=True)
    contacts = models.ManyToManyField(
        "releases.Contact",
        through="releases.ReleaseContact",
        blank=True,
        related_name="releases",
        help_text="Who journalists call. None named: the issuer's press office, or the site's.",
    )
    source_url = models.URLField(
        "originally published at", max_length=500, blank=True, validators=[http_url], help_text="Where it first ran."
    )
    archive_note = models.TextField(
        blank=True, help_text="A public note on this record itself, e.g. where a date was supplied by the archive."
    )
    featured = models.BooleanField(default=False, help_text="Show first on the home page.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When it goes live. A future time schedules it; it appears by itself at that time.",
    )
    first_published_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="Set once when first published. Editors may back-date it for imported archives.",
    )
    updated_at = models.DateTimeField(
        "last updated", null=True, blank=True, help_text="Moves only with a major edit (one with a change note)."
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField("submitted for review", null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    withdrawal_reason = models.TextField(blank=True, help_text="Shown to the public on the withdrawn release.")
    unnamed_signatory_count = models.PositiveIntegerField(
        default=0, help_text='Signatories not named, as in "… and 57 more".'
    )
    search_document = SearchVectorField(null=True, editable=False)
    # Changes whenever anything the release page shows changes (releases.search.documents
    # sets a new one after commit), so its rendered parts can be cached under it.
    render_key = models.UUIDField(default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    modified_at = models.DateTimeField(auto_now=True)

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-first_published_at", "-pk"]
        permissions = [("publish_release", "Can publish, schedule and withdraw releases")]
        indexes = [
            GinIndex(fields=["search_document"], name="release_search_gin"),
            models.Index(fields=["status", "publish_at"], name="release_visibility_idx"),
            # Newest first; with the visibility columns included, a deep page's ids are
            # counted off the index alone (releases.reading.paginator).
            models.Index(
                fields=["-first_published_at", "-id"], include=["status", "publish_at"], name="release_newest_idx"
            ),
            # The home page's few featured releases, found without reading the rest.
            models.Index(
                fields=["-first_published_at", "-id"], condition=Q(featured=True), name="release_featured_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="withdrawn") | ~Q(withdrawal_reason=""),
                name="release_withdrawn_has_reason",
                violation_error_message="A withdrawn release must say why, publicly.",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "review", "published", "withdrawn"]),
                name="release_status_known",
                violation_error_message="Unknown status.",
            ),
            models.CheckConstraint(
                # Withdrawn only after readers saw it: first published before it was withdrawn.
                condition=~Q(status="withdrawn")
                | Q(
                    first_published_at__isnull=False,
                    withdrawn_at__isnull=False,
                    first_published_at__lte=F("withdrawn_at"),
                ),
                name="release_withdrawn_was_published",
                violation_error_message=NOT_SEEN_CANNOT_BE_WITHDRAWN,
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="release_published_has_time",
                violation_error_message="A published release needs a publish time.",
            ),
            models.CheckConstraint(
                condition=Q(first_published_at__isnull=True)
                | Q(publish_at__isnull=True)
                | Q(first_published_at__lte=F("publish_at")),
                name="release_first_published_not_after_publish_time",
                violation_error_message=FIRST_PUBLISHED_AFTER_PUBLISH_TIME,
            ),
            models.UniqueConstraint(
                fields=["translation_of", "language"],
                name="release_one_translation_per_language",
                violation_error_message="This release already has a translation in that language.",
            ),
            models.CheckConstraint(
                condition=~Q(translation_of=F("pk")),
                name="release_not_its_own_translation",
                violation_error_message="A release cannot be a translation of itself.",
            ),
            models.CheckConstraint(
                condition=~Q(slug__regex=r"^[0-9]{4}$"),
                name="release_slug_not_a_year",
                violation_error_message=not_a_year.message,
            ),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.stored_slug = instance.__dict__.get("slug")  # the address it has in the database
        return instance

    def save(self, *args, **kwargs):
        """The release's own invariants only. Staff saves go through publishing.save_release(),
        which also renders the body and keeps old addresses answering."""
        # First-published follows the schedule until the release has gone live; then it is
        # fixed (editors may back-date it; a later schedule never moves it).
        not_yet_live = self.first_published_at is None or self.first_published_at > timezone.now()
        if self.status == self.Status.PUBLISHED and self.publish_at and not_yet_live:
            self.first_published_at = self.publish_at
        super().save(*args, **kwargs)
        self.stored_slug = self.slug

    def clean(self):
        errors = {}
        if self.featured_image and not self.featured_image_alt.strip():
            errors["featured_image_alt"] = "Describe the image for readers who cannot see it."
        if self.first_published_at and self.publish_at and self.first_published_at > self.publish_at:
            errors["first_published_at"] = FIRST_PUBLISHED_AFTER_PUBLISH_TIME
        if self.status == self.Status.WITHDRAWN and not self.withdrawal_reason.strip():
            errors["withdrawal_reason"] = "Say publicly why the release was withdrawn."
        if self.status == self.Status.WITHDRAWN and not self.was_first_published():
            errors["status"] = NOT_SEEN_CANNOT_BE_WITHDRAWN
        if self.translation_of_id:
            original = self.translation_of
            if original.translation_of_id:
                errors["translation_of"] = "Choose the original release, not another translation of it."
            elif original.pk == self.pk:
                errors["translation_of"] = "A release cannot be a translation of itself."
            elif original.language == self.language:
                errors["language"] = "A translation is in another language than its original."
            elif self.pk and self.translations.exists():
                errors["translation_of"] = "This release has translations of its own: it is an original."
        if self.slug:
            from releases import permalinks

            owner = permalinks.slug_redirect_target(self.slug)
            # A release may move back to one of its own old slugs: compare with its stored address.
            current = permalinks.release_path(getattr(self, "stored_slug", None) or self.slug) if self.pk else None
            if owner and owner != current:
                errors["slug"] = "This address once belonged to another release and still redirects there."
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        """Its permalink, in its language: /releases/<slug>/ (the default language and any the
        interface does not speak), /es/releases/<slug>/ for a release in Spanish."""
        with translation.override(self.url_language):
            return reverse("releases:release_detail", kwargs={"slug": self.slug})

    @property
    def url_language(self):
        return url_language(self.language)

    @property
    def family_root_id(self):
        return self.translation_of_id or self.pk

    def was_first_published(self, now=None):
        """Readers have seen it: its first publication is in the past."""
        return self.first_published_at is not None and self.first_published_at <= (now or timezone.now())

    @property
    def state(self):
        """What a reader sees; ReleaseQuerySet.state_condition is the same rule in SQL."""
        now = timezone.now()
        if self.status == self.Status.WITHDRAWN and self.was_first_published(now):
            return self.State.WITHDRAWN
        if self.status == self.Status.PUBLISHED and self.publish_at:
            return self.State.PUBLISHED if self.publish_at <= now else self.State.SCHEDULED
        if self.status == self.Status.REVIEW:
            return self.State.REVIEW
        return self.State.DRAFT

    def is_public(self):
        """Mirrors ReleaseQuerySet.public() for one object."""
        return self.state == self.State.PUBLISHED

    is_public.boolean = True

    def contacts_shown(self, site_press_office=None):
        """The contacts its page prints: those it names, in order; else its issuer's press
        office; else the site's (`site_press_office`). Reads `release_contacts` (prefetch it)."""
        named = [link.contact for link in self.release_contacts.all()]
        if named:
            return named
        if self.issuer.press_office_id:
            return [self.issuer.press_office]
        return [site_press_office] if site_press_office else []

    @property
    def display_date(self):
        return self.first_published_at or self.publish_at

    def body_segments(self, quotes):
        """The body split around its quotes, in reading order: [(html, quote), ...].

        Each item carries either a run of body HTML or a quote. A [[quote N]]
        marker places quote N; quotes not placed follow the opening paragraph.
        """
        quotes = list(quotes)
        by_number = {number: quote for number, quote in enumerate(quotes, start=1)}
        parts = markdown.QUOTE_MARKER.split(self.body_html)
        segments, placed = [], set()
        for index, part in enumerate(parts):
            if index % 2:
                quote = by_number.get(int(part))
                if quote is not None and int(part) not in placed:
                    placed.add(int(part))
                    segments.append(("", quote))
            elif part.strip():
                segments.append((part, None))
        unplaced = [q for n, q in by_number.items() if n not in placed]
        if unplaced:
            first_html = segments[0][0] if segments and segments[0][1] is None else ""
            head, sep, tail = first_html.partition("</p>")
            if sep:
                rest = segments[1:]
                segments = [(head + sep, None), *[("", q) for q in unplaced]]
                if tail.strip():
                    segments.append((tail, None))
                segments.extend(rest)
            else:
                segments = [*[("", q) for q in unplaced], *segments]
        return segments
