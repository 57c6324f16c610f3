"""Checks on uploaded images: real formats only, bounded size and pixels."""

import warnings

from django.core.exceptions import ValidationError
from PIL import Image

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # 40 megapixels: any real photo; far below a decompression bomb


def validate_image(upload):
    """Refuse anything that is not a JPEG, PNG, WebP or GIF of sane size.

    Pillow reads only the header to learn the size, so a decompression bomb
    is refused before a single pixel is decoded.
    """
    if upload is None:
        return
    if getattr(upload, "size", 0) > MAX_BYTES:
        raise ValidationError(
            f"The image is larger than {MAX_BYTES // (1024 * 1024)} MB. Please upload a smaller one."
        )
    try:
        upload.seek(0)
    except (AttributeError, ValueError, OSError):
        return  # an already-stored file, checked when it was uploaded
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                fmt = image.format
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ValidationError(
                        f"The image is {width}×{height} pixels; the limit is {MAX_PIXELS // 1_000_000} megapixels."
                    )
                image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError("The image is too large to process (it looks like a decompression bomb).") from exc
    except Exception as exc:
        raise ValidationError("This file is not an image we can read. Upload a JPEG, PNG, WebP or GIF.") from exc
    finally:
        try:
            upload.seek(0)
        except (AttributeError, ValueError, OSError):
            pass
    if fmt not in ALLOWED_FORMATS:
        raise ValidationError(f"{fmt} images are not accepted. Upload a JPEG, PNG, WebP or GIF.")
