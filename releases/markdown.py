"""Markdown to safe HTML, done once per save (never per request)."""

import re

import nh3
from django.conf import settings
from markdown_it import MarkdownIt

# The safe preset: no raw HTML passes through; links are validated.
_md = MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "s", "del", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "img",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}, "img": {"src", "alt", "title"},
}  # fmt: skip
# An image whose address is not the archive's own media (which imports copy images into) is left out:
# the page's Content-Security-Policy would refuse it, and the archive must not depend on another site.
_IMAGE_WITHOUT_SOURCE = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
_EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>\n?")

# A paragraph holding only "[[quote N]]" marks where quote N stands in the text.
QUOTE_MARKER = re.compile(r"<p>\[\[\s*quote\s+(\d{1,3})\s*\]\]</p>\n?", re.IGNORECASE)


def render(text):
    """Render Markdown with markdown-it-py's safe preset and sanitize with nh3."""
    html = _md.render(text or "")
    # Headings inside a release start at h2: the title is the page's only h1.
    html = re.sub(r"<(/?)h1>", r"<\1h2>", html)
    html = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_own_images_only,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener nofollow",
    )
    if "<img" in html:
        html = _EMPTY_PARAGRAPH.sub("", _IMAGE_WITHOUT_SOURCE.sub("", html))
    return html


def _own_images_only(element, attribute, value):
    if element == "img" and attribute == "src":
        return value if value.startswith(settings.MEDIA_URL) and ".." not in value else None
    return value


def plain_text(html):
    """Text of an HTML fragment, whitespace collapsed."""
    text = nh3.clean(html or "", tags=set())
    import html as html_module

    return re.sub(r"\s+", " ", html_module.unescape(text)).strip()


def first_paragraph(html):
    """The text of the first paragraph that has any (one holding only an image has none)."""
    for match in re.finditer(r"<p>(.*?)</p>", html or "", re.DOTALL):
        text = plain_text(match.group(1))
        if text:
            return text
    return plain_text(html)
