"""What arrives (plain text, pasted rich text, .docx, .md, .html, .txt) as blocks.

Every rich source goes one way: to HTML (Markdown through markdown-it-py, which
the site already renders with; .docx through mammoth, which maps Word's
paragraph styles to headings, lists and emphasis), then through nh3 (only
structural tags survive; scripts, styles and the document head go with their
content), then into blocks. Images are dropped; their captions are text.
"""

import html
import io
import re
from html.parser import HTMLParser

import nh3
from markdown_it import MarkdownIt

from releases.importers.text.blocks import SPACES, Block, escape, from_plain_text, number, tidy

FORMATS = ("text", "html", "markdown", "docx")
EXTENSIONS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
              ".htm": "html", ".docx": "docx"}  # fmt: skip

BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr", "figcaption",
              "dt", "dd", "caption", "section", "article", "header", "footer", "aside", "address"}  # fmt: skip
INLINE_TAGS = {"a", "strong", "b", "em", "i", "u", "span", "sup", "sub", "br", "code", "small", "mark", "s", "del"}
KEPT_TAGS = BLOCK_TAGS | INLINE_TAGS | {"ul", "ol", "table", "thead", "tbody", "td", "th", "hr", "figure"}
LOOKS_LIKE_HTML = re.compile(r"<(?:p|div|br|h[1-6]|ul|ol|li|span|strong|em|b|i|a|table|blockquote)\b[^>]*>", re.I)


def detect_format(source, filename=None):
    if isinstance(source, bytes | bytearray) and source[:2] == b"PK":
        return "docx"
    if filename:
        for ext, kind in EXTENSIONS.items():
            if filename.lower().endswith(ext):
                return kind
    return "html" if LOOKS_LIKE_HTML.search(decode(source)[:20000]) else "text"


def decode(data):
    """Text from bytes: UTF-8 (with or without a byte-order mark), else Windows-1252, which any byte decodes."""
    if isinstance(data, str):
        return data
    try:
        return bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError:
        return bytes(data).decode("cp1252", errors="replace")


def to_blocks(source, fmt):
    if fmt == "docx":
        return from_html(docx_to_html(source))
    text = decode(source)
    if fmt == "markdown":
        # A line break inside a paragraph is kept: lists of names are one a line.
        return from_html(MarkdownIt("commonmark", {"breaks": True, "html": False}).render(text))
    if fmt == "html":
        return from_html(text)
    return from_plain_text(text)


def docx_to_html(data):
    import mammoth

    result = mammoth.convert_to_html(io.BytesIO(bytes(data)), convert_image=mammoth.images.img_element(_no_image))
    return result.value


def _no_image(image):
    return {}


def sanitize(markup):
    """Only structural tags and link addresses survive; head, scripts and styles go with their content."""
    return nh3.clean(
        markup,
        tags=KEPT_TAGS,
        attributes={"a": {"href"}, "ol": {"start"}},
        clean_content_tags={"script", "style", "head", "title", "noscript", "template", "iframe", "object", "svg"},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
    )


def from_html(markup):
    markup = markup or ""
    if not re.search(r"<(?:p|div|h[1-6]|li|blockquote|tr|br)\b", markup, re.I):
        # Paragraphs as blank lines with inline tags only (as WordPress stores them): one <p> each.
        markup = "".join(f"<p>{chunk.replace(chr(10), '<br>')}</p>" for chunk in re.split(r"\n\s*\n", markup))
    walker = _Walker()
    walker.feed(sanitize(markup))
    walker.close()
    walker.flush()
    return number(walker.blocks)


class _Walker(HTMLParser):
    """Blocks from sanitized HTML: each block-level element is a block, <br> a line break."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks = []
        self.lines, self.marks = [""], [""]
        self.stack = []  # open tags
        self.href = None
        self.link_text = ""
        self.strong_chars = 0
        self.lists = []  # (id, ordered) of the lists open, innermost last
        self.list_ids = 0

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS or tag in {"ul", "ol", "table", "hr"}:
            self.flush()
        if tag in {"ul", "ol"}:
            self.list_ids += 1
            self.lists.append((self.list_ids, tag == "ol"))
        if tag == "br":
            self.lines.append("")
            self.marks.append("")
            return
        if tag in {"hr", "img"}:
            return
        self.stack.append(tag)
        if tag == "a":
            self.href = dict(attrs).get("href")
            self.link_text = ""
            self._mark("[")
        elif tag in {"strong", "b"}:
            self._mark("**")
        elif tag in {"em", "i"}:
            self._mark("*")

    def handle_endtag(self, tag):
        if tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            if open_tag == "a":
                self._mark(f"]({self.href})" if self.href else "]")
                self.href = None
            elif open_tag in {"strong", "b"}:
                self._mark("**")
            elif open_tag in {"em", "i"}:
                self._mark("*")
            if open_tag == tag:
                break
        if tag in BLOCK_TAGS or tag in {"ul", "ol", "table"}:
            self.flush(closing=tag)
        if tag in {"ul", "ol"} and self.lists:
            self.lists.pop()

    def handle_data(self, data):
        data = SPACES.sub(" ", data.replace("\n", " "))
        if not data.strip() and not self.lines[-1]:
            return
        self.lines[-1] += data
        self.marks[-1] += escape(data)
        if any(t in {"strong", "b", "em", "i"} for t in self.stack):
            self.strong_chars += len(data.strip())

    def _mark(self, token):
        self.marks[-1] += token

    def flush(self, closing=None):
        lines = [tidy(line).strip() for line in self.lines]
        marks = [re.sub(r"\*\*\*\*|\[\]\([^)]*\)", "", tidy(m)).strip() for m in self.marks]
        kept = [(line, mark) for line, mark in zip(lines, marks, strict=True) if line]
        tag = closing or next((t for t in reversed(self.stack) if t in BLOCK_TAGS), "p")
        if kept:
            text_length = sum(len(line) for line, _ in kept)
            block = Block(lines=[line for line, _ in kept], marks=[mark for _, mark in kept])
            block.emphasis = self.strong_chars >= 0.9 * text_length
            if re.fullmatch(r"h[1-6]", tag):
                block.kind, block.level = "heading", int(tag[1])
            elif self.lists and ("li" in self.stack or tag == "li"):
                block.kind = "list"
                block.list_id, block.ordered = self.lists[-1]
            elif "blockquote" in self.stack or tag == "blockquote":
                block.kind = "quote"
            self._append(block)
        self.lines, self.marks = [""], [""]
        self.strong_chars = 0

    def _append(self, block):
        """The items of one list gather into one list block."""
        previous = self.blocks[-1] if self.blocks else None
        if block.kind == "list" and previous is not None and getattr(previous, "list_id", None) == block.list_id:
            previous.lines += block.lines
            previous.marks += block.marks
            return
        self.blocks.append(block)


def plain(markup):
    """The text of an HTML fragment."""
    return html.unescape(nh3.clean(markup or "", tags=set()))
