"""Admin forms of the archive's directory and identity: organizations, topics, press contacts and
the site settings (names kept unique as people type them; profiles one per line)."""

from django import forms
from django.core.exceptions import ValidationError

from releases.forms import SafeImageField, formfield
from releases.models import Contact, Organization, SiteSettings, Topic, match_key
from releases.models.contacts import LANGUAGES
from releases.models.validators import http_url


class UniqueNameMixin:
    """Refuse a name that matches another row's, case-insensitively, as a field error
    (the database constraint would otherwise only answer with an IntegrityError)."""

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        model = self._meta.model
        others = model.objects.exclude(pk=self.instance.pk)
        clash = others.filter(name__iexact=name).first()
        if clash is None and model is Organization:
            clash = others.filter(name_key=match_key(name)).first()
        if clash is not None:
            raise ValidationError(
                "“%(other)s” already exists. Use it, or tell the two apart in the name.",
                params={"other": clash.name},
                code="duplicate",
            )
        return name


class OrganizationAdminForm(UniqueNameMixin, forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["name", "slug", "website", "location", "logo", "about", "press_office"]
        field_classes = {"logo": SafeImageField}
        formfield_callback = formfield


class ContactAdminForm(forms.ModelForm):
    languages = forms.TypedMultipleChoiceField(
        choices=LANGUAGES,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Languages they give interviews in (hold Ctrl or ⌘ to choose several).",
    )

    class Meta:
        model = Contact
        fields = ["name", "role", "organization", "phone", "email", "languages", "hours", "details"]


class ProfilesField(forms.CharField):
    """Web addresses, one a line, as a list."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 60})

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, (list, tuple)) else value

    def to_python(self, value):
        lines = [line.strip() for line in (value or "").splitlines() if line.strip()]
        urls = []
        for line in lines:
            url = line if "://" in line else f"https://{line}"
            try:
                http_url(url)
            except ValidationError as exc:
                raise ValidationError("“%(line)s” is not a web address.", params={"line": line[:80]}) from exc
            if len(url) > 300:
                raise ValidationError("“%(line)s…” is too long for a web address.", params={"line": line[:60]})
            urls.append(url)
        return urls


class SiteSettingsAdminForm(forms.ModelForm):
    social_profiles = ProfilesField(
        required=False, help_text="The newsroom's profiles (Bluesky, Mastodon, LinkedIn, …), one address a line."
    )

    class Meta:
        model = SiteSettings
        fields = [
            "name", "description", "logo", "accent_colour", "press_office", "social_profiles",
            "default_licence", "default_licence_terms", "default_licence_url",
        ]  # fmt: skip
        field_classes = {"logo": SafeImageField}
        widgets = {"accent_colour": forms.TextInput(attrs={"type": "color"})}
        formfield_callback = formfield


class TopicAdminForm(UniqueNameMixin, forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["name", "slug", "description"]
