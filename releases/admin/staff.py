"""Staff accounts: adding a Writer or an Editor is one screen (name, email, password, role).

Django's own user admin asks for a user name and password first, then sends you to a
second page for everything else (staff status, groups). Here the role is part of the
first page, and the account is staff from the start.
"""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.models import Group, User

ROLES = [
    ("Writer", "Writer: drafts releases and submits them for review"),
    ("Editor", "Editor: also reviews, schedules, publishes and withdraws"),
]


class StaffCreationForm(AdminUserCreationForm):
    role = forms.ChoiceField(choices=ROLES, widget=forms.RadioSelect, initial="Writer")
    email = forms.EmailField(required=False, help_text="Editors are told here when a release waits for review.")
    first_name = forms.CharField(required=False, max_length=150)
    last_name = forms.CharField(required=False, max_length=150)

    class Meta(AdminUserCreationForm.Meta):
        fields = ("username", "first_name", "last_name", "email")

    def save(self, commit=True):
        user = super().save(commit=False)
        user.is_staff = True
        if commit:
            user.save()
            self.save_m2m()
        return user

    def _save_m2m(self):
        super()._save_m2m()
        self.instance.groups.set([Group.objects.get(name=self.cleaned_data["role"])])


admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    add_form = StaffCreationForm
    add_fieldsets = (
        (None, {"fields": ("first_name", "last_name", "username", "email", "role")}),
        ("Password", {"fields": ("usable_password", "password1", "password2")}),
    )
    list_display = ("username", "first_name", "last_name", "email", "roles", "is_active")
    list_filter = ("groups", "is_active", "is_staff")

    @admin.display(description="role")
    def roles(self, user):
        return ", ".join(group.name for group in user.groups.all()) or ("superuser" if user.is_superuser else "—")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def response_add(self, request, obj, post_url_continue=None):
        # Django's user admin always goes on to a second page; one screen is enough here.
        if "_continue" not in request.POST and "_addanother" not in request.POST:
            return self.response_post_save_add(request, obj)
        return super(UserAdmin, self).response_add(request, obj, post_url_continue)
