"""The release form: laid out in the order a release is written, with its state and the
one obvious next step (releases.publishing.next_steps) beside the save button."""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.template.loader import render_to_string
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from releases import (
    embargo,
    history,  # noqa: F401  (registers the models with django-reversion first)
    publishing,
    signatories,
    times,
    translations,
)
from releases.admin import layout
from releases.admin.actions import PublishingActionsMixin
from releases.admin.common import FieldsMixin, SelectedIdsMixin, save_uploaded_images
from releases.admin.history import HistoryGuardMixin
from releases.admin.inlines import (
    ChangeNoteInline,
    EmbargoRecipientInline,
    PreviewLinkInline,
    QuoteInline,
    RelatedResourceInline,
    ReleaseAssetInline,
    ReleaseContactInline,
    SignatoryInline,
)
from releases.admin.list import ReleaseListMixin
from releases.admin.release_pages import ReleasePagesMixin
from releases.admin.widgets import ZonedSplitDateTime
from releases.forms import ReleaseAdminForm
from releases.media import renditions
from releases.models import PreviewLink, Release

PUBLISHING_FIELDS = ("publish_at", "first_published_at", "withdrawal_reason")


@admin.register(Release)
class ReleaseAdmin(
    ReleasePagesMixin,
    ReleaseListMixin,
    PublishingActionsMixin,
    HistoryGuardMixin,
    SelectedIdsMixin,
    FieldsMixin,
    VersionAdmin,
):
    form = ReleaseAdminForm
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("issuer", "topics", "translation_of")
    readonly_fields = (
        "state_now",
        "withdrawn_at_shown",
        "updated_at_shown",
        "created_at",
        "modified_at",
        "link_openings",
    )
    inlines = (
        QuoteInline,
        SignatoryInline,
        RelatedResourceInline,
        ReleaseAssetInline,
        ReleaseContactInline,
        ChangeNoteInline,
        EmbargoRecipientInline,
        PreviewLinkInline,
    )
    withdraw_template = "admin/releases/release/withdraw_confirmation.html"
    change_list_template = "admin/releases/release/change_list.html"  # reversion's, with "Under embargo"
    formfield_overrides = {**FieldsMixin.formfield_overrides, models.DateTimeField: {"widget": ZonedSplitDateTime}}

    # Permissions

    def has_publish_permission(self, request):
        return publishing.can_publish(request.user)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or obj.state in Release.WRITER_EDITABLE or self.has_publish_permission(request)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.has_publish_permission(request)

    # The form

    def get_inlines(self, request, obj):
        # Change notes appear once there is one (a major edit of a published release adds it);
        # embargo recipients on a scheduled release, and on one that was shared so (the record stays).
        left_out = set()
        if obj is None or not obj.change_notes.exists():
            left_out.add(ChangeNoteInline)
        if obj is None or (obj.state != Release.State.SCHEDULED and not obj.preview_links.for_recipients().exists()):
            left_out.add(EmbargoRecipientInline)
        return [inline for inline in self.inlines if inline not in left_out]

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
        return layout.fieldsets(obj, editable=obj is None or self.has_change_permission(request, obj),
                                can_publish=self.has_publish_permission(request),
                                shared=obj is not None and obj.preview_links.exists())  # fmt: skip

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        editable = self.has_change_permission(request, obj) if obj is not None else self.has_add_permission(request)
        context.update(layout.context(context, obj, self.has_publish_permission(request), editable))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def family_panel(self, request, obj):
        """The translation family side by side: each language, its state, what it still lacks;
        the interface languages it is not in yet, each with a link to start that translation."""
        members, absent = translations.overview(obj)
        return render_to_string(
            "admin/releases/release/family.html",
            {
                "release": obj,
                "members": members,
                "absent": absent if self.has_add_permission(request) else [],
                "unpublished": [m for m in members if m.release.state in Release.UNPUBLISHED],
                "can_publish": self.has_publish_permission(request),
            },
        )

    def view_on_site(self, obj):
        """Only a page readers can reach; drafts get a Preview link instead."""
        if obj.state in Release.READER_VISIBLE:
            return obj.get_absolute_url()
        return None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        extra_context = extra_context or {}
        if obj is not None:
            extra_context["family_panel"] = self.family_panel(request, obj)
        if obj is not None and obj.state in Release.UNPUBLISHED:
            extra_context.update(
                preview_url=obj.get_absolute_url(),
                preview_state=obj.State(obj.state).label,
                goes_live_at=obj.publish_at if obj.state == Release.State.SCHEDULED else None,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.display(description="state")
    def state_now(self, obj):
        return layout.state_badge(obj)

    @admin.display(description="last updated")
    def updated_at_shown(self, obj):
        return times.newsroom_time(obj.updated_at) if obj and obj.updated_at else "—"

    @admin.display(description="openings")
    def link_openings(self, obj):
        """Every request at the release's links, newest first: who (which link), when, from where."""
        return layout.openings_table(embargo.openings_of(obj) if obj and obj.pk else [])

    @admin.display(description="withdrawn")
    def withdrawn_at_shown(self, obj):
        return times.newsroom_time(obj.withdrawn_at) if obj and obj.withdrawn_at else "—"

    # Saving

    def save_model(self, request, obj, form, change):
        new_images = save_uploaded_images(obj, form)
        step = form.cleaned_data.get("step") or publishing.SAVE
        if step != publishing.SAVE and step not in publishing.next_steps(
            form.initial_state or Release.State.DRAFT, self.has_publish_permission(request)
        ):
            raise PermissionDenied  # the form refuses it first; this is for a hand-made POST
        verbs = {
            publishing.SUBMIT: lambda: publishing.submit_for_review(obj, by=request.user),
            publishing.SCHEDULE: lambda: publishing.schedule(obj, obj.publish_at),
            publishing.PUBLISH_NOW: lambda: publishing.publish_now(obj),
            publishing.UNPUBLISH: lambda: publishing.unpublish(obj),
        }
        if step in verbs:
            verbs[step]()
        elif obj.state == Release.State.SCHEDULED and "publish_at" in form.changed_data:
            publishing.publish(obj, at=obj.publish_at)  # rescheduled (the form checked the time is to come)
        else:
            publishing.save_release(obj)
        for name in new_images:
            renditions.generate_safely(getattr(obj, name))
        request.release_outcome = publishing.outcome(obj, step)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # Django's "was added successfully" says nothing of what happened: say it instead.
        outcome = getattr(request, "release_outcome", None)
        if outcome and level == messages.SUCCESS:
            request.release_outcome = None
            message = format_html("“{}”: {}", getattr(request, "release_title", ""), outcome)
        return super().message_user(request, message, level, *args, **kwargs)

    def save_formset(self, request, form, formset, change):
        new_recipients = False
        if formset.model is PreviewLink:
            for link_form in formset.forms:
                if not link_form.instance.pk and link_form.has_changed():
                    link_form.instance.created_by = request.user
                    new_recipients = new_recipients or bool(link_form.cleaned_data.get("recipient_email"))
        super().save_formset(request, form, formset, change)
        if new_recipients:
            # In this transaction: the worker emails the new links only once it commits.
            embargo.send_links.enqueue(form.instance.pk)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        release = form.instance
        request.release_title = release.title
        if form.pasted.names:
            outcome = signatories.attach(release, form.pasted.names)
            super().message_user(request, self._paste_message(outcome, form.pasted))
        if change and "edit_kind" in form.fields and form.is_major_edit:
            publishing.record_major_edit(release, form.cleaned_data["change_note"])
            reversion.add_to_revision(release)  # with its new "last updated"

    def _stay_after_a_step(self, request):
        # A publishing step keeps the form open on its new state, as "Save and continue" does.
        if request.POST.get("step") and "_addanother" not in request.POST:
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"

    def response_add(self, request, obj, post_url_continue=None):
        self._stay_after_a_step(request)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._stay_after_a_step(request)
        return super().response_change(request, obj)

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
