"""The release list's publishing actions: publish now, back to draft, withdraw (with a reason)."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone

from releases import publishing
from releases.forms import WithdrawForm
from releases.models import Release


class PublishingActionsMixin:
    """For a ModelAdmin with `has_publish_permission(request)` and `withdraw_template`."""

    actions = ("publish_selected", "unpublish_selected", "withdraw_selected")

    def _require_publisher(self, request):
        if not self.has_publish_permission(request):
            raise PermissionDenied

    def _report(self, request, verb, done, skipped, why):
        if done:
            self.message_user(request, f"{verb} {len(done)}: " + "; ".join(r.title for r in done) + ".")
        if skipped:
            self.message_user(
                request,
                f"Left {len(skipped)} unchanged ({why}): " + "; ".join(r.title for r in skipped) + ".",
                messages.WARNING,
            )

    @admin.action(permissions=["publish"], description="Publish selected releases now")
    def publish_selected(self, request, queryset):
        self._require_publisher(request)
        done, skipped = [], []
        for release in queryset:
            if release.state in Release.READER_VISIBLE:
                skipped.append(release)
                continue
            publishing.publish(release, at=timezone.now())
            self.log_change(request, release, "Published.")
            done.append(release)
        self._report(request, "Published", done, skipped, "already public, or withdrawn: open one to republish it")

    @admin.action(permissions=["publish"], description="Unpublish selected releases (back to draft)")
    def unpublish_selected(self, request, queryset):
        self._require_publisher(request)
        done, skipped = [], []
        for release in queryset:
            if release.state not in Release.BACK_TO_DRAFT:
                skipped.append(release)
                continue
            publishing.unpublish(release)
            self.log_change(request, release, "Unpublished (back to draft).")
            done.append(release)
        self._report(
            request,
            "Back to draft",
            done,
            skipped,
            "only releases in review or scheduled go back to draft; withdraw one readers have seen",
        )

    @admin.action(permissions=["publish"], description="Withdraw selected releases…")
    def withdraw_selected(self, request, queryset):
        """Asks for the public reason on a page of its own, then withdraws."""
        self._require_publisher(request)
        form = WithdrawForm(request.POST if "apply" in request.POST else None)
        if form.is_valid():
            done, skipped = [], []
            for release in queryset:
                if release.state not in Release.WITHDRAWABLE:
                    skipped.append(release)
                    continue
                publishing.withdraw(release, form.cleaned_data["reason"])
                self.log_change(request, release, f"Withdrawn: {form.cleaned_data['reason']}")
                done.append(release)
            self._report(
                request,
                "Withdrawn",
                done,
                skipped,
                "readers have not seen them, or they are withdrawn already; send an unseen one back to draft",
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Withdraw releases",
            "opts": self.opts,
            "form": form,
            "releases": queryset,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, self.withdraw_template, context)
