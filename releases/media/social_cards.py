"""A link-preview image per release: its title and issuer on the site's colours
(the site settings' name and accent colour).

Drawn once and stored in media under a name derived from what it shows, so a
card is redrawn only when the title or issuer changes, never per request.
"""

import hashlib
import io
import logging
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont

from releases.reading import site as site_settings

logger = logging.getLogger(__name__)

SIZE = (1200, 630)
BACKGROUND = "#1d3557"  # --accent in site.css, unless the site settings choose another
TEXT = "#ffffff"
HIGHLIGHT = "#ffbf47"  # --focus
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
CARD_DESIGN = "1"  # change to redraw every card after a design change


def _font(name, size):
    try:
        return ImageFont.truetype(str(FONT_DIR / name), size)
    except OSError:
        try:
            return ImageFont.load_default(size)
        except (TypeError, ValueError, OSError):  # Pillow without FreeType: the small bitmap font
            return ImageFont.load_default()


def _wrap(draw, text, font, width, max_lines):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(" .,;:") + "…"
    return lines


def fingerprint(release):
    """Changes exactly when the card's picture would."""
    site = site_settings.current()
    key = "\n".join([CARD_DESIGN, release.title, release.issuer.name, site.name, site.accent_colour])
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def card_name(release):
    return f"cards/{release.pk}-{fingerprint(release)}.png"


def render(release):
    """The card as PNG bytes."""
    site = site_settings.current()
    image = Image.new("RGB", SIZE, site.accent_colour or BACKGROUND)
    draw = ImageDraw.Draw(image)
    margin = 80
    draw.rectangle([0, 0, SIZE[0], 12], fill=HIGHLIGHT)
    draw.text((margin, 60), site.name, font=_font("DejaVuSans-Bold.ttf", 34), fill=HIGHLIGHT)
    title_font = _font("DejaVuSans-Bold.ttf", 60)
    y = 150
    for line in _wrap(draw, release.title, title_font, SIZE[0] - 2 * margin, 5):
        draw.text((margin, y), line, font=title_font, fill=TEXT)
        y += 74
    issuer_font = _font("DejaVuSans.ttf", 36)
    issuer = _wrap(draw, release.issuer.name, issuer_font, SIZE[0] - 2 * margin, 1)[0]
    draw.text((margin, SIZE[1] - 90), issuer, font=issuer_font, fill=TEXT)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def get_or_create(release):
    """The stored card's name in default storage, drawing it the first time."""
    name = card_name(release)
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(render(release)))
    return name


def open_card(release):
    """The card as an open file: from storage, or, when storage fails (an object store that is
    away), drawn afresh in memory; `stored` is False then (the answer should not be kept long)."""
    try:
        return default_storage.open(get_or_create(release), "rb"), True
    except Exception:  # any storage failure (OSError, botocore's errors): the card is drawn anyway
        logger.warning("Social card of release %s drawn without storage (storage failed)", release.pk)
        return io.BytesIO(render(release)), False
