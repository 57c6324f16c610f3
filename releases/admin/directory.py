"""Organizations, people and topics: what the release form picks from (autocomplete and "+")."""

from django.contrib import admin

from releases.admin.common import FieldsMixin, SelectedIdsMixin, save_uploaded_images
from releases.forms import OrganizationAdminForm, TopicAdminForm
from releases.media import renditions
from releases.models import Organization, Person, Topic


@admin.register(Organization)
class OrganizationAdmin(SelectedIdsMixin, FieldsMixin, admin.ModelAdmin):
    form = OrganizationAdminForm
    list_display = ("name", "location", "website")
    search_fields = ("name", "location")
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "abbreviations", "slug", "website", "location", "logo", "about", "press_office")
    autocomplete_fields = ("press_office",)

    def save_model(self, request, obj, form, change):
        new_images = save_uploaded_images(obj, form)
        super().save_model(request, obj, form, change)
        for name in new_images:
            renditions.generate_safely(getattr(obj, name))


@admin.register(Person)
class PersonAdmin(SelectedIdsMixin, admin.ModelAdmin):
    list_display = ("name", "title", "organization")
    list_select_related = ("organization",)
    search_fields = ("name", "title", "organization__name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("organization",)
    fields = ("name", "slug", "title", "organization")


@admin.register(Topic)
class TopicAdmin(SelectedIdsMixin, admin.ModelAdmin):
    form = TopicAdminForm
    list_display = ("name", "slug")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
