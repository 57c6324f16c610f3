"""Organizations, people and topics: what the release form picks from (autocomplete and "+")."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path

from releases.admin.common import FieldsMixin, SelectedIdsMixin, save_uploaded_images
from releases.admin.inlines import OrganizationAssetInline
from releases.directory_forms import OrganizationAdminForm, TopicAdminForm
from releases.media import renditions
from releases.models import Organization, Person, Topic


@admin.register(Organization)
class OrganizationAdmin(SelectedIdsMixin, FieldsMixin, admin.ModelAdmin):
    form = OrganizationAdminForm
    list_display = ("name", "location", "website")
    search_fields = ("name", "location")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "abbreviations", "slug", "website", "location")}),
        ("Identity", {"fields": ("logo", "about", "press_office")}),
    )
    autocomplete_fields = ("press_office",)
    inlines = (OrganizationAssetInline,)

    def save_model(self, request, obj, form, change):
        new_images = save_uploaded_images(obj, form)
        super().save_model(request, obj, form, change)
        for name in new_images:
            renditions.generate_safely(getattr(obj, name))


@admin.register(Person)
class PersonAdmin(SelectedIdsMixin, admin.ModelAdmin):
    """People; the release form reads a speaker's title and organization from `as_printed_view` to
    prefill a quote (static/js/release_form.js)."""

    list_display = ("name", "title", "organization")
    list_select_related = ("organization",)
    search_fields = ("name", "title", "organization__name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("organization",)
    fields = ("name", "slug", "title", "organization")

    def get_urls(self):
        as_printed = path(
            "<path:object_id>/as-printed/",
            self.admin_site.admin_view(self.as_printed_view),
            name="releases_person_as_printed",
        )
        return [as_printed, *super().get_urls()]

    def as_printed_view(self, request, object_id):
        """A person's current title and organization, as JSON: what a new quote of theirs starts from."""
        if not object_id.isdigit():
            raise Http404("No such person.")
        person = get_object_or_404(Person.objects.select_related("organization"), pk=object_id)
        if not self.has_view_permission(request, person):
            raise PermissionDenied
        org = person.organization
        return JsonResponse(
            {
                "name": person.name,
                "title": person.title,
                "organization": {"id": str(org.pk), "text": org.name} if org else None,
            }
        )


@admin.register(Topic)
class TopicAdmin(SelectedIdsMixin, admin.ModelAdmin):
    form = TopicAdminForm
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
