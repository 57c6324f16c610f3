"""A press kit as readers get it: each file's addresses (all through releases.views.press_kit,
which applies the visibility rule), its responsive renditions, its licence and credit as
printed beside the download, in the JSON-LD, and in the ZIP's CREDITS.txt.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from releases.media import renditions
from releases.models import Licence
from releases.reading.metadata import absolute_url

ORIGINAL, WEB = "original", "web"
WEB_ALIAS = "large"  # "Web size": the largest rendition, JPEG or PNG like the original
RENDITION_ALIASES = frozenset(renditions.FIELD_ALIASES["featured_image"])
VARIANTS = frozenset({ORIGINAL, WEB}) | RENDITION_ALIASES
# In a sidebar (up to 21rem) on wide screens; across the screen on phones.
SIZES = "(min-width: 60rem) 21rem, 100vw"
ANCHOR = "#press-kit"


def file_url(asset, variant=ORIGINAL):
    """A file's address: versioned by its last change, so a replaced file is never served stale."""
    path = reverse("releases:press_kit_file", kwargs={"pk": asset.pk, "variant": variant})
    return f"{path}?v={int(asset.modified_at.timestamp())}"


def zip_url(release):
    return reverse("releases:press_kit_zip", kwargs={"slug": release.slug})


def zip_name(release):
    return f"{release.slug}-press-kit.zip"


def format_name(asset):
    return asset.extension.lstrip(".").upper().replace("JPEG", "JPG") or "file"


def web_size(asset):
    """(width, height) of the web-size rendition, or None when the size is unknown."""
    if not asset.width or not asset.height:
        return None
    width = min(renditions.WIDTHS[WEB_ALIAS], asset.width)
    return width, max(1, round(asset.height * width / asset.width))


def dress(assets):
    """The files with what a template prints: `original_url`, and for images `sources`
    (a <picture>), `web_url` and `web_size`. Reads no file: the size is stored on the row."""
    dressed = []
    for asset in assets:
        asset.original_url = file_url(asset)
        asset.format_name = format_name(asset)
        if asset.is_image:
            size = (asset.width, asset.height) if asset.width and asset.height else None
            asset.sources = renditions.srcset(
                asset.file,
                url=lambda _fieldfile, alias, asset=asset: file_url(asset, alias),
                original=asset.original_url,
                size=size,
            )
            asset.web_url = file_url(asset, WEB)
            asset.web_size = web_size(asset)
        dressed.append(asset)
    return dressed


def copyright_notice(asset, owner):
    """ "© credit" (or the owner's name) unless the file is in the public domain (CC0)."""
    if asset.licence == Licence.CC0:
        return None
    return f"© {asset.credit or owner}"


def image_objects(assets, page_url, owner):
    """schema.org ImageObjects of the kit's images, with their licence metadata (the fields
    search engines read for "Licensable" images): license, acquireLicensePage, creditText,
    copyrightNotice."""
    found = []
    for asset in assets:
        if not asset.is_image:
            continue
        data = {
            "@type": "ImageObject",
            "contentUrl": absolute_url(file_url(asset)),
            "url": absolute_url(file_url(asset, WEB)),
            "caption": asset.caption,
            "license": asset.terms_url or page_url + ANCHOR,
            "acquireLicensePage": page_url + ANCHOR,
            "creditText": asset.credit or owner,
            "copyrightNotice": copyright_notice(asset, owner),
        }
        if asset.width and asset.height:
            data.update(width=asset.width, height=asset.height)
        found.append({key: value for key, value in data.items() if value is not None})
    return found


def zip_entry_names(assets):
    """{asset pk: its name in the ZIP}: numbered in kit order, from its download name."""
    names = {}
    for number, asset in enumerate(assets, start=1):
        stem, _, _ = asset.download_name.rpartition(".")
        safe = slugify(stem or asset.download_name)[:60] or "file"
        names[asset.pk] = f"{number:02d}-{safe}{asset.extension}"
    return names


def credits_text(release, assets, names, site_name=""):
    """CREDITS.txt: each file with its caption, credit, licence and terms, and the release's permalink."""
    permalink = absolute_url(release.get_absolute_url())
    lines = [
        f"Press kit: {release.title}",
        f"Issued by {release.issuer.name}" + (f" ({site_name})" if site_name else ""),
        f"Release: {permalink}",
        "",
        "Each file may be used under the licence named beside it, with its credit printed as given.",
        "",
    ]
    for asset in assets:
        lines.append(names[asset.pk])
        lines.append(f"  Caption: {asset.caption}")
        lines.append(f"  Credit: {asset.credit or release.issuer.name}")
        lines.append(f"  Licence: {asset.licence_long}")
        if asset.licence_terms:
            lines.append(f"  Terms: {asset.licence_terms}")
        lines.append(f"  Terms URL: {asset.terms_url or permalink + ANCHOR}")
        lines.append(f"  Original file name: {asset.download_name}")
        lines.append("")
    lines.append(f"Permalink: {permalink}")
    return "\r\n".join(lines) + "\r\n"


def entry_time(asset):
    """A ZIP entry's date and time: the file's last change, in the newsroom's zone."""
    return timezone.localtime(asset.modified_at).timetuple()[:6]
