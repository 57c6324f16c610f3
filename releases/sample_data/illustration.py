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


def press_photo_jpeg(width=2400, height=1600):
    """A press conference drawn here (a podium, microphones, a banner): the sample's press photo."""
    image = Image.new("RGB", (width, height), (214, 206, 190))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, height * 0.72, width, height], fill=(120, 96, 72))  # the floor
    draw.rectangle([width * 0.12, height * 0.08, width * 0.88, height * 0.3], fill=(29, 53, 87))  # the banner
    for i in range(5):  # people behind the podium
        x = width * (0.22 + i * 0.14)
        draw.ellipse([x - 70, height * 0.36, x + 70, height * 0.36 + 140], fill=(150 + i * 12, 110 + i * 8, 90))
        draw.rectangle([x - 110, height * 0.36 + 150, x + 110, height * 0.78], fill=(60 + i * 20, 70, 110 - i * 10))
    draw.rectangle([width * 0.4, height * 0.55, width * 0.6, height * 0.95], fill=(90, 62, 40))  # the podium
    for i in range(3):  # microphones
        x = width * (0.46 + i * 0.04)
        draw.line([(x, height * 0.55), (x + 10, height * 0.47)], fill=(30, 30, 30), width=8)
        draw.ellipse([x - 6, height * 0.45, x + 26, height * 0.48], fill=(20, 20, 20))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def logo_png(initials, colour=(29, 53, 87), size=800):
    """A round logo with initials, on a transparent background, drawn here."""
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse([20, 20, size - 20, size - 20], fill=(*colour, 255))
    draw.ellipse([90, 90, size - 90, size - 90], outline=(255, 255, 255, 255), width=24)
    box = draw.textbbox((0, 0), initials, font_size=size // 4)
    draw.text(
        ((size - (box[2] - box[0])) / 2, (size - (box[3] - box[1])) / 2 - box[1]),
        initials,
        fill=(255, 255, 255, 255),
        font_size=size // 4,
    )
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()
