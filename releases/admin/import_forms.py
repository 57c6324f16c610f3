"""The forms of "New release from text": what is pasted or uploaded, then the parts to review."""

from django import forms
from django.forms import formset_factory

from releases.importers.text import SourceError, parse_release
from releases.importers.text.sources import EXTENSIONS
from releases.models import RelatedResource

MAX_UPLOAD = 5 * 1024 * 1024
TEXTAREA = {"rows": 3, "cols": 60}


class PasteForm(forms.Form):
    text = forms.CharField(
        label="Paste the release",
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "cols": 80}),
        help_text="As written: title, deck, dateline, text, quotes, signatories, About and contacts.",
    )
    html = forms.CharField(required=False, widget=forms.HiddenInput)  # filled by the rich paste area, when used
    upload = forms.FileField(
        label="Or upload a file",
        required=False,
        help_text="A .docx, .md, .html or .txt file, up to 5 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(sorted(EXTENSIONS))}),
    )

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload is None:
            return None
        name = upload.name.lower()
        if not any(name.endswith(ext) for ext in EXTENSIONS):
            raise forms.ValidationError("Upload a .docx, .md, .html or .txt file.")
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("The file is larger than 5 MB.")
        return upload

    def clean(self):
        data = super().clean()
        sources = [s for s in ("upload", "html", "text") if data.get(s)]
        if not sources and not self.errors:
            raise forms.ValidationError("Paste the release, or upload it as a file.")
        if self.errors:
            return data
        try:
            if data.get("upload"):
                upload = data["upload"]
                self.parsed = parse_release(upload.read(), filename=upload.name)
            elif data.get("html", "").strip():
                self.parsed = parse_release(data["html"], format="html")
            else:
                self.parsed = parse_release(data["text"], format="text")
        except SourceError as error:
            raise forms.ValidationError(str(error)) from error
        if not self.parsed.title:
            raise forms.ValidationError("No text was found in what was pasted or uploaded.")
        return data


class ReviewForm(forms.Form):
    title = forms.CharField(max_length=300)
    subtitle = forms.CharField(label="Deck", max_length=500, required=False)
    dateline = forms.CharField(max_length=120, required=False)
    date = forms.DateField(
        required=False,
        help_text="As printed (YYYY-MM-DD). It becomes the release's first-published date (back-dated).",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    issuer = forms.CharField(max_length=200, help_text="The issuing organization.")
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 16, "cols": 80}), help_text="Markdown.")
    signatories = forms.CharField(
        required=False, widget=forms.Textarea(attrs=TEXTAREA), help_text="Organizations, one a line."
    )
    individual_signatories = forms.CharField(
        required=False, widget=forms.Textarea(attrs=TEXTAREA), help_text="People, one a line: Name, affiliation."
    )
    unnamed_signatory_count = forms.IntegerField(label="And … more", min_value=0, initial=0)
    media_contact = forms.CharField(required=False, widget=forms.Textarea(attrs=TEXTAREA))
    source_url = forms.URLField(label="Originally published at", required=False, assume_scheme="https")
    original = forms.CharField(widget=forms.HiddenInput, required=False)

    def lines(self, field):
        return [line.strip() for line in self.cleaned_data.get(field, "").splitlines() if line.strip()]


class QuoteForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4, "cols": 60}))
    speaker = forms.CharField(max_length=200, required=False)
    title = forms.CharField(label="Title as printed", max_length=200, required=False)
    organization = forms.CharField(label="Organization as printed", max_length=200, required=False)
    attribution = forms.CharField(
        max_length=300, required=False, help_text='For words with no one speaker, e.g. "The letter".'
    )

    def clean(self):
        data = super().clean()
        if data.get("text") and not (data.get("speaker") or data.get("attribution")):
            raise forms.ValidationError("Say who said it, or write an attribution.")
        return data


class ResourceForm(forms.Form):
    kind = forms.ChoiceField(choices=RelatedResource.Kind.choices)
    title = forms.CharField(max_length=300)
    url = forms.URLField(label="Web address", required=False, assume_scheme="https")


class AboutForm(forms.Form):
    organization = forms.CharField(max_length=200)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4, "cols": 60}))


QuoteFormSet = formset_factory(QuoteForm, extra=0, can_delete=True)
ResourceFormSet = formset_factory(ResourceForm, extra=0, can_delete=True)
AboutFormSet = formset_factory(AboutForm, extra=0, can_delete=True)


def kept(formset):
    """The filled-in forms of a formset that were not marked for deletion."""
    return [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
