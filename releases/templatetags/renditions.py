"""Responsive images in templates, from the renditions made at upload.

    {% load renditions %}
    {% picture release.featured_image release.featured_image_alt %}

or, for markup of your own, `{% with sources=release.featured_image|renditions %}`
gives `sources.src`, `sources.srcset`, `sources.webp_srcset` and `sources.sizes`.
"""

from django import template
from django.utils.html import format_html

from releases.media import renditions as image_renditions

register = template.Library()


@register.filter
def renditions(fieldfile):
    return image_renditions.srcset(fieldfile)


@register.simple_tag
def picture(fieldfile, alt, sizes=None, loading="eager"):
    """A <picture> with WebP and JPEG/PNG sources at three widths; "" with no image."""
    sources = image_renditions.srcset(fieldfile)
    if not sources:
        return ""
    sizes = sizes or sources.sizes
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" alt="{}" loading="{}" decoding="async"></picture>',
        sources.webp_srcset,
        sizes,
        sources.src,
        sources.srcset,
        sizes,
        alt,
        loading,
    )
