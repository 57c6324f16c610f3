"""Uploaded images made safe and ready: metadata stripped, renditions made at upload.

`strip_metadata` re-encodes an upload with Pillow (orientation applied, EXIF,
GPS and comments gone). `generate` makes every rendition with easy-thumbnails
right after the upload is saved, so none is made while a visitor waits: three
widths as JPEG (PNG for a PNG), WebP and, where this Pillow can write it, AVIF.
`srcset` builds what a <picture> needs without touching the database:
rendition names are fixed by the source name and the alias; the original's
size is read from its header, to give the widths and height.
"""

import io
import logging
import os
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.files.images import get_image_dimensions
from easy_thumbnails.alias import aliases
from easy_thumbnails.files import get_thumbnailer
from PIL import Image, ImageOps, ImageSequence, features

from releases.media.images import validate_image

logger = logging.getLogger(__name__)

# Aliases from settings.THUMBNAIL_ALIASES, by the field they serve.
WIDTHS = {"small": 480, "medium": 960, "large": 1600}
AVIF = features.check("avif")  # Pillow built with libavif
MODERN = ("avif", "webp") if AVIF else ("webp",)  # offered before JPEG/PNG, smallest first
FIELD_ALIASES = {
    "featured_image": [*WIDTHS, *(f"{alias}_{kind}" for kind in MODERN for alias in WIDTHS)],
    "logo": ["logo"],
}
# The main column is at most 42rem wide; below that the image spans the screen.
SIZES = "(min-width: 45rem) 42rem, 100vw"
SAVE_OPTIONS = {
    "JPEG": {"quality": 88, "optimize": True, "progressive": True},
    "PNG": {"optimize": True},
    "WEBP": {"quality": 88, "method": 4},
    "GIF": {},
    # libavif's speed 8 encodes a 1600-pixel rendition in about 0.1 s (its default, 6, in 1 s).
    "AVIF": {"quality": 60, "speed": 8},
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


def _kind(alias):
    """ "avif", "webp", or None for the source's own kind (JPEG or PNG)."""
    suffix = alias.rpartition("_")[2]
    return suffix if suffix in ("avif", "webp") else None


def _thumbnailer(fieldfile, kind):
    """A thumbnailer whose output format depends only on the source and the alias,
    so a rendition's name can be known without looking for the file."""
    thumbnailer = get_thumbnailer(fieldfile)
    if kind:
        extension = kind
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


def _save_avif(fieldfile, alias):
    """An AVIF rendition, written under the name easy-thumbnails gives it (easy-thumbnails
    hands Pillow JPEG's options, which its AVIF writer refuses)."""
    thumbnailer = _thumbnailer(fieldfile, "avif")
    name = thumbnailer.get_thumbnail_name(_options(alias))
    width = aliases.get(alias)["size"][0]
    with fieldfile.open("rb") as source, Image.open(source) as image:
        image.load()
        image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
    image.thumbnail((width, image.height * width), Image.Resampling.LANCZOS)  # never upscaled
    out = io.BytesIO()
    image.save(out, "AVIF", **SAVE_OPTIONS["AVIF"])
    storage = thumbnailer.thumbnail_storage
    storage.delete(name)
    return storage.save(name, ContentFile(out.getvalue()))


def _aliases(fieldfile):
    """The aliases of a field: by its name, or as the field says (`renditions_of`, a press-kit file)."""
    field = fieldfile.field
    return FIELD_ALIASES.get(getattr(field, "renditions_of", field.name), [])


def generate(fieldfile):
    """Make every rendition of an image field's file now. Returns the names made."""
    if not fieldfile:
        return []
    made = []
    for alias in _aliases(fieldfile):
        if _kind(alias) == "avif":
            made.append(_save_avif(fieldfile, alias))
            continue
        thumbnail = _thumbnailer(fieldfile, _kind(alias)).get_thumbnail(_options(alias), generate=True)
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


def ensure(fieldfile):
    """Make the renditions of an image that has none (one saved outside the admin, e.g. by
    an import); a cheap check otherwise. Returns whether they are there."""
    if not fieldfile:
        return False
    first = next(iter(_aliases(fieldfile)), None)
    if first is None:
        return False
    thumbnailer = _thumbnailer(fieldfile, _kind(first))
    if thumbnailer.thumbnail_storage.exists(thumbnailer.get_thumbnail_name(_options(first))):
        return True
    logger.info("Making the missing renditions of %s", fieldfile.name)
    return bool(generate_safely(fieldfile))


def rendition_name(fieldfile, alias):
    """The stored name of a rendition (in the field's thumbnail storage), made or not."""
    return _thumbnailer(fieldfile, _kind(alias)).get_thumbnail_name(_options(alias))


def open_rendition(fieldfile, alias):
    """A made rendition, opened for reading from its storage (FileNotFoundError when it is not there)."""
    thumbnailer = _thumbnailer(fieldfile, _kind(alias))
    return thumbnailer.thumbnail_storage.open(thumbnailer.get_thumbnail_name(_options(alias)), "rb")


def rendition_url(fieldfile, alias):
    thumbnailer = _thumbnailer(fieldfile, _kind(alias))
    name = thumbnailer.get_thumbnail_name(_options(alias))
    return thumbnailer.thumbnail_storage.url(name)


def dimensions(fieldfile):
    """(width, height) of the stored image from its header, or None if it cannot be read."""
    try:
        with fieldfile.open("rb") as file:
            width, height = get_image_dimensions(file, close=False)
    except (OSError, ValueError, TypeError):
        return None
    return (width, height) if width and height else None


@dataclass(frozen=True)
class Sources:
    """What a <picture> needs: `avif_srcset` and `webp_srcset` for its <source>s ("" when
    not made), `srcset` and `src` (the medium rendition) for the <img>, with `width` and
    `height` (the medium rendition's, None when the original cannot be read), `sizes`,
    and `original`: the uploaded file, for a download link only."""

    src: str
    srcset: str
    webp_srcset: str
    avif_srcset: str = ""
    width: int | None = None
    height: int | None = None
    sizes: str = SIZES
    original: str = ""

    def __bool__(self):
        return bool(self.src)


def _widths(size):
    """{alias: width made}: renditions are never upscaled, and two of the same width are one."""
    if size is None:
        return dict(WIDTHS)
    made, seen = {}, set()
    for alias, width in WIDTHS.items():
        actual = min(width, size[0])
        if actual not in seen:
            made[alias] = actual
            seen.add(actual)
    return made


def srcset(fieldfile, url=rendition_url, original=None, size=None):
    """Rendition URLs of a release's featured image, or a false value with no image.
    `url(fieldfile, alias)` gives a rendition's address (a press-kit file's are served by a
    view, not by its storage), `original` the original's, `size` the original's (width, height)
    when it is known without reading the file."""
    if not fieldfile:
        return Sources("", "", "")
    size = size or dimensions(fieldfile)
    widths = _widths(size)

    def candidates(suffix):
        return ", ".join(f"{url(fieldfile, alias + suffix)} {width}w" for alias, width in widths.items())

    width = height = None
    if size:
        width = min(WIDTHS["medium"], size[0])
        height = max(1, round(size[1] * width / size[0]))
    return Sources(
        src=url(fieldfile, "medium"),
        srcset=candidates(""),
        webp_srcset=candidates("_webp"),
        avif_srcset=candidates("_avif") if AVIF else "",
        width=width,
        height=height,
        original=fieldfile.url if original is None else original,
    )


def logo_url(fieldfile):
    """The logo rendition's URL, or "" with no logo."""
    return rendition_url(fieldfile, "logo") if fieldfile else ""
