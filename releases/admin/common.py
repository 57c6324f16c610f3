"""What the admin's model forms share: safe image fields, https by default, stripped uploads;
and what the lists share: selected ids that are numbers."""

import logging
import re

from django.contrib.admin import helpers
from django.core.exceptions import BadRequest, ValidationError
from django.db import models

from pending_uploads.widgets import STORE_UNAVAILABLE, KeptFileInput, keep_uploads
from releases.forms import SafeImageField
from releases.media import renditions

IMAGE_FIELDS = {"featured_image", "logo"}
logger = logging.getLogger(__name__)


class StoreAnswers:
    """A form validator for a new upload: the storage it goes to must answer now (an object store
    away is a form error with the file kept by pending_uploads, not a 500 from inside the save)."""

    message = "The file could not be stored: the media store is not answering. It is kept; save again in a moment."

    def __init__(self, storage):
        self.storage = storage

    def __call__(self, upload):
        if not hasattr(upload, "read"):
            return
        try:
            self.storage.exists(".pressroom-store-check")
        except Exception:
            logger.warning("media store not answering for an upload", exc_info=True)
            raise ValidationError(self.message, code=STORE_UNAVAILABLE) from None


def save_uploaded_images(obj, form):
    """Strip metadata from newly uploaded images before they are stored."""
    changed = [name for name in IMAGE_FIELDS if name in form.changed_data and getattr(obj, name, None)]
    for name in changed:
        setattr(obj, name, renditions.strip_metadata(getattr(obj, name)))
    return changed


class FieldsMixin:
    """Safe image fields, https by default, and uploads kept across a refused form (pending_uploads)."""

    formfield_overrides = {
        models.ImageField: {"form_class": SafeImageField, "widget": KeptFileInput},
        models.FileField: {"widget": KeptFileInput},
        models.URLField: {"assume_scheme": "https"},
    }

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, models.FileField) and formfield is not None:
            formfield.validators.append(StoreAnswers(db_field.storage))
        return formfield

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if request.method == "POST" and context.get("adminform") is not None:
            forms = [context["adminform"].form]
            for inline in context.get("inline_admin_formsets", []):
                forms += list(inline.formset.forms)
            keep_uploads(forms)
        return super().render_change_form(request, context, add, change, form_url, obj)


ROW_ID = re.compile(r"[0-9]+")


class SelectedIdsMixin:
    """A list action's selected ids are row numbers. Anything else is a hand-made POST:
    a 400, where the pk lookup would otherwise fail with a 500."""

    def response_action(self, request, queryset):
        if not all(ROW_ID.fullmatch(pk) for pk in request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)):
            raise BadRequest("Selected ids must be numbers.")
        return super().response_action(request, queryset)
