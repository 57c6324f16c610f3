"""Helpers for driving the admin with Django's test client as staff would."""

import itertools

from django.contrib.auth.models import Group, User
from django.db.models.fields.files import FieldFile
from django.forms import MultiWidget
from django.urls import reverse

_seq = itertools.count(1)
INLINE_PREFIXES = ("release_contacts", "quotes", "signatories", "resources", "assets", "change_notes", "preview_links")


def staff(group):
    """A staff user in the "Writer" or "Editor" group (made by migration 0002)."""
    user = User.objects.create_user(f"{group.lower()}{next(_seq)}", password="not-used", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def login(client, group):
    user = staff(group)
    client.force_login(user)
    return user


def add_release(client, data):
    return client.post(reverse("admin:releases_release_add"), data)


def add_url():
    return reverse("admin:releases_release_add")


def change_url(release):
    return reverse("admin:releases_release_change", args=[release.pk])


def changelist_url():
    return reverse("admin:releases_release_changelist")


def _field_data(bound_field):
    widget, value = bound_field.field.widget, bound_field.value()
    name = bound_field.html_name
    if bound_field.field.disabled:
        return {}
    if isinstance(widget, MultiWidget):
        parts = widget.decompress(value)
        return {f"{name}_{i}": "" if part is None else str(part) for i, part in enumerate(parts)}
    if value is None:
        return {name: ""}
    if isinstance(value, bool):
        return {name: "on"} if value else {}
    if isinstance(value, (list, tuple)):
        return {name: [str(v) for v in value]}
    if isinstance(value, FieldFile):
        return {}  # a stored file (or none): leave it as it is
    return {name: str(value)}


def form_data(response):
    """The POST data the admin change form in `response` would send unchanged."""
    data = {}
    form = response.context["adminform"].form
    for bound_field in form:
        data.update(_field_data(bound_field))
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = str(value)
        for form in formset.forms:
            for bound_field in form:
                data.update(_field_data(bound_field))
    return data


def set_inline_rows(data, prefix, rows, start=None):
    """Append new rows to an inline in POST `data`; rows are dicts of field values."""
    total = int(data.get(f"{prefix}-TOTAL_FORMS", 0)) if start is None else start
    for offset, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{total + offset}-{key}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(total + len(rows))
    data.setdefault(f"{prefix}-INITIAL_FORMS", "0")
    data.setdefault(f"{prefix}-MIN_NUM_FORMS", "0")
    data.setdefault(f"{prefix}-MAX_NUM_FORMS", "1000")
    return data


def organization_data(**fields):
    """POST data for the organization form: its fields and its (empty) press-kit inline."""
    data = {"name": "", "slug": "", "website": "", "location": "", "about": ""}
    data.update(fields)
    return set_inline_rows(data, "assets", [], start=0)


def new_release_data(issuer, **fields):
    """POST data for the add form: a minimal valid draft."""
    title = fields.pop("title", f"A release made in the admin {next(_seq)}")
    data = {
        "title": title,
        "slug": fields.pop("slug", f"admin-release-{next(_seq)}"),
        "subtitle": "",
        "dateline": "Washington, DC",
        "body": "The opening paragraph.\n\nA second paragraph.",
        "summary": "",
        "issuer": str(issuer.pk),
        "paste_signatories": "",
        "unnamed_signatory_count": "0",
        "publish_at_0": "",
        "publish_at_1": "",
        "first_published_at_0": "",
        "first_published_at_1": "",
        "withdrawal_reason": "",
        "featured_image_alt": "",
        "featured_image_credit": "",
        "source_url": "",
        "archive_note": "",
    }
    for prefix in INLINE_PREFIXES:
        set_inline_rows(data, prefix, [], start=0)
    data.update(fields)
    return data


def errors_of(response):
    """Field errors of the release form and its inlines, for readable assertion failures."""
    if response.context is None or "adminform" not in response.context:
        return {}
    found = dict(response.context["adminform"].form.errors)
    for inline in response.context["inline_admin_formsets"]:
        for index, errors in enumerate(inline.formset.errors):
            for name, messages in errors.items():
                found[f"{inline.formset.prefix}-{index}-{name}"] = messages
        if inline.formset.non_form_errors():
            found[f"{inline.formset.prefix}-non-form"] = inline.formset.non_form_errors()
    return found


def paste_digest_of(response):
    """The digest of the reviewed paste in a release form refused for its paste review, or None."""
    if response.status_code != 200 or response.context is None or "adminform" not in response.context:
        return None
    review = response.context["adminform"].form.fields["paste_signatories"].widget.review
    return review[2] if review else None


def post_confirming_paste(client, url, data, **kwargs):
    """POST the release form; when it stops to show the paste's review, confirm it and POST again."""
    response = client.post(url, data, **kwargs)
    digest = paste_digest_of(response)
    if digest is None:
        return response
    return client.post(url, {**data, "paste_signatories_reviewed": digest}, **kwargs)
