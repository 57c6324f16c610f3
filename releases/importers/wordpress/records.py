"""The plain records a WordPress export is read into (no XML and no Django here): terms, authors,
Polylang languages, the site, attachments and items, and the parsing of their slugs and dates."""

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import unquote, urlsplit


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


PHP_LOCALE = re.compile(r's:6:"locale";s:\d+:"([^"]*)"')
PHP_RTL = re.compile(r's:3:"rtl";(?:i|b):([01])')


def language_of(term, description):
    """Polylang keeps a language's locale and direction in its term description (PHP-serialized)."""
    locale = PHP_LOCALE.search(description)
    rtl = PHP_RTL.search(description)
    return Language(
        slug=term.slug,
        name=term.name,
        locale=locale.group(1) if locale else "",
        rtl=bool(rtl and rtl.group(1) == "1"),
    )
