"""Admin forms of a release's parts edited inline: ordered rows (quotes, signatories, resources,
contacts), preview links and embargo recipients, press-kit files."""

import os

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils import timezone

from releases import times
from releases.forms import formfield
from releases.media import kit_files
from releases.models import Asset, SiteSettings


class PositionedInlineFormSet(BaseInlineFormSet):
    """Ordered inline rows. A blank position goes to the end; on save the rows
    are numbered 1, 2, 3… in the order given, so two rows never share a place."""

    def clean(self):
        if any(self.errors):
            return
        kept = [
            (index, form)
            for index, form in enumerate(self.forms)
            if form.cleaned_data and not self._should_delete_form(form) and (form.instance.pk or form.has_changed())
        ]

        def order(item):
            index, form = item
            position = form.cleaned_data.get("position")
            moved = "position" in form.changed_data
            return (position is None, position or 0, not moved, index)

        for number, (_index, form) in enumerate(sorted(kept, key=order), start=1):
            if form.instance.position != number or form.cleaned_data.get("position") != number:
                form.cleaned_data["position"] = number
                form.instance.position = number
                if "position" not in form.changed_data:
                    form.changed_data.append("position")  # so an otherwise unchanged row is saved
        super().clean()


class PositionForm(forms.ModelForm):
    position = forms.IntegerField(
        required=False, min_value=0, widget=forms.NumberInput(attrs={"class": "vIntegerField"}), help_text=""
    )


class PreviewLinkForm(forms.ModelForm):
    """A preview link. "Add another preview link" always makes one: a row added with a blank label
    is saved with a default label ("Preview link of 29 Nov 2026, 12:17 EST"), never dropped."""

    revoke = forms.BooleanField(required=False, help_text="The link stops working at once.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.revoked_at:
            self.fields["revoke"].initial = True
            self.fields["revoke"].disabled = True

    def has_changed(self):
        # The inline shows no blank row (extra=0): a new row is there because someone asked for it.
        return self.instance.pk is None or super().has_changed()

    def clean_expires_at(self):
        expires_at = self.cleaned_data.get("expires_at")
        if expires_at and "expires_at" in self.changed_data and expires_at <= timezone.now():
            raise ValidationError("This time has passed: give a time to come, or leave it blank.")
        return expires_at

    def save(self, commit=True):
        if self.cleaned_data.get("revoke") and not self.instance.revoked_at:
            self.instance.revoked_at = timezone.now()
        if not self.instance.pk and not self.instance.label.strip() and not self.instance.recipient_email:
            self.instance.label = f"Preview link of {times.newsroom_time(timezone.now())}"
        return super().save(commit)


class EmbargoRecipientForm(PreviewLinkForm):
    """A journalist a scheduled release is shared with: their own link, emailed to them once."""

    class Meta:
        fields = ("recipient_name", "recipient_outlet", "recipient_email", "expires_at")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipient_name"].required = True
        self.fields["recipient_email"].required = True
        if self.instance.pk:
            # The link went (or is going) to this address: a new address is a new recipient.
            self.fields["recipient_email"].disabled = True
        self.fields["revoke"].help_text = "Their link stops working at once."
        self.fields["expires_at"].help_text = "Blank: until the embargo lifts."


class EmbargoRecipientFormSet(BaseInlineFormSet):
    """The recipients of one release: each address once among its live links; an expiry before the embargo lifts."""

    @classmethod
    def get_default_prefix(cls):
        return "embargo_recipients"  # the plain preview links' inline has "preview_links"

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        seen = {}
        lifts = self.instance.publish_at
        for form in self.forms:
            if not form.cleaned_data or self._should_delete_form(form):
                continue
            email = (form.cleaned_data.get("recipient_email") or form.instance.recipient_email or "").lower()
            live = not (form.instance.revoked_at or form.cleaned_data.get("revoke"))
            if live and email in seen:
                form.add_error("recipient_email", "This journalist has a link for this release already.")
            elif live:
                seen[email] = form
            expires_at = form.cleaned_data.get("expires_at")
            if expires_at and lifts and "expires_at" in form.changed_data and expires_at > lifts:
                form.add_error(
                    "expires_at",
                    f"After the embargo lifts ({times.newsroom_time(lifts)}): leave it blank, the link then "
                    "leads to the public page.",
                )


class AssetForm(PositionForm):
    """A press-kit file: checked against its kind by its first bytes (releases.media.kit_files),
    so a renamed or hostile file is a form error; a new one starts with the site's default
    licence and its terms."""

    class Meta:
        model = Asset
        fields = ("position", "kind", "file", "caption", "credit", "licence", "licence_terms", "licence_url")
        formfield_callback = formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            site = SiteSettings.objects.filter(pk=1).first()
            if site is not None:
                self.initial.setdefault("licence_terms", site.default_licence_terms)
                self.initial.setdefault("licence_url", site.default_licence_url)

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        kind = cleaned.get("kind")
        if upload and kind and ("file" in self.changed_data or "kind" in self.changed_data):
            if "file" in self.changed_data:
                try:
                    kit_files.check(upload, kind)
                except ValidationError as exc:
                    self.add_error("file", exc)
            elif os.path.splitext(upload.name)[1].lower() not in kit_files.accepted(kind):
                self.add_error("kind", f"This file cannot be a {kind} file: upload one that is.")
        return cleaned
