"""A WordPress export (WXR 1.0, 1.1 and 1.2), read safely and in bounded memory.

The XML goes through defusedxml's parser with any DOCTYPE refused: a WXR file
never carries one, so entity declarations (billion laughs) and external
entities (file:///etc/passwd) are refused before anything is declared or
read, never expanded. The file is streamed (iterparse): each top-level
element of the channel is turned into a plain record and dropped from the
tree at once, so memory is bounded by the largest single item, not the file.

`WxrReader(path)` iterates over `Item` records, one per <item>, or
`BrokenItem` for an item whose fields make no sense (a post id that is not
a number, an impossible date): the caller reports it and goes on. A file
that stops being well-formed XML raises `WxrError` where it breaks, after
the items before it: a caller that must not import part of a file (the
import command) reads inside one transaction.

No Django here: the records are plain data for the importer to map.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import BinaryIO
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

# wp: and excerpt: carry the WXR version in their namespace (1.0, 1.1, 1.2, and any later one).
WP_NAMESPACE = re.compile(r"^http://wordpress\.org/export/(\d+\.\d+)/$")
EXCERPT_NAMESPACE = re.compile(r"^http://wordpress\.org/export/\d+\.\d+/excerpt/$")
OTHER_NAMESPACES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
# A field longer than this is refused as a broken item (memory is bounded by one item anyway).
MAX_FIELD_CHARS = 20_000_000
# Bytes XML 1.0 forbids (C0 controls but tab, newline, return). WordPress exports carry them
# now and then (pasted from word processors); UTF-8 never uses them inside a character, so
# dropping them from the byte stream is safe.
ILLEGAL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32)])


class WxrError(Exception):
    """The file cannot be read as a WordPress export (not XML, refused XML, not WXR)."""

    def __init__(self, message, line=None, column=None):
        self.line, self.column = line, column
        where = f" (line {line}, column {column})" if line else ""
        super().__init__(f"{message}{where}")


@dataclass(frozen=True)
class Term:
    """A category, tag or other taxonomy term as an item names it."""

    domain: str  # "category", "post_tag", "language", "post_translations", or any custom taxonomy
    slug: str  # decoded: "%d8%a2%d8%b1%da%86" becomes "آرچ"
    name: str


@dataclass(frozen=True)
class Author:
    login: str
    display_name: str = ""
    email: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass(frozen=True)
class Language:
    """A Polylang language, from its term in the channel."""

    slug: str  # "fa"
    name: str  # "فارسی"
    locale: str = ""  # "fa_IR"
    rtl: bool = False


@dataclass
class Site:
    """What the channel says about the exporting site (read before the first item)."""

    title: str = ""
    link: str = ""
    description: str = ""
    language: str = ""
    wxr_version: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    generator: str = ""
    authors: dict = field(default_factory=dict)  # login -> Author
    terms: dict = field(default_factory=dict)  # (domain, slug) -> Term, declared in the channel
    languages: dict = field(default_factory=dict)  # slug -> Language (Polylang)


@dataclass(frozen=True)
class Attachment:
    post_id: int
    url: str  # wp:attachment_url
    file: str  # _wp_attached_file: the path under wp-content/uploads, e.g. "2025/08/photo.jpg"
    alt: str
    title: str
    caption: str
    parent: int


@dataclass
class Item:
    """One <item>: a post, page, attachment, menu item or any other post type."""

    position: int  # 1 for the first <item> of the file
    post_id: int
    guid: str
    link: str
    title: str
    post_name: str  # decoded UTF-8 slug
    post_type: str
    status: str
    date_gmt: datetime | None  # aware (UTC): wp:post_date_gmt, else the RSS pubDate
    date_local: datetime | None  # naive, the site's own clock: wp:post_date
    modified_gmt: datetime | None
    modified_local: datetime | None
    author: str  # login (dc:creator)
    content: str  # HTML as stored by WordPress
    excerpt: str
    parent: int = 0
    menu_order: int = 0
    password: str = ""
    sticky: bool = False
    attachment_url: str = ""
    terms: tuple = ()  # Term, in document order
    meta: dict = field(default_factory=dict)  # key -> [values]
    comment_count: int = 0

    def terms_in(self, *domains):
        return [term for term in self.terms if term.domain in domains]

    @property
    def categories(self):
        return self.terms_in("category")

    @property
    def tags(self):
        return self.terms_in("post_tag")

    def meta_value(self, key, default=""):
        values = self.meta.get(key)
        return values[0] if values else default

    @property
    def language(self):
        """The item's language code: Polylang's "language" term, or WPML's meta when exported."""
        for term in self.terms_in("language"):
            return term.slug
        return self.meta_value("_wpml_language") or self.meta_value("wpml_language")

    @property
    def translation_group(self):
        """Polylang's post_translations term: items sharing it are translations of one another."""
        for term in self.terms_in("post_translations"):
            return term.slug
        return ""

    @property
    def thumbnail_id(self):
        value = self.meta_value("_thumbnail_id")
        return int(value) if value.strip().isdigit() else None

    @property
    def old_slugs(self):
        """Slugs WordPress redirected from (_wp_old_slug), decoded, non-empty."""
        return [decode_slug(s) for s in self.meta.get("_wp_old_slug", []) if s.strip()]

    def as_attachment(self):
        return Attachment(
            post_id=self.post_id,
            url=self.attachment_url or self.guid,
            file=self.meta_value("_wp_attached_file"),
            alt=self.meta_value("_wp_attachment_image_alt"),
            title=self.title,
            caption=self.excerpt,
            parent=self.parent,
        )


