"""File inputs that keep a file across a refused form."""

from django.contrib.admin.widgets import AdminFileWidget
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.forms import ImageField
from django.utils.html import format_html

from pending_uploads.models import MAX_BYTES, PendingUpload

TOKEN_SUFFIX = "-kept"
# An error with this code says the file is fine but could not be stored now (the store is away): keep it.
STORE_UNAVAILABLE = "store_unavailable"


class KeptFileInput(AdminFileWidget):
    """The admin's file input; a file kept from a refused form comes back from its token
    (unless another is chosen) and is shown as "kept"."""

    kept = None  # (file name, token) once keep_uploads() stored this field's file
    too_large = None  # the name of a file too large to keep

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        token = data.get(name + TOKEN_SUFFIX)
        if value is None and token and not data.get(self.clear_checkbox_name(name)):
            found = PendingUpload.objects.filter(token=token).first()
            if found is not None:
                self.kept = (found.name, token)
                return SimpleUploadedFile(found.name, bytes(found.data), found.content_type)
        return value

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        if self.kept:
            kind = "Image" if getattr(self, "is_image", False) else "File"
            return format_html(
                '{}<input type="hidden" name="{}" value="{}"><p class="kept-upload">{} kept: {}. '
                "It is saved with the form; choose another file to replace it.</p>",
                html,
                name + TOKEN_SUFFIX,
                self.kept[1],
                kind,
                self.kept[0],
            )
        if self.too_large:
            return format_html(
                '{}<p class="kept-upload">{} was too large to keep: choose it again.</p>', html, self.too_large
            )
        return html


def keep(form, name, upload):
    """Store `upload` (chosen in `form` for field `name`) and have the field show it as kept."""
    widget = form.fields[name].widget
    if widget.kept and widget.kept[0] == upload.name:
        return  # it came from a kept file already
    if upload.size > MAX_BYTES:
        widget.too_large = upload.name
        return
    upload.seek(0)
    PendingUpload.forget_old()
    stored = PendingUpload.objects.create(
        name=upload.name, content_type=getattr(upload, "content_type", "") or "", data=upload.read()
    )
    upload.seek(0)
    widget.kept = (upload.name, stored.token)


def keep_uploads(forms):
    """For each form of a refused submission, keep every file that was chosen and is valid itself."""
    for form in forms:
        cleaned = getattr(form, "cleaned_data", None) or {}
        for name, field in form.fields.items():
            if not isinstance(field.widget, KeptFileInput):
                continue
            field.widget.is_image = isinstance(field, ImageField)
            if name in form.errors:
                if any(error.code != STORE_UNAVAILABLE for error in form.errors.as_data()[name]):
                    continue
                value = field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
            else:
                value = cleaned.get(name)
            if isinstance(value, UploadedFile):
                keep(form, name, value)
