"""Forms behind the staff admin: the release form, its inlines, and the checks
that give editors a message next to the field instead of a server error."""

import hashlib
import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from PIL import Image

from releases import history, publishing, signatories, times
from releases.media.images import validate_image
from releases.models import Release, languages

MAX_FRAMES = 200
QUOTE_MARK = re.compile(r"\[\[\s*quote\s+(?P<number>\d{1,3})\s*\]\]", re.IGNORECASE)
OWN_LINE_MARK = re.compile(r"\[\[\s*quote\s+\d{1,3}\s*\]\]", re.IGNORECASE)


def formfield(db_field, **kwargs):
    """Model fields to form fields; addresses typed without a scheme mean https."""
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


class SafeImageField(forms.ImageField):
    """An image field that runs our checks before Pillow decodes anything, so a
    decompression bomb or a renamed text file gets a plain form error."""

    def to_python(self, data):
        if data in self.empty_values:
            return None
        validate_image(data)
        try:
            data.seek(0)
            with Image.open(data) as image:
                frames = getattr(image, "n_frames", 1)
        except Exception as exc:
            raise ValidationError("This file is not an image we can read.") from exc
        finally:
            data.seek(0)
        if frames > MAX_FRAMES:
            raise ValidationError(f"Animated images may have at most {MAX_FRAMES} frames.")
        return super().to_python(data)


class PasteSignatoriesWidget(forms.Textarea):
    """The paste box, and under it the review of what the paste will do (matched and new
    organizations, the unnamed count) with the digest of the text reviewed: saving again
    with the same text adds them; a changed text is reviewed again."""

    review = None  # (rows, parsed, digest), set by the form when the paste needs a look

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if not self.review:
            return html
        rows, parsed, digest = self.review
        new = [row for row in rows if row.organization is None]
        lines = [
            format_html(
                "<tr><td>{}</td><td>{}</td></tr>",
                row.name,
                format_html("<strong>New organization</strong>, created when you save")
                if row.organization is None
                else format_html("Already signed: {}", row.organization.name)
                if row.already_signed
                else format_html("Matched: {}", row.organization.name),
            )
            for row in rows
        ]
        notes = []
        if parsed.unnamed_count is not None:
            notes.append(format_html("<p>And {} more, unnamed.</p>", parsed.unnamed_count))
        if parsed.split_at_and:
            first, second = parsed.split_at_and
            notes.append(
                format_html(
                    "<p><strong>Read as two organizations:</strong> “{}” and “{}”. If that is one name, "
                    "put it on a line of its own.</p>",
                    first,
                    second,
                )
            )
        return format_html(
            '{}<div class="paste-review" id="paste-review"><p>{} matched, {} new. Check them, then save again to add '
            "them: nothing is saved until you do.</p>"
            '<table><caption>Signatories in the paste</caption><thead><tr><th scope="col">As pasted</th>'
            '<th scope="col">Organization</th></tr></thead><tbody>{}</tbody></table>{}'
            '<input type="hidden" name="{}_reviewed" value="{}"></div>',
            html,
            len(rows) - len(new),
            len(new),
            format_html_join("", "{}", ((line,) for line in lines)),
            format_html_join("", "{}", ((note,) for note in notes)),
            name,
            digest,
        )


def paste_digest(text):
    return hashlib.sha256(" ".join((text or "").split()).encode()).hexdigest()[:20]


