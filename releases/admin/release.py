"""The release form, the release list and its publishing actions."""

import reversion
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from releases import (
    history,  # noqa: F401  (registers the models with django-reversion first)
    publishing,
    signatories,
)
from releases.admin.actions import PublishingActionsMixin
from releases.admin.common import FieldsMixin, SelectedIdsMixin, save_uploaded_images
from releases.admin.history import HistoryGuardMixin
from releases.admin.inlines import (
    ChangeNoteInline,
    PreviewLinkInline,
    QuoteInline,
    RelatedResourceInline,
    ReleaseContactInline,
    SignatoryInline,
)
from releases.admin.list_filters import StateFilter, YearFilter
from releases.forms import ReleaseAdminForm
from releases.media import renditions
from releases.models import PreviewLink, Release

PUBLISHING_FIELDS = ("status", "publish_at", "first_published_at", "withdrawal_reason")


@admin.register(Release)
class ReleaseAdmin(PublishingActionsMixin, HistoryGuardMixin, SelectedIdsMixin, FieldsMixin, VersionAdmin):
    form = ReleaseAdminForm
    list_display = (
        "title",
        "state_label",
        "issuer",
        "first_published_at",
        "publish_at",
        "updated_at",
        "is_public",
        "page_link",
    )
    list_filter = (StateFilter, YearFilter, "topics", ("issuer", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("issuer",)
    search_fields = ("title", "slug", "subtitle", "issuer__name")
    date_hierarchy = "first_published_at"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("issuer", "topics")
    readonly_fields = ("withdrawn_at", "updated_at", "created_at", "modified_at")
    inlines = (
        ReleaseContactInline,
        QuoteInline,
        SignatoryInline,
        RelatedResourceInline,
        ChangeNoteInline,
        PreviewLinkInline,
    )
    withdraw_template = "admin/releases/release/withdraw_confirmation.html"

    # Permissions

    def has_publish_permission(self, request):
        return publishing.can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or obj.status == Release.Status.DRAFT or self.has_publish_permission(request)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.has_publish_permission(request)

    # The form

    def get_inlines(self, request, obj):
        # Change notes appear once there is one (a major edit of a published release adds it).
        if obj is None or not obj.change_notes.exists():
            return [inline for inline in self.inlines if inline is not ChangeNoteInline]
        return self.inlines

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.can_publish = self.has_publish_permission(request)
        form.before_revert = getattr(request, "release_before_revert", None)
        return form

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if not self.has_publish_permission(request):
            fields = (*fields, *PUBLISHING_FIELDS)
        return fields

    def get_fieldsets(self, request, obj=None):
        editable = obj is None or self.has_change_permission(request, obj)
        people = ("issuer", "paste_signatories", "unnamed_signatory_count")
        if not editable:
            people = tuple(f for f in people if f != "paste_signatories")
        publishing_description = (
            None
            if self.has_publish_permission(request)
            else "An editor publishes, schedules or withdraws. Save your draft and ask one."
        )
        fieldsets = [
            ("Content", {"fields": ("title", "slug", "subtitle", "dateline", "body", "summary", "topics")}),
            (
                "People & organizations",
                {
                    "fields": people,
                    "description": "Quotes, signatories and related resources follow below, in order.",
                },
            ),
            (
                "Publishing",
                {
                    "fields": (
                        "status",
                        "publish_at",
                        "first_published_at",
                        "updated_at",
                        "withdrawal_reason",
                        "withdrawn_at",
                        "featured",
                    ),
                    "description": publishing_description,
                },
            ),
            ("Image", {"fields": ("featured_image", "featured_image_alt", "featured_image_credit")}),
            ("Source & archive", {"fields": ("source_url", "archive_note", "created_at", "modified_at")}),
        ]
        if editable and obj is not None and obj.state == Release.State.PUBLISHED:
            fieldsets.insert(
                0,
                (
                    "This edit",
                    {
                        "fields": ("edit_kind", "change_note"),
                        "description": "Readers can see this release. Say what kind of edit you are making.",
                    },
                ),
            )
        return fieldsets

    def view_on_site(self, obj):
        """Only a page readers can reach; drafts get a Preview link instead."""
        if obj.state in Release.READER_VISIBLE:
            return obj.get_absolute_url()
        return None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = extra_context or {}
        if obj is not None and obj.state in Release.UNPUBLISHED:
            extra_context.update(
                preview_url=obj.get_absolute_url(),
                preview_state=obj.State(obj.state).label,
                goes_live_at=obj.publish_at if obj.state == Release.State.SCHEDULED else None,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    # Saving

    def save_model(self, request, obj, form, change):
        new_images = save_uploaded_images(obj, form)
        if obj.status == Release.Status.PUBLISHED and self.has_publish_permission(request):
            publishing.publish(obj, at=obj.publish_at)
        elif (
            obj.status == Release.Status.WITHDRAWN
            and form.initial_status != Release.Status.WITHDRAWN
            and self.has_publish_permission(request)
        ):
            obj.status = form.initial_status  # the verb moves it, from the state it was in
            publishing.withdraw(obj, obj.withdrawal_reason)
        else:
            if obj.status != Release.Status.DRAFT and not self.has_publish_permission(request):
                raise PermissionDenied  # the form never offers this, whatever is posted
            publishing.save_release(obj)
        for name in new_images:
            renditions.generate_safely(getattr(obj, name))

    def save_formset(self, request, form, formset, change):
        if formset.model is PreviewLink:
            for link_form in formset.forms:
                if not link_form.instance.pk and link_form.has_changed():
                    link_form.instance.created_by = request.user
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        release = form.instance
        if form.pasted.names:
            outcome = signatories.attach(release, form.pasted.names)
            self.message_user(request, self._paste_message(outcome, form.pasted))
        if change and "edit_kind" in form.fields and form.is_major_edit:
            publishing.record_major_edit(release, form.cleaned_data["change_note"])
            reversion.add_to_revision(release)  # with its new "last updated"

    def _paste_message(self, outcome, pasted):
        parts = [f"Added {len(outcome.matched) + len(outcome.created)} signatories"]
        if outcome.matched:
            parts.append(f"{len(outcome.matched)} matched existing organizations")
        if outcome.created:
            parts.append("created " + ", ".join(org.name for org in outcome.created))
        if outcome.already:
            parts.append("already signed: " + ", ".join(org.name for org in outcome.already))
        if pasted.unnamed_count is not None:
            parts.append(f"“and {pasted.unnamed_count} more” recorded")
        return "; ".join(parts) + "."

    # The list

    @admin.display(description="status", ordering="status")
    def state_label(self, obj):
        return Release.State(obj.state).label

    @admin.display(description="page")
    def page_link(self, obj):
        label = "View" if self.view_on_site(obj) else "Preview"
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)
