"""Press contacts and the site settings: the newsroom's identity, edited once, shown everywhere."""

from django.contrib import admin
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse

from releases.admin.common import FieldsMixin, SelectedIdsMixin, save_uploaded_images
from releases.directory_forms import ContactAdminForm, SiteSettingsAdminForm
from releases.media import renditions
from releases.models import Contact, SiteSettings

SHARED_CONTACT = (
    "A contact is shared: editing it here updates every release that names it, and every release that shows it "
    "as its issuer's or the site's press office, at once. To record someone new, add a new contact instead."
)


@admin.register(Contact)
class ContactAdmin(SelectedIdsMixin, admin.ModelAdmin):
    form = ContactAdminForm
    list_display = ("name", "role", "organization", "phone", "email", "release_count")
    list_select_related = ("organization",)
    search_fields = ("name", "role", "email", "phone", "organization__name")
    autocomplete_fields = ("organization",)
    fieldsets = [
        (None, {"fields": ("name", "role", "organization"), "description": SHARED_CONTACT}),
        ("How to reach them", {"fields": ("phone", "email", "languages", "hours", "details")}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(release_count=Count("release_links"))

    @admin.display(description="releases naming it", ordering="release_count")
    def release_count(self, obj):
        return obj.release_count

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            named = obj.release_links.count()
            context["subtitle"] = f"Named by {named} release{'s' if named != 1 else ''}. {SHARED_CONTACT}"
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(SiteSettings)
class SiteSettingsAdmin(FieldsMixin, admin.ModelAdmin):
    """One row: the list leads straight to its form."""

    form = SiteSettingsAdminForm
    autocomplete_fields = ("press_office",)
    fieldsets = [
        ("Identity", {"fields": ("name", "description", "logo", "accent_colour")}),
        ("Press office", {"fields": ("press_office", "social_profiles")}),
        (
            "Press kit",
            {
                "fields": ("default_licence", "default_licence_terms", "default_licence_url"),
                "description": "The licence offered first for new press-kit files.",
            },
        ),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if SiteSettings.objects.exists():
            return HttpResponseRedirect(reverse("admin:releases_sitesettings_change", args=[1]))
        return HttpResponseRedirect(reverse("admin:releases_sitesettings_add"))

    def get_changeform_initial_data(self, request):
        return {"name": SiteSettings.defaults().name, **super().get_changeform_initial_data(request)}

    def save_model(self, request, obj, form, change):
        new_images = save_uploaded_images(obj, form)
        super().save_model(request, obj, form, change)
        for name in new_images:
            renditions.generate_safely(getattr(obj, name))

    def response_post_save_add(self, request, obj):
        return HttpResponseRedirect(reverse("admin:releases_sitesettings_change", args=[1]))

    def response_post_save_change(self, request, obj):
        return HttpResponseRedirect(reverse("admin:releases_sitesettings_change", args=[1]))
