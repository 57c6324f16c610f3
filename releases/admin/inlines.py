"""The ordered parts of a release, edited inside its form."""

from django.conf import settings
from django.contrib import admin
from django.utils.html import format_html

from releases import publishing
from releases.admin.common import FieldsMixin
from releases.forms import PositionedInlineFormSet, PositionForm, PreviewLinkForm
from releases.models import ChangeNote, PreviewLink, Quote, RelatedResource, Release, ReleaseContact, Signatory


class ReleasePartInline:
    """A part of a release is editable exactly when the release is."""

    def _release_editable(self, request, obj):
        return obj is None or obj.state in Release.WRITER_EDITABLE or publishing.can_publish(request.user)

    def has_add_permission(self, request, obj):
        return super().has_add_permission(request, obj) and self._release_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._release_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._release_editable(request, obj)


class QuoteInline(ReleasePartInline, FieldsMixin, admin.StackedInline):
    model = Quote
    form = PositionForm
    formset = PositionedInlineFormSet
    fields = ("position", "text", "speaker", "speaker_title", "speaker_organization", "attribution")
    autocomplete_fields = ("speaker", "speaker_organization")
    extra = 0


class SignatoryInline(ReleasePartInline, admin.TabularInline):
    model = Signatory
    form = PositionForm
    formset = PositionedInlineFormSet
    fields = ("position", "organization")
    autocomplete_fields = ("organization",)
    extra = 0


class ReleaseContactInline(ReleasePartInline, admin.TabularInline):
    """Who journalists call about this release, the first first. Contacts are shared between releases."""

    model = ReleaseContact
    form = PositionForm
    formset = PositionedInlineFormSet
    fields = ("position", "contact")
    autocomplete_fields = ("contact",)
    extra = 0
    verbose_name_plural = "press contacts (none: the issuer's press office, else the site's)"


class RelatedResourceInline(ReleasePartInline, FieldsMixin, admin.TabularInline):
    model = RelatedResource
    form = PositionForm
    formset = PositionedInlineFormSet
    fields = ("position", "kind", "title", "url", "file")
    extra = 0
    verbose_name_plural = "related resources"


class ChangeNoteInline(ReleasePartInline, admin.TabularInline):
    """Public change notes are append-only: a major edit adds one (a correction of a correction
    is a new note); none is edited, removed or reverted away."""

    model = ChangeNote
    fields = ("created_at", "note")
    readonly_fields = ("created_at", "note")
    extra = 0
    verbose_name_plural = "public change notes (added by a major edit)"

    def has_add_permission(self, request, obj):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PreviewLinkInline(ReleasePartInline, admin.TabularInline):
    model = PreviewLink
    form = PreviewLinkForm
    fields = ("label", "link", "created_at", "created_by", "revoked_at", "revoke")
    readonly_fields = ("link", "created_at", "created_by", "revoked_at")
    extra = 0
    verbose_name_plural = "preview links (for a draft or an embargo)"

    @admin.display(description="link")
    def link(self, obj):
        if not obj.pk:
            return "Made when you save."
        url = settings.SITE_URL + obj.get_absolute_url()
        if obj.revoked_at:
            return format_html("<del>{}</del> (revoked)", url)
        return format_html('<a href="{0}">{0}</a>', url)
