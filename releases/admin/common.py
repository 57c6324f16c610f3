"""What the admin's model forms share: safe image fields, https by default, stripped uploads."""

from django.db import models

from releases import renditions
from releases.forms import SafeImageField

IMAGE_FIELDS = {"featured_image", "logo"}


def save_uploaded_images(obj, form):
    """Strip metadata from newly uploaded images before they are stored."""
    changed = [name for name in IMAGE_FIELDS if name in form.changed_data and getattr(obj, name, None)]
    for name in changed:
        setattr(obj, name, renditions.strip_metadata(getattr(obj, name)))
    return changed


class FieldsMixin:
    formfield_overrides = {
        models.ImageField: {"form_class": SafeImageField},
        models.URLField: {"assume_scheme": "https"},
    }
