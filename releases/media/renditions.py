"""Uploaded images made safe and ready: metadata stripped, renditions made at upload.

`strip_metadata` re-encodes an upload with Pillow (orientation applied, EXIF,
GPS and comments gone). `generate` makes every rendition with easy-thumbnails
right after the upload is saved, so none is made while a visitor waits.
`srcset` builds the URLs for templates without touching storage or the
database: rendition names are fixed by the source name and the alias.
"""

import io
import logging
import os
from dataclasses import dataclass

from django.core.files.base import ContentFile
from easy_thumbnails.alias import aliases
from easy_thumbnails.files import get_thumbnailer
from PIL import Image, ImageOps, ImageSequence

from releases.media.images import validate_image

logger = logging.getLogger(__name__)

# Aliases from settings.THUMBNAIL_ALIASES, by the field they serve.
WIDTHS = {"small": 480, "medium": 960, "large": 1600}
FIELD_ALIASES = {
    "featured_image": ["small", "medium", "large", "small_webp", "medium_webp", "large_webp"],
    "logo": ["logo"],
}
SAVE_OPTIONS = {
    "JPEG": {"quality": 88, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 88, "method": 4},
    "GIF": {},
}


# Frame timing and transparency are pixels' business; everything else in `info` is metadata.
ANIMATION_INFO = {"duration", "transparency", "background", "loop", "disposal"}


def _pixels_only(image, keep=frozenset({"transparency"})):
    # Pillow writes comments, XMP and EXIF found in `info` back out; drop them.
    image.info = {key: value for key, value in image.info.items() if key in keep}
    return image


def strip_metadata(upload):
    """A copy of an uploaded image with its pixels only: EXIF (camera, GPS), XMP
    and comments dropped, the EXIF orientation applied to the pixels.

    Call it on an upload that has passed `validate_image`. The colour profile
    is kept, since it changes how the picture looks.
    """
    validate_image(upload)
    upload.seek(0)
    with Image.open(upload) as image:
        fmt = image.format
        icc_profile = image.info.get("icc_profile")
        options = dict(SAVE_OPTIONS.get(fmt, {}))
        if icc_profile:
            options["icc_profile"] = icc_profile
        out = io.BytesIO()
        if getattr(image, "n_frames", 1) > 1:
            frames = [_pixels_only(frame.copy(), keep=ANIMATION_INFO) for frame in ImageSequence.Iterator(image)]
            options.update(save_all=True, append_images=frames[1:], loop=image.info.get("loop", 0))
            if "duration" in image.info:
                options["duration"] = image.info["duration"]
            frames[0].save(out, fmt, **options)
        else:
            image = _pixels_only(ImageOps.exif_transpose(image))
            if fmt == "JPEG" and image.mode not in ("RGB", "L", "CMYK"):
                image = image.convert("RGB")
            image.save(out, fmt, **options)
    upload.seek(0)
    return ContentFile(out.getvalue(), name=os.path.basename(upload.name))


def _thumbnailer(fieldfile, webp):
    """A thumbnailer whose output format depends only on the source and the alias,
    so a rendition's name can be known without looking for the file."""
    thumbnailer = get_thumbnailer(fieldfile)
    if webp:
        extension = "webp"
    else:
        source_extension = os.path.splitext(fieldfile.name)[1].lower()
        extension = "jpg" if source_extension in (".jpg", ".jpeg") else "png"
    thumbnailer.thumbnail_extension = extension
    thumbnailer.thumbnail_transparency_extension = extension
    thumbnailer.thumbnail_preserve_extensions = False
    return thumbnailer


def _options(alias):
    options = dict(aliases.get(alias))
    options["ALIAS"] = alias
    return options


def generate(fieldfile):
    """Make every rendition of an image field's file now. Returns the names made."""
    if not fieldfile:
        return []
    made = []
    for alias in FIELD_ALIASES.get(fieldfile.field.name, []):
        thumbnail = _thumbnailer(fieldfile, alias.endswith("_webp")).get_thumbnail(_options(alias), generate=True)
        made.append(thumbnail.name)
    return made


def generate_safely(fieldfile):
    """`generate`, but a failure is logged rather than raised: the upload is
    already saved, and its renditions can be made again later."""
    try:
        return generate(fieldfile)
    except Exception:
        logger.exception("Could not make renditions of %s", fieldfile.name)
        return []


def rendition_url(fieldfile, alias):
    thumbnailer = _thumbnailer(fieldfile, alias.endswith("_webp"))
    name = thumbnailer.get_thumbnail_name(_options(alias))
    return thumbnailer.thumbnail_storage.url(name)


@dataclass(frozen=True)
class Sources:
    """What a <picture> needs: `webp_srcset` for a <source type="image/webp">,
    `srcset` and `src` (the medium rendition) for the <img>."""

    src: str
    srcset: str
    webp_srcset: str
    sizes: str = "(min-width: 60em) 48em, 100vw"

    def __bool__(self):
        return bool(self.src)


def srcset(fieldfile):
    """Rendition URLs of a release's featured image, or a false value with no image."""
    if not fieldfile:
        return Sources("", "", "")
    jpeg = ", ".join(f"{rendition_url(fieldfile, alias)} {width}w" for alias, width in WIDTHS.items())
    webp = ", ".join(f"{rendition_url(fieldfile, alias + '_webp')} {width}w" for alias, width in WIDTHS.items())
    return Sources(src=rendition_url(fieldfile, "medium"), srcset=jpeg, webp_srcset=webp)


def logo_url(fieldfile):
    """The logo rendition's URL, or "" with no logo."""
    return rendition_url(fieldfile, "logo") if fieldfile else ""