@dataclass(frozen=True)
class BrokenItem:
    """An item that cannot be turned into a record, and why."""

    position: int
    post_id: str  # as written, possibly empty or nonsense
    title: str
    reason: str


def decode_slug(slug):
    """WordPress stores non-ASCII slugs percent-encoded (lowercase): decode them as UTF-8."""
    slug = (slug or "").strip()
    if "%" not in slug:
        return slug
    try:
        return unquote(slug, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        return slug


def permalink_path(url):
    """The path (and query) of an old address, percent-decoded to text: what a visitor's
    browser asked for, whatever case its escapes were in. "" for an empty URL."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    path = decode_slug(parts.path) or "/"
    return f"{path}?{parts.query}" if parts.query else path


def parse_wp_date(value):
    """'2025-01-08 11:27:55' -> naive datetime; the zero date and blanks -> None."""
    value = (value or "").strip()
    if not value or value.startswith("0000-00-00"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
    except ValueError:
        raise ValueError(f"unreadable date {value!r}") from None


def parse_rss_date(value):
    value = (value or "").strip()
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if parsed is None or parsed.tzinfo is None or parsed.year < 1971:
        return None  # WordPress writes "Thu, 01 Jan 1970 00:00:00 +0000" for drafts
    return parsed.astimezone(timezone.utc)


class _CleanStream:
    """A binary file wrapper that drops the control bytes XML 1.0 forbids, counting them."""

    def __init__(self, raw):
        self.raw = raw
        self.dropped = 0

    def read(self, size=-1):
        data = self.raw.read(size)
        cleaned = data.translate(None, ILLEGAL_BYTES)
        self.dropped += len(data) - len(cleaned)
        return cleaned


def _local_name(tag):
    """'{http://wordpress.org/export/1.2/}post_id' -> 'wp:post_id'; unknown namespaces keep theirs."""
    if not tag.startswith("{"):
        return tag
    namespace, _, name = tag[1:].partition("}")
    if WP_NAMESPACE.match(namespace):
        return f"wp:{name}"
    if EXCERPT_NAMESPACE.match(namespace):
        return f"excerpt:{name}"
    prefix = OTHER_NAMESPACES.get(namespace)
    return f"{prefix}:{name}" if prefix else tag


def _text(element):
    return element.text or "" if element is not None else ""


class WxrReader:
    """Iterate over the items of a WordPress export file.

        reader = WxrReader("export.xml")
        for record in reader:          # Item or BrokenItem
            ...
        reader.site                    # the channel's data, complete once the first item is read

    `source` is a path or a binary file object. Raises WxrError for a file that is
    not XML, carries a DOCTYPE, or is not a WordPress export.
    """

    def __init__(self, source: str | BinaryIO):
        self.source = source
        self.site = Site()
        self.items_read = 0
        self.control_bytes_dropped = 0

    def __iter__(self) -> Iterator[Item | BrokenItem]:
        opened = None
        source = self.source
        if not hasattr(source, "read"):
            try:
                source = opened = open(source, "rb")  # noqa: SIM115 (closed in finally)
            except OSError as exc:
                raise WxrError(f"cannot open the file: {exc.strerror}") from None
        stream = _CleanStream(source)
        try:
            yield from self._records(stream)
        except DefusedXmlException as exc:
            raise WxrError(
                f"refused: the file declares a DOCTYPE or entities, which no WordPress export does ({exc})"
            ) from None
        except ParseError as exc:
            line, column = getattr(exc, "position", (None, None))
            message = str(exc).split(":")[0]
            raise WxrError(f"not well-formed XML: {message}", line, column) from None
        finally:
            self.control_bytes_dropped = stream.dropped
            if opened is not None:
                opened.close()

    def _records(self, stream):
        events = iterparse(stream, events=("start", "end"), forbid_dtd=True)
        depth = 0
        root_checked = False
        channel = None
        for event, element in events:
            if event == "start":
                depth += 1
                if not root_checked:
                    root_checked = True
                    if element.tag != "rss":
                        raise WxrError(f"not a WordPress export: the root element is <{element.tag}>, not <rss>")
                elif depth == 2 and element.tag == "channel":
                    channel = element
                continue
            depth -= 1
            if depth != 2 or channel is None:
                continue
            # A direct child of <channel> is complete: turn it into data, then drop it.
            name = _local_name(element.tag)
            if name == "item":
                self.items_read += 1
                if not self.site.wxr_version:
                    raise WxrError("not a WordPress export: no wp:wxr_version before the first item")
                yield self._item(element, self.items_read)
            else:
                self._channel_field(name, element)
            channel.remove(element)
        if channel is None:
            raise WxrError("not a WordPress export: no <channel>")
        if not self.site.wxr_version:
            raise WxrError("not a WordPress export: no wp:wxr_version")

    # --- the channel -----------------------------------------------------------------

    def _channel_field(self, name, element):
        site = self.site
        simple = {
            "title": "title",
            "link": "link",
            "description": "description",
            "language": "language",
            "generator": "generator",
            "wp:wxr_version": "wxr_version",
            "wp:base_site_url": "base_site_url",
            "wp:base_blog_url": "base_blog_url",
        }
        if name in simple:
            setattr(site, simple[name], _text(element).strip())
        elif name == "wp:author":
            fields = {_local_name(child.tag): _text(child).strip() for child in element}
            login = fields.get("wp:author_login", "")
            if login:
                site.authors[login] = Author(
                    login=login,
                    display_name=fields.get("wp:author_display_name", ""),
                    email=fields.get("wp:author_email", ""),
                    first_name=fields.get("wp:author_first_name", ""),
                    last_name=fields.get("wp:author_last_name", ""),
                )
        elif name in ("wp:category", "wp:tag", "wp:term"):
            fields = {_local_name(child.tag): _text(child).strip() for child in element}
            if name == "wp:category":
                term = Term("category", decode_slug(fields.get("wp:category_nicename")), fields.get("wp:cat_name", ""))
            elif name == "wp:tag":
                term = Term("post_tag", decode_slug(fields.get("wp:tag_slug")), fields.get("wp:tag_name", ""))
            else:
                domain = fields.get("wp:term_taxonomy", "")
                term = Term(domain, decode_slug(fields.get("wp:term_slug")), fields.get("wp:term_name", ""))
                if domain == "language":
                    site.languages[term.slug] = _language(term, fields.get("wp:term_description", ""))
            if term.slug:
                site.terms[(term.domain, term.slug)] = term

    # --- one item --------------------------------------------------------------------

    def _item(self, element, position):
        fields, terms, meta, comments = {}, [], {}, 0
        for child in element:
            name = _local_name(child.tag)
            if name == "category":
                domain = child.get("domain") or "category"
                slug = decode_slug(child.get("nicename") or "")
                terms.append(Term(domain, slug, _text(child).strip()))
            elif name == "wp:postmeta":
                parts = {_local_name(c.tag): _text(c) for c in child}
                key = parts.get("wp:meta_key", "").strip()
                if key:
                    meta.setdefault(key, []).append(parts.get("wp:meta_value", ""))
            elif name == "wp:comment":
                comments += 1
            elif name == "guid":
                fields[name] = _text(child).strip()
            else:
                fields[name] = _text(child)
        raw_id = fields.get("wp:post_id", "").strip()
        title = fields.get("title", "").strip()
        try:
            too_long = [name for name, value in fields.items() if len(value) > MAX_FIELD_CHARS]
            if too_long:
                raise ValueError(f"{too_long[0]} is longer than {MAX_FIELD_CHARS:,} characters")
            if not raw_id.isdigit():
                raise ValueError(f"wp:post_id is {raw_id!r}, not a number" if raw_id else "no wp:post_id")
            date_local = parse_wp_date(fields.get("wp:post_date"))
            date_gmt = parse_wp_date(fields.get("wp:post_date_gmt"))
            modified_local = parse_wp_date(fields.get("wp:post_modified"))
            modified_gmt = parse_wp_date(fields.get("wp:post_modified_gmt"))
            return Item(
                position=position,
                post_id=int(raw_id),
                guid=fields.get("guid", ""),
                link=fields.get("link", "").strip(),
                title=title,
                post_name=decode_slug(fields.get("wp:post_name")),
                post_type=fields.get("wp:post_type", "").strip() or "post",
                status=fields.get("wp:status", "").strip(),
                date_gmt=date_gmt.replace(tzinfo=timezone.utc) if date_gmt else parse_rss_date(fields.get("pubDate")),
                date_local=date_local,
                modified_gmt=modified_gmt.replace(tzinfo=timezone.utc) if modified_gmt else None,
                modified_local=modified_local,
                author=fields.get("dc:creator", "").strip(),
                content=fields.get("content:encoded", ""),
                excerpt=fields.get("excerpt:encoded", ""),
                parent=_int(fields.get("wp:post_parent")),
                menu_order=_int(fields.get("wp:menu_order")),
                password=fields.get("wp:post_password", ""),
                sticky=fields.get("wp:is_sticky", "").strip() == "1",
                attachment_url=fields.get("wp:attachment_url", "").strip(),
                terms=tuple(terms),
                meta=meta,
                comment_count=comments,
            )
        except ValueError as exc:
            return BrokenItem(position=position, post_id=raw_id, title=title, reason=str(exc))


def _int(value):
    value = (value or "").strip()
    if not value:
        return 0
    if not value.lstrip("-").isdigit():
        raise ValueError(f"{value!r} is not a number")
    return int(value)


PHP_LOCALE = re.compile(r's:6:"locale";s:\d+:"([^"]*)"')
PHP_RTL = re.compile(r's:3:"rtl";(?:i|b):([01])')


def _language(term, description):
    """Polylang keeps a language's locale and direction in its term description (PHP-serialized)."""
    locale = PHP_LOCALE.search(description)
    rtl = PHP_RTL.search(description)
    return Language(
        slug=term.slug,
        name=term.name,
        locale=locale.group(1) if locale else "",
        rtl=bool(rtl and rtl.group(1) == "1"),
    )


def attachments_by_id(source):
    """{post id: Attachment} for every attachment in the file: one streaming pass, so a post's
    featured image (_thumbnail_id) can be found wherever the attachment stands in the file."""
    found = {}
    for record in WxrReader(source):
        if isinstance(record, Item) and record.post_type == "attachment":
            found[record.post_id] = record.as_attachment()
    return found
