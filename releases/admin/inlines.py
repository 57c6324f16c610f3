"""The ordered parts of a release, edited inside its form."""

from django.conf import settings
from django.contrib import admin
from django.db import models
from django.utils.html import format_html

from releases import embargo, publishing, times
from releases.admin.common import FieldsMixin
from releases.admin.widgets import ZonedSplitDateTime
from releases.models import (
    Asset,
    ChangeNote,
    PreviewLink,
    Quote,
    RelatedResource,
    Release,
    ReleaseContact,
    Signatory,
)
from releases.part_forms import (
    AssetForm,
    EmbargoRecipientForm,
    EmbargoRecipientFormSet,
    PositionedInlineFormSet,
    PositionForm,
    PreviewLinkForm,
)


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


class AssetInlineMixin(FieldsMixin):
    """Press-kit files, in order: each with its caption, credit and licence. Files are stored
    privately and served through the visibility rule (releases.views.downloads)."""

    model = Asset
    form = AssetForm
    formset = PositionedInlineFormSet
    fieldsets = (
        (None, {"fields": ("position", "kind", "file", "caption", "credit")}),
        ("Licence", {"fields": ("licence", "licence_terms", "licence_url")}),
    )
    extra = 0
    verbose_name = "press-kit file"
    verbose_name_plural = "press kit (photos, logos, documents, audio, video)"


class ReleaseAssetInline(ReleasePartInline, AssetInlineMixin, admin.StackedInline):
    """Shown to readers with the release, and only while it is public."""


class OrganizationAssetInline(AssetInlineMixin, admin.StackedInline):
    """Shown on the organization's page (while it names a public release)."""


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


class SharedLinkColumns:
    """What the two kinds of preview link show: the address (selectable; a Copy button where
    JavaScript runs, static/js/copy_link.js), and how often it was opened."""

    formfield_overrides = {models.DateTimeField: {"widget": ZonedSplitDateTime}}
    view_on_site = False  # the link itself is the way to the page

    class Media:
        js = ["js/copy_link.js"]

    def get_queryset(self, request):
        return embargo.with_openings(super().get_queryset(request))

    @admin.display(description="link")
    def link(self, obj):
        if not obj.pk:
            return "Made when you save."
        url = settings.SITE_URL + obj.get_absolute_url()
        if obj.revoked_at:
            return format_html("<del>{}</del> (revoked)", url)
        if obj.has_expired():
            return format_html("<del>{}</del> (expired)", url)
        return format_html('<a class="shared-link" href="{0}">{0}</a>', url)

    @admin.display(description="opened")
    def opened(self, obj):
        if not obj.pk:
            return ""
        count = getattr(obj, "times_opened", 0)
        if not count:
            return "Not yet"
        last = times.newsroom_time(obj.last_opened)
        return f"{count} time{'s' if count != 1 else ''}, last {last}"


class PreviewLinkInline(SharedLinkColumns, ReleasePartInline, admin.StackedInline):
    """Links staff hand out themselves (a draft for a colleague, an embargo for a list). Stacked, so
    that the address and the times fit a laptop and a phone."""

    model = PreviewLink
    form = PreviewLinkForm
    fields = ("label", "link", ("expires_at", "revoke"), ("opened", "created_by", "revoked_at"))
    readonly_fields = ("link", "opened", "created_by", "revoked_at")
    extra = 0
    verbose_name = "preview link"
    verbose_name_plural = "preview links (for a draft or an embargo; “Add another” makes one, even unlabelled)"

    def get_queryset(self, request):
        return super().get_queryset(request).plain()


class EmbargoRecipientInline(SharedLinkColumns, ReleasePartInline, admin.StackedInline):
    """The journalists a scheduled release is shared with, each with a personal link emailed to
    them once (releases.embargo). Revoked, never deleted: the record of who had it stays."""

    model = PreviewLink
    form = EmbargoRecipientForm
    formset = EmbargoRecipientFormSet
    fields = (("recipient_name", "recipient_outlet", "recipient_email"), "link", ("expires_at", "revoke"),
              ("emailed", "opened"))  # fmt: skip
    readonly_fields = ("link", "emailed", "opened")
    extra = 0
    can_delete = False
    verbose_name = "embargo recipient"
    verbose_name_plural = "embargo recipients (each gets a personal link by email)"

    def get_queryset(self, request):
        return super().get_queryset(request).for_recipients()

    def has_add_permission(self, request, obj):
        return obj is not None and obj.state == Release.State.SCHEDULED and super().has_add_permission(request, obj)

    @admin.display(description="emailed")
    def emailed(self, obj):
        if not obj.pk:
            return "When you save."
        if obj.emailed_at:
            return times.newsroom_time(obj.emailed_at)
        if obj.email_error:
            return f"Not sent: {obj.email_error}"
        return "Waiting for the worker"
