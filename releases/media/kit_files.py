"""Checks on press-kit uploads: the file must be what its kind and name say, by its first bytes.

A press kit is downloaded by strangers, so nothing that a browser would run is accepted (HTML,
SVG, scripts, executables), every file is served as an attachment with the type its extension
names (never the type the uploader's browser sent), and each kind has a size limit.
"""

import os

from django.core.exceptions import ValidationError

from releases.media.images import validate_image

MB = 1024 * 1024
# extension -> (content type, kinds it may be uploaded as, check of its first bytes or None)
ZIP_MAGIC = (b"PK\x03\x04",)


def _ftyp(head):
    return head[4:8] == b"ftyp"


def _starts(*magics):
    return lambda head: any(head.startswith(m) for m in magics)


def _text(head):
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        if exc.start < len(head) - 4:
            return False
    return b"\x00" not in head


IMAGES = ("image", "logo")
FILE_TYPES = {
    ".jpg": ("image/jpeg", IMAGES, None),
    ".jpeg": ("image/jpeg", IMAGES, None),
    ".png": ("image/png", IMAGES, None),
    ".webp": ("image/webp", IMAGES, None),
    ".gif": ("image/gif", IMAGES, None),
    ".pdf": ("application/pdf", ("document", "logo", "other"), _starts(b"%PDF-")),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ("document", "other"),
        _starts(*ZIP_MAGIC),
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ("document", "other"),
        _starts(*ZIP_MAGIC),
    ),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ("document", "other"),
        _starts(*ZIP_MAGIC),
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", ("document", "other"), _starts(*ZIP_MAGIC)),
    ".txt": ("text/plain; charset=utf-8", ("document", "other"), _text),
    ".csv": ("text/csv; charset=utf-8", ("document", "other"), _text),
    ".mp3": ("audio/mpeg", ("audio",), _starts(b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2")),
    ".m4a": ("audio/mp4", ("audio",), _ftyp),
    ".wav": ("audio/wav", ("audio",), lambda head: head[:4] == b"RIFF" and head[8:12] == b"WAVE"),
    ".ogg": ("audio/ogg", ("audio",), _starts(b"OggS")),
    ".flac": ("audio/flac", ("audio",), _starts(b"fLaC")),
    ".mp4": ("video/mp4", ("video",), _ftyp),
    ".m4v": ("video/mp4", ("video",), _ftyp),
    ".mov": ("video/quicktime", ("video",), _ftyp),
    ".webm": ("video/webm", ("video",), _starts(b"\x1a\x45\xdf\xa3")),
    ".zip": ("application/zip", ("other",), _starts(*ZIP_MAGIC)),
}
MAX_BYTES = {"image": 10 * MB, "logo": 10 * MB, "document": 100 * MB, "audio": 300 * MB, "video": 500 * MB}
MAX_OTHER = 200 * MB


def content_type(name):
    """The type a stored file is served with, from its extension."""
    found = FILE_TYPES.get(os.path.splitext(name)[1].lower())
    return found[0] if found else "application/octet-stream"


def accepted(kind):
    return sorted(ext for ext, (_type, kinds, _check) in FILE_TYPES.items() if kind in kinds)


def check(upload, kind):
    """Refuse an upload that is not a file of this kind (ValidationError, for the form)."""
    name = os.path.basename(getattr(upload, "name", "") or "")
    extension = os.path.splitext(name)[1].lower()
    found = FILE_TYPES.get(extension)
    if found is None or kind not in found[1]:
        raise ValidationError(
            "A %(kind)s file must be one of: %(accepted)s.",
            params={"kind": kind, "accepted": ", ".join(accepted(kind))},
        )
    limit = MAX_BYTES.get(kind, MAX_OTHER)
    if upload.size > limit:
        raise ValidationError("The file is larger than %(mb)d MB.", params={"mb": limit // MB})
    if upload.size == 0:
        raise ValidationError("The file is empty.")
    if kind in IMAGES and found[2] is None:
        validate_image(upload)
        return
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    if not found[2](head):
        raise ValidationError(
            "This file is not the %(extension)s file its name says it is.", params={"extension": extension}
        )
