"""Responsive images in templates, from the renditions made at upload.

    {% load renditions %}
    {% picture release.featured_image release.featured_image_alt %}

or, for markup of your own, `{% with sources=release.featured_image|renditions %}`
gives `sources.src`, `sources.srcset`, `sources.avif_srcset`, `sources.webp_srcset`,
`sources.sizes`, `sources.width`, `sources.height` and `sources.original`.
"""

from django import template
from django.utils.html import format_html, format_html_join

from releases.media import renditions as image_renditions

register = template.Library()


@register.filter
def renditions(fieldfile):
    return image_renditions.srcset(fieldfile)


@register.filter
def logo_url(fieldfile):
    """An organization logo's rendition (made at upload; now, if it is missing), never the original."""
    image_renditions.ensure(fieldfile)
    return image_renditions.logo_url(fieldfile)


@register.simple_tag
def picture(fieldfile, alt, sizes=None, loading="eager"):
    """A <picture> of an image field's file (or of its `Sources`, as releases.reading.press_kit
    makes for a press-kit file): AVIF (where made) and WebP sources, then JPEG/PNG, each at up
    to three widths, with the medium rendition's width and height; "" with no image."""
    if isinstance(fieldfile, image_renditions.Sources):
        sources = fieldfile
    else:
        sources = image_renditions.srcset(fieldfile)
    if not sources:
        return ""
    sizes = sizes or sources.sizes
    modern = [("image/avif", sources.avif_srcset), ("image/webp", sources.webp_srcset)]
    size = format_html(' width="{}" height="{}"', sources.width, sources.height) if sources.width else ""
    return format_html(
        '<picture>{}<img src="{}" srcset="{}" sizes="{}"{} alt="{}" loading="{}" decoding="async"></picture>',
        format_html_join("", '<source type="{}" srcset="{}" sizes="{}">', [(t, s, sizes) for t, s in modern if s]),
        sources.src,
        sources.srcset,
        sizes,
        size,
        alt,
        loading,
    )
