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

No Django here: the records (records.py) are plain data for the importer to map.
"""

import re
from collections.abc import Iterator
from datetime import timezone
from typing import BinaryIO
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from releases.importers.wordpress.records import (
    Author,
    BrokenItem,
    Item,
    Site,
    Term,
    decode_slug,
    language_of,
    parse_rss_date,
    parse_wp_date,
)

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
                    site.languages[term.slug] = language_of(term, fields.get("wp:term_description", ""))
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


def attachments_by_id(source):
    """{post id: Attachment} for every attachment in the file: one streaming pass, so a post's
    featured image (_thumbnail_id) can be found wherever the attachment stands in the file."""
    found = {}
    for record in WxrReader(source):
        if isinstance(record, Item) and record.post_type == "attachment":
            found[record.post_id] = record.as_attachment()
    return found
