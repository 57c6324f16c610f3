"""The demo's one featured image, drawn with Pillow (the demo ships no image files), so
that every check of a release page (axe, the HTML checker, Lighthouse) meets a picture."""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from releases import publishing
from releases.media import renditions


def illustration_png(width=1600, height=900):
    """A river between hills under a pale sky, drawn here: the demo ships no image files."""
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):  # the sky, paler towards the horizon
        shade = int(40 * y / height)
        draw.line([(0, y), (width, y)], fill=(170 + shade, 205 + shade // 2, 230))
    draw.ellipse([width * 0.7, height * 0.12, width * 0.8, height * 0.12 + width * 0.1], fill=(250, 236, 180))
    draw.polygon([(0, height * 0.55), (width * 0.35, height * 0.38), (width * 0.7, height * 0.52),
                  (width, height * 0.42), (width, height), (0, height)], fill=(96, 140, 88))  # fmt: skip
    draw.polygon([(width * 0.42, height * 0.5), (width * 0.5, height * 0.5), (width * 0.78, height),
                  (width * 0.18, height)], fill=(70, 120, 170))  # fmt: skip
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def illustrate(release, alt):
    """Give a demo release a featured image (and its renditions, as an upload in the admin gets)."""
    release.featured_image.save(f"{release.slug}.png", ContentFile(illustration_png()), save=False)
    release.featured_image_alt = alt
    release.featured_image_credit = "Illustration drawn for the demo content"
    publishing.save_release(release)
    renditions.generate_safely(release.featured_image)
