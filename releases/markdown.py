"""Markdown to safe HTML, done once per save (never per request)."""

import re

import nh3
from markdown_it import MarkdownIt

# The safe preset: no raw HTML passes through; links are validated.
_md = MarkdownIt("js-default", {"html": False, "linkify": False, "typographer": False})

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "s", "del", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}, "ol": {"start"}}

# A paragraph holding only "[[quote N]]" marks where quote N stands in the text.
QUOTE_MARKER = re.compile(r"<p>\[\[\s*quote\s+(\d{1,3})\s*\]\]</p>\n?", re.IGNORECASE)


def render(text):
    """Render Markdown with markdown-it-py's safe preset and sanitize with nh3."""
    html = _md.render(text or "")
    # Headings inside a release start at h2: the title is the page's only h1.
    html = re.sub(r"<(/?)h1>", r"<\1h2>", html)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener nofollow",
    )


def plain_text(html):
    """Text of an HTML fragment, whitespace collapsed."""
    text = nh3.clean(html or "", tags=set())
    import html as html_module

    return re.sub(r"\s+", " ", html_module.unescape(text)).strip()


def first_paragraph(html):
    match = re.search(r"<p>(.*?)</p>", html or "", re.DOTALL)
    return plain_text(match.group(1)) if match else plain_text(html)