class ReleaseAdminForm(forms.ModelForm):
    """The release form. `can_publish` is set by the admin for the signed-in user."""

    MINOR, MAJOR = "minor", "major"

    paste_signatories = forms.CharField(
        label="Paste signatories",
        required=False,
        widget=PasteSignatoriesWidget(attrs={"rows": 6, "cols": 80}),
        help_text="One organization per line, or a list as printed in the letter "
        "(“United We Dream, the ACLU … and 57 more”, “plus twelve others”). You see which organizations "
        "are matched and which are new before anything is saved; they are added after the signatories "
        "below. “and 57 more” sets the count of unnamed signatories.",
    )
    edit_kind = forms.ChoiceField(
        label="Kind of edit",
        choices=[
            (MINOR, "Minor: a typo or formatting; readers are not told"),
            (MAJOR, "Major: a correction or update; a public change note is added and “last updated” moves"),
        ],
        widget=forms.RadioSelect,
        required=False,
    )
    step = forms.ChoiceField(
        choices=[(publishing.SAVE, "Save"), *publishing.STEP_LABELS.items()], required=False, widget=forms.HiddenInput
    )  # posted by the buttons of the form's submit row, never drawn as a field
    change_note = forms.CharField(
        label="Change note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="Printed on the release for a major edit, e.g. “Corrected the number of signatories.”",
    )

    can_publish = False
    # When a revision is being restored: the release as it stood before (its publishing state and
    # address are kept; releases.history.WORKFLOW_FIELDS).
    before_revert = None

    class Meta:
        model = Release
        fields = [
            "title", "slug", "language", "translation_of", "subtitle", "dateline", "body", "summary", "topics",
            "issuer",
            "unnamed_signatory_count", "publish_at", "first_published_at", "withdrawal_reason", "featured",
            "featured_image", "featured_image_alt", "featured_image_credit", "source_url", "archive_note",
        ]  # fmt: skip
        field_classes = {"featured_image": SafeImageField}
        formfield_callback = formfield

    def __init__(self, *args, **kwargs):
        if self.before_revert is not None and kwargs.get("instance") is not None:
            restored = kwargs["instance"]
            for name in history.WORKFLOW_FIELDS:
                setattr(restored, name, getattr(self.before_revert, name))
            restored.stored_slug = self.before_revert.slug  # the address it has until this save
        super().__init__(*args, **kwargs)
        self.initial_status = self.instance.status if self.instance.pk else None
        self.initial_state = self.instance.state if self.instance.pk else None
        if self.initial_state != Release.State.PUBLISHED:
            # Only an edit of what the public can read needs to say what kind it is.
            del self.fields["edit_kind"]
            del self.fields["change_note"]
        if "publish_at" in self.fields:
            self.fields["publish_at"].help_text = (
                "For “Schedule”: when it goes live by itself. “Publish now” needs no time."
                if self.initial_state in Release.UNPUBLISHED or self.initial_state is None
                else "When it went live."
            )
        if "first_published_at" in self.fields:
            self.fields["first_published_at"].help_text = (
                "The date readers see. Back-date it for a release first published elsewhere; never later than "
                "“Publish at”."
            )
        if "language" in self.fields:
            self.fields["language"] = forms.ChoiceField(
                label="Language",
                choices=languages.choices(),
                initial=self.instance.language,
                required=False,  # left out of a hand-made POST: the release keeps its language
                help_text=Release._meta.get_field("language").help_text,
            )
        if "slug" in self.fields:
            # The admin prints help text as HTML: "<slug>" would be taken for a tag and vanish.
            self.fields["slug"].help_text = escape(Release._meta.get_field("slug").help_text)
        self.pasted = signatories.Parsed()

    def clean_language(self):
        return self.cleaned_data.get("language") or self.instance.language or languages.default_language()

    @property
    def is_major_edit(self):
        return self.cleaned_data.get("edit_kind") == self.MAJOR

    def clean_paste_signatories(self):
        text = self.cleaned_data.get("paste_signatories", "")
        self.pasted = signatories.parse(text, signatories.known_in_database)
        too_long = [name for name in self.pasted.names if len(name) > signatories.MAX_NAME_LENGTH]
        if too_long:
            raise ValidationError(
                "This does not look like a list of names: “%(name)s…” is longer than %(max)s characters. "
                "Put each organization on its own line, or separate them with commas.",
                params={"name": too_long[0][:60], "max": signatories.MAX_NAME_LENGTH},
            )
        if text.strip() and not self.pasted.names and self.pasted.unnamed_count is None:
            raise ValidationError("No organization names were found in the text.")
        if self.pasted.names and self.data.get(self.add_prefix("paste_signatories_reviewed")) != paste_digest(text):
            rows = signatories.review(self.instance, self.pasted)
            self.fields["paste_signatories"].widget.review = (rows, self.pasted, paste_digest(text))
            new = sum(1 for row in rows if row.organization is None)
            raise ValidationError(
                "Check the signatories found in the paste (%(matched)s matched, %(new)s new), then save again.",
                params={"matched": len(rows) - new, "new": new},
                code="review",
            )
        return text

    def clean_body(self):
        """Every [[quote N]] mark names a quote the release has, on a line of its own (a mark that
        names no quote, or stands inside a paragraph, would vanish or print as typed)."""
        body = self.cleaned_data.get("body", "")
        quotes, problems = self._quotes_posted(), []
        for line in body.splitlines():
            for mark in QUOTE_MARK.finditer(line):
                number = int(mark.group("number"))
                if quotes is not None and not 1 <= number <= quotes:
                    problems.append(
                        f"The text places [[quote {number}]], but the release has {quotes} "
                        f"quote{pluralize(quotes)}: add the quote below, or take the mark out."
                    )
                elif not OWN_LINE_MARK.fullmatch(line.strip()):
                    problems.append(f"Put [[quote {number}]] on a line of its own, where the quote stands.")
        if problems:
            raise ValidationError(list(dict.fromkeys(problems)))
        return body

    def _quotes_posted(self):
        """How many quotes the release will have once this form saves: the quote rows posted with it
        (not marked for deletion, with text), or the stored quotes when none are posted."""
        prefix = "quotes"
        total = self.data.get(f"{prefix}-TOTAL_FORMS")
        if total is None or not str(total).isdigit():
            return self.instance.quotes.count() if self.instance.pk else 0
        rows = range(min(int(total), 1000))
        return sum(
            1
            for i in rows
            if (self.data.get(f"{prefix}-{i}-text") or "").strip() and not self.data.get(f"{prefix}-{i}-DELETE")
        )

    def clean_first_published_at(self):
        value = self.cleaned_data.get("first_published_at")
        if value and value > timezone.now() and "first_published_at" in self.changed_data:
            raise ValidationError(
                "First published cannot be in the future. To schedule the release, set “Publish at”."
            )
        return value

    def clean(self):
        cleaned = super().clean()
        for name in ("publish_at", "first_published_at"):
            # The form shows whole seconds; an untouched time keeps its stored value exactly.
            if self.instance.pk and name in self.fields and name not in self.changed_data and name in cleaned:
                cleaned[name] = getattr(self.instance, name)
        if self.pasted.unnamed_count is not None and "unnamed_signatory_count" in self.fields:
            cleaned["unnamed_signatory_count"] = self.pasted.unnamed_count
        if "edit_kind" in self.fields:
            if not cleaned.get("edit_kind"):
                self.add_error("edit_kind", "Say whether this is a minor or a major edit.")
            elif self.is_major_edit and not (cleaned.get("change_note") or "").strip():
                self.add_error("change_note", "A major edit needs a change note for readers.")
        self._clean_step(cleaned)
        return cleaned

    def _clean_step(self, cleaned):
        """The verb pressed (releases.publishing.next_steps), and the publish time it needs. A time
        that has passed never publishes a release readers have not seen: that takes “Publish now”."""
        step = cleaned.get("step") or publishing.SAVE
        state = self.initial_state or Release.State.DRAFT
        if step != publishing.SAVE and step not in publishing.next_steps(state, self.can_publish):
            self.add_error(None, "That step is not open to you for this release; nothing was changed.")
            return
        publish_at, now = cleaned.get("publish_at"), timezone.now()
        if "publish_at" in self.errors or "publish_at" not in self.fields:
            return
        moved = "publish_at" in self.changed_data
        if step == publishing.SCHEDULE or (step == publishing.SAVE and state == Release.State.SCHEDULED and moved):
            if not publish_at:
                self.add_error("publish_at", "Choose when it goes live.")
            elif publish_at <= now:
                self.add_error(
                    "publish_at",
                    f"{times.newsroom_time(publish_at)} has passed: readers have not seen this release, so it "
                    "is not scheduled in the past. Choose a later time, or press “Publish now”.",
                )
        elif state == Release.State.PUBLISHED and moved and publish_at and publish_at > now:
            self.add_error(
                "publish_at",
                "Readers can already see this release; a future time would hide it. Withdraw it instead.",
            )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Public reason",
        widget=forms.Textarea(attrs={"rows": 4, "cols": 80}),
        help_text="Shown to readers on each withdrawn release, e.g. “Issued in error.”",
    )
