"""A WordPress post's HTML turned into a release body (Markdown).

WordPress stores two kinds of content. Block-editor posts carry their markup
in full, between <!-- wp:… --> comments. Classic posts are stored as typed,
without <p>: WordPress adds paragraphs when it shows them (`wpautop`), and
expands shortcodes such as [caption]. So classic content gets the same
treatment here before it is converted.

Then the HTML is sanitized with nh3 (an allowlist: scripts, styles, frames
and forms go with their content; comments, classes and event handlers go)
and converted to Markdown by markdownify, keeping headings, paragraphs, lists,
links, block quotes, code and images. The Markdown is rendered again by
releases.markdown with raw HTML off, so nothing from the old site reaches a
page but text, links and the images the importer vouches for.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import nh3
from bs4 import BeautifulSoup
from markdownify import BACKSLASH, MarkdownConverter

# --- wpautop: classic content gets its paragraphs as WordPress shows them ---------------------

ALL_BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|"
    r"blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|"
    r"figure|figcaption|details|menu|summary)"
)
_PRE = re.compile(r"<pre\b.*?</pre>", re.IGNORECASE | re.DOTALL)
_DOUBLE_BR = re.compile(r"<br\s*/?>\s*<br\s*/?>", re.IGNORECASE)
_BLOCK_OPEN = re.compile(r"(<" + ALL_BLOCKS + r"[\s/>])", re.IGNORECASE)
_BLOCK_CLOSE = re.compile(r"(</" + ALL_BLOCKS + r">)", re.IGNORECASE)
_HR = re.compile(r"(<hr\s*?/?>)", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_BLOCK_TAG = r"(</?" + ALL_BLOCKS + r"[^>]*>)"


def wpautop(text):
    """Port of WordPress's wpautop(): blank lines make paragraphs, single newlines <br>.
    <pre> blocks are left as written."""
    if not text.strip():
        return ""
    pre_blocks = []

    def hold_pre(match):
        pre_blocks.append(match.group(0))
        return f"<pre wp-pre-tag-{len(pre_blocks) - 1}></pre>"

    text = _PRE.sub(hold_pre, text + "\n")
    text = _DOUBLE_BR.sub("\n\n", text)
    text = _BLOCK_OPEN.sub(r"\n\n\1", text)
    text = _BLOCK_CLOSE.sub(r"\1\n\n", text)
    text = _HR.sub(r"\1\n\n", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TAG.sub(lambda m: m.group(0).replace("\n", " "), text)  # newlines inside tags are spaces
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    text = "".join(f"<p>{p.strip(chr(10))}</p>\n" for p in paragraphs)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(r"<p>\s*" + _BLOCK_TAG + r"\s*</p>", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.IGNORECASE)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(r"<p>\s*" + _BLOCK_TAG, r"\1", text, flags=re.IGNORECASE)
    text = re.sub(_BLOCK_TAG + r"\s*</p>", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(r"<br\s*/?>", "<br />", text, flags=re.IGNORECASE)
    text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
    text = re.sub(_BLOCK_TAG + r"\s*<br />", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(r"\n</p>$", "</p>", text)
    for index, block in enumerate(pre_blocks):
        text = text.replace(f"<pre wp-pre-tag-{index}></pre>", block)
    return text


# --- shortcodes of classic content ------------------------------------------------------------

_CAPTION = re.compile(r"\[(caption|wp_caption)([^\]]*)\](.*?)\[/\1\]", re.IGNORECASE | re.DOTALL)
_CAPTION_ATTR = re.compile(r'\bcaption=(["\'])(.*?)\1', re.DOTALL)
_CAPTION_MEDIA = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.IGNORECASE | re.DOTALL)
_EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.IGNORECASE | re.DOTALL)
# WordPress embeds a URL that stands alone on its line; here it becomes a link.
_LONE_URL = re.compile(r"^([ \t]*)(https?://[^\s<>\"']+)[ \t]*$", re.MULTILINE)


def expand_shortcodes(text):
    """[caption] becomes a figure with its caption, [embed] and lone URLs become links."""

    def caption(match):
        attributes, inner = match.group(2), match.group(3)
        media = _CAPTION_MEDIA.match(inner)
        if not media:
            return inner
        caption_text = media.group(2).strip()
        if not caption_text:
            attr = _CAPTION_ATTR.search(attributes)
            caption_text = attr.group(2) if attr else ""
        figcaption = f"<figcaption>{caption_text}</figcaption>" if caption_text else ""
        return f"<figure>{media.group(1)}{figcaption}</figure>"

    text = _CAPTION.sub(caption, text)
    text = _EMBED.sub(lambda m: _link(m.group(1).strip()), text)
    return _LONE_URL.sub(lambda m: m.group(1) + _link(m.group(2)), text)


def _link(url):
    return f'<a href="{url}">{url}</a>' if re.match(r"https?://", url) else url


# --- sanitizing ------------------------------------------------------------------------------

KEPT_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "s", "del", "strike",
    "code", "pre", "kbd", "samp", "blockquote", "q", "cite", "ul", "ol", "li", "dl", "dt", "dd", "a", "img",
    "figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "sup", "sub",
    "div", "span", "section", "article", "aside", "header", "footer", "small", "mark", "abbr", "address",
}  # fmt: skip
# Dropped with everything inside them: nothing a reader of the text would miss.
DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "noscript", "template", "form", "select", "textarea",
    "button", "svg", "math", "canvas", "audio", "video", "map", "head", "title",
}  # fmt: skip
KEPT_ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitize(html):
    return nh3.clean(
        html,
        tags=KEPT_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=KEPT_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
        link_rel=None,
    )


# --- Markdown --------------------------------------------------------------------------------


@dataclass
class Image:
    src: str  # as written in the post
    alt: str


@dataclass
class Converted:
    markdown: str
    images: list = field(default_factory=list)  # Image, in reading order
    classic: bool = False  # True when the post had no block markup (wpautop was applied)


def _safe_url(url):
    """A URL fit for Markdown link syntax: http(s), mailto or relative; spaces and
    brackets escaped. None for anything else (javascript:, data:, …)."""
    url = (url or "").strip()
    if not url:
        return None
    scheme = urlsplit(url).scheme.lower()
    if scheme and scheme not in URL_SCHEMES:
        return None
    return quote(url, safe="/:?#[]@!$&'*+,;=%-._~")


class _Converter(MarkdownConverter):
    class Options(MarkdownConverter.DefaultOptions):
        heading_style = "ATX"
        bullets = "-"
        newline_style = BACKSLASH
        escape_misc = True
        escape_asterisks = True
        escape_underscores = True
        table_infer_header = True
        keep_inline_images_in = ["a", "figure", "p", "td", "th", "li", "span", "div", "strong", "em", "b", "i"]

    def __init__(self, image_url=None, **options):
        super().__init__(**options)
        self.image_url = image_url
        self.images = []

    def convert_a(self, el, text, parent_tags):
        href = _safe_url(el.get("href"))
        if href is None:
            return text
        el["href"] = href
        if re.sub(r"\\(.)", r"\1", text.strip()) == href and not el.get("title") and "_noformat" not in parent_tags:
            return f"<{href}>"  # a bare address stays one, unescaped
        return super().convert_a(el, text, parent_tags)

    def convert_img(self, el, text, parent_tags):
        original = (el.get("src") or "").strip()
        alt = re.sub(r"\s+", " ", el.get("alt") or "").strip()
        src = _safe_url(original)
        if src is None:
            return alt
        self.images.append(Image(src=original, alt=alt))
        if self.image_url is not None:
            src = self.image_url(original)
            if not src:
                return ""  # the importer could not keep it (and reports it)
        el["src"] = src
        el["alt"] = alt.replace("[", "\\[").replace("]", "\\]")
        return super().convert_img(el, text, parent_tags)

    def convert_figcaption(self, el, text, parent_tags):
        text = text.strip()
        return f"\n\n*{text}*\n\n" if text else ""

    convert_caption = convert_figcaption


def _link_lone_urls(soup):
    """A block whose whole text is one URL (an embed's wrapper) becomes a link to it."""
    for node in list(soup.find_all(string=True)):
        value = str(node).strip()
        parent = node.parent
        if (
            re.fullmatch(r"https?://[^\s<>\"']+", value)
            and parent is not None
            and parent.name not in ("a", "code", "pre")
            and parent.get_text().strip() == value
        ):
            link = soup.new_tag("a", href=value)
            link.string = value
            node.replace_with(link)


def html_to_markdown(html, *, image_url=None):
    """Convert a post's content to Markdown.

    image_url(src) may give the address to use for each image (the importer's copy),
    or None/"" to leave the image out; by default images keep their address.
    Returns Converted(markdown, images, classic).
    """
    html = html or ""
    classic = "<!-- wp:" not in html
    if classic:
        html = wpautop(expand_shortcodes(html))
    soup = BeautifulSoup(sanitize(html), "html.parser")
    _link_lone_urls(soup)
    for empty in soup.find_all(["p", "figure", "div"]):
        if not empty.get_text(strip=True) and not empty.find("img"):
            empty.decompose()
    converter = _Converter(image_url=image_url)
    markdown = converter.convert_soup(soup)
    markdown = re.sub(r"[ \t]+\n", "\n", markdown)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip()
    return Converted(markdown=markdown, images=converter.images, classic=classic)
