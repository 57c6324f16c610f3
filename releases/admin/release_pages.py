"""The release admin's pages beside its form: withdrawing one release (a page of its own), the
embargo list, and a translation family's steps (translate, copy the shared parts, publish all)."""

import reversion
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from releases import (
    embargo,
    publishing,
    times,
    translations,
)
from releases.forms import WithdrawForm
from releases.models import Release, languages


class ReleasePagesMixin:
    """For the release ModelAdmin: its extra URLs and their views."""

    def get_urls(self):
        withdraw = path(
            "<path:object_id>/withdraw/",
            self.admin_site.admin_view(self.withdraw_view),
            name="releases_release_withdraw",
        )
        embargoes = path(
            "embargoes/", self.admin_site.admin_view(self.embargo_list_view), name="releases_release_embargoes"
        )
        family = path(
            "<path:object_id>/family/<slug:step>/",
            self.admin_site.admin_view(self.family_view),
            name="releases_release_family",
        )
        return [withdraw, embargoes, family, *super().get_urls()]

    def embargo_list_view(self, request):
        """What is under embargo now, until when, who it was shared with, and who opened it."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": "Under embargo",
            "opts": self.opts,
            "releases": embargo.under_embargo(),
            "zone": times.zone_label(),
        }
        return TemplateResponse(request, "admin/releases/release/embargo_list.html", context)

    def family_view(self, request, object_id, step):
        """A translation family's steps, each confirmed on a page of its own (POST):
        `translate-<code>` starts a translation (a draft), `copy-shared` brings the original's
        shared parts to a translation again, `publish-all` publishes every version readers have
        not seen yet, together (Editors)."""
        if not object_id.isdigit():
            raise PermissionDenied
        release = get_object_or_404(Release, pk=object_id)
        back = redirect(reverse("admin:releases_release_change", args=[release.pk]))
        original = translations.original_of(release)
        if step.startswith("translate-"):
            language = step.removeprefix("translate-")
            if not self.has_add_permission(request) or language not in languages.interface_codes():
                raise PermissionDenied
            title = f"Translate “{original.title}” into {languages.local_name(language)}"
            explanation = (
                "A draft is made with the original's text, quotes (same speakers) and shared parts "
                "(issuer, topics, signatories, contacts, press kit, image), to be translated. "
                "It is linked to the original as its translation."
            )
        elif step == "copy-shared":
            if not self.has_change_permission(request, release) or original.pk == release.pk:
                raise PermissionDenied
            title = f"Copy the shared parts of “{original.title}” to this translation"
            explanation = (
                "The issuer, topics, signatories, contacts, press kit and image of this translation are "
                "replaced by the original's. Its own text and quotes stay as they are."
            )
        elif step == "publish-all":
            if not self.has_publish_permission(request):
                raise PermissionDenied
            title = f"Publish every version of “{original.title}” now"
            explanation = "Every version readers have not seen yet goes live together, now."
        else:
            raise Http404("No such step")
        if request.method == "POST":
            try:
                with reversion.create_revision():
                    reversion.set_user(request.user)
                    if step.startswith("translate-"):
                        made = translations.create_translation(release, language)
                        reversion.set_comment(f"Translation of “{original.title}” started")
                        self.log_addition(request, made, f"Translation of “{original.title}”")
                        super().message_user(
                            request, f"“{made.title}”: a {languages.local_name(language)} draft, ready to translate."
                        )
                        return redirect(reverse("admin:releases_release_change", args=[made.pk]))
                    if step == "copy-shared":
                        translations.copy_shared_parts(release)
                        reversion.set_comment("Shared parts copied from the original")
                        super().message_user(request, "The original's shared parts were copied.")
                    else:
                        published = translations.publish_family_now(release)
                        reversion.set_comment("Published with its family")
                        names = ", ".join(languages.local_name(r.language) for r in published) or "nothing left"
                        super().message_user(request, f"Published now: {names}.")
            except (translations.TranslationRefused, publishing.NotAllowed) as refused:
                super().message_user(request, str(refused), messages.ERROR)
            return back
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "explanation": explanation,
            "opts": self.opts,
            "release": release,
        }
        return TemplateResponse(request, "admin/releases/release/family_confirmation.html", context)

    def withdraw_view(self, request, object_id):
        """Withdraw a published release, with the public reason asked on a page of its own."""
        if not self.has_publish_permission(request) or not object_id.isdigit():
            raise PermissionDenied
        release = get_object_or_404(Release, pk=object_id)
        form = WithdrawForm(request.POST or None)
        if release.state not in Release.WITHDRAWABLE:
            self.message_user(request, "Only a published release can be withdrawn.", messages.WARNING)
            return redirect(reverse("admin:releases_release_change", args=[release.pk]))
        if request.method == "POST" and form.is_valid():
            with reversion.create_revision():
                publishing.withdraw(release, form.cleaned_data["reason"])
                reversion.set_user(request.user)
                reversion.set_comment(f"Withdrawn: {form.cleaned_data['reason']}")
            self.log_change(request, release, f"Withdrawn: {form.cleaned_data['reason']}")
            super().message_user(request, f"“{release.title}”: withdrawn. Its page stays, with the reason.")
            return redirect(reverse("admin:releases_release_change", args=[release.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Withdraw “{release.title}”",
            "opts": self.opts,
            "form": form,
            "releases": [release],
            "single": True,
        }
        return TemplateResponse(request, self.withdraw_template, context)
