"""The published versions of a release (releases.models.PublishedVersion): what readers saw, kept
by the publishing verbs, so corrections can be shown word by word and each version keeps an address.

How a published version is identified: version 1 is the release as first published; each major
edit (publishing.record_major_edit, with its public change note) starts the next one; a minor
edit amends the current one. The newest version is always the release as it is now. Its text is
written to its row when it stops being what readers see now: every staff save of a release that
readers can see (or that is scheduled) first records the text *as stored before that save*
(`before_save`, from publishing.save_release, which runs before the admin saves the quotes), so
when a major edit follows, the version it ends holds exactly the text readers saw until then.
Nothing is read from the revision history (django-reversion): a draft, a text changed before the
release went live, or anything saved while readers could not see the release never becomes a
version. A release that never got a row (made in bulk, or before versions were kept) has one
version, its current text; its first save gives it the row.
"""

import html
import re

from django.db.models import Max, Prefetch
from django.template.loader import render_to_string

from releases.models import PublishedVersion, Quote, Release

# States whose text readers see now, or will see by themselves (a scheduled release's edits amend
# its first version until it goes live).
RECORDED_STATES = (*Release.READER_VISIBLE, Release.State.SCHEDULED)
BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|div|pre|tr|ul|ol)>|<br\s*/?>", re.I)
TAG = re.compile(r"<[^>]+>")


def with_text(queryset=None):
    """Releases with what a version's text needs (the quotes and their speakers)."""
    quotes = Quote.objects.select_related("speaker", "speaker_organization")
    return (queryset if queryset is not None else Release.objects.all()).prefetch_related(
        Prefetch("quotes", queryset=quotes)
    )


def body_with_quotes(release):
    """The body as readers read it: quotes in their places (as the feeds print it), no contacts."""
    quotes = list(release.quotes.all())
    for number, quote in enumerate(quotes, start=1):
        quote.number = number
    context = {"release": release, "segments": release.body_segments(quotes), "contacts": []}
    return render_to_string("releases/feed_body.html", context).strip()


def plain_text(title, subtitle, dateline, body_html):
    """The words a diff compares: one paragraph per block, title, deck and dateline first."""
    text = html.unescape(TAG.sub("", BLOCK_END.sub("\n", body_html)))
    paragraphs = [" ".join(line.split()) for line in text.split("\n")]
    return "\n\n".join(part for part in (title, subtitle, dateline, *paragraphs) if part.strip())


def snapshot(release):
    """A version's fields from a release loaded with `with_text()`."""
    body = body_with_quotes(release)
    return {
        "title": release.title,
        "subtitle": release.subtitle,
        "dateline": release.dateline,
        "body_html": body,
        "text": plain_text(release.title, release.subtitle, release.dateline, body),
    }


def current(release):
    """The newest version as an unsaved PublishedVersion: the release as it is now (loaded with
    `with_text()`), numbered after the recorded ones."""
    return PublishedVersion(release=release, **snapshot(release))


def before_save(release):
    """Before a staff save: the current version's row gets the text readers see until this save
    (made, as version 1, for a release that had none)."""
    if not release.pk:
        return
    stored = with_text(Release.objects.filter(pk=release.pk)).first()
    if stored is None or stored.state not in RECORDED_STATES:
        return
    latest = stored.published_versions.order_by("-number").first()
    if latest is None:
        PublishedVersion.objects.create(
            release=stored, number=1, published_at=stored.first_published_at or stored.publish_at, **snapshot(stored)
        )
    else:
        PublishedVersion.objects.filter(pk=latest.pk).update(**snapshot(stored))


def after_save(release):
    """After a staff save: a release readers never saw that went back to draft has no versions;
    version 1's time follows the first publication (a new schedule, a back-dated first publication)."""
    if release.state not in RECORDED_STATES and not release.was_first_published():
        PublishedVersion.objects.filter(release=release).delete()
        return
    first = release.first_published_at or release.publish_at
    if first:
        PublishedVersion.objects.filter(release=release, number=1, change_note=None).exclude(
            published_at=first
        ).update(published_at=first)


def record_major_edit(release, change_note):
    """A major edit starts the next version (its text: the release as saved now)."""
    loaded = with_text(Release.objects.filter(pk=release.pk)).get()
    if not loaded.published_versions.exists():  # no save recorded the text before this edit
        PublishedVersion.objects.create(
            release=loaded, number=1, published_at=loaded.first_published_at or change_note.created_at,
            **snapshot(loaded),
        )  # fmt: skip
    number = (loaded.published_versions.aggregate(last=Max("number"))["last"] or 0) + 1
    return PublishedVersion.objects.create(
        release=loaded, number=number, published_at=change_note.created_at, change_note=change_note, **snapshot(loaded)
    )
