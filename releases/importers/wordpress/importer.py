"""A WordPress export becomes releases: the run behind `manage.py import_wordpress`.

How a post maps onto a release:

- Posts only (pages, attachments, menus, templates and every other post type
  are reported and skipped); with categories given, only posts in one of them.
- Status: published posts are published, back-dated (first published = publish
  time = the post's date, its GMT date when the export has one); scheduled
  posts are scheduled; drafts and pending posts are drafts; private, trashed,
  password-protected posts and auto-drafts are reported and skipped.
- Title and excerpt as plain text; the content converted to Markdown
  (releases.importers.wordpress.content); categories and tags become topics
  ("Uncategorized" is WordPress's empty default and is left out).
- The text structure parser (releases.importers.text) reads each post as a
  release as written; the quotes, signatories, About and press contacts it
  finds are saved as the text import saves them (releases.importers.drafts).
- Images come from the `wp-content/uploads` folder given with --uploads, never
  from the network: the featured image (_thumbnail_id) into the release's
  image field (metadata stripped, renditions made), inline images copied into
  the media storage under wordpress/<site>/. An image not found, or on another
  site, is left out and reported.
- Old addresses: the post's permalink (decoded, so percent-encoded UTF-8 slugs
  match whatever case a browser escapes them in), /?p=ID under the blog's base,
  its GUID's address (on the site's own host) and the addresses of its old slugs (_wp_old_slug) answer
  301 to the release (contrib.redirects, as for any legacy URL).
- Each release remembers its post (WordPressPost: site and post id, GUID,
  language, Polylang translation group, and a snapshot of what was written). A
  rerun finds it again and writes nothing when nothing changed; an updated
  export updates it as a new revision (django-reversion), unless the release
  was edited in Pressroom since, which is reported and left as is.

The run is one transaction, each item in a savepoint: an item that fails is
rolled back alone and reported, the others stand, and the run commits at the
end. A file that turns out not to be well-formed, or a crash, leaves the
archive exactly as it was (never part of an export). The file is read twice,
streaming: first to check it through and index its attachments (a post's
featured image may come after it), then to import. Search documents and the
page cache follow at commit, as after any save; the "did you mean"
vocabulary is rebuilt once at the end.
"""

import re
from datetime import datetime
from datetime import timezone as dt_timezone
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import reversion
from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator, slugify

from releases import markdown, publishing
from releases.importers.drafts import Draft, attach_parts, draft_from_parse
from releases.importers.text import parse_release
from releases.importers.wordpress.addresses import OldAddresses, available_slug, unique_slug
from releases.importers.wordpress.content import html_to_markdown
from releases.importers.wordpress.images import ImageCopies, ImagesFromUploads
from releases.importers.wordpress.languages import link_translations
from releases.importers.wordpress.reader import WxrError, WxrReader
from releases.importers.wordpress.records import BrokenItem, Item
from releases.importers.wordpress.report import ItemFailed, ItemSkipped, Line, Report
from releases.models import Organization, Release, Topic, WordPressPost
from releases.search.documents import refresh_search_terms

PUBLISHED_STATUSES = {"publish", "future"}
DRAFT_STATUSES = {"draft", "pending"}
SKIPPED_STATUSES = {
    "private": "private post",
    "trash": "in the trash",
    "auto-draft": "auto-draft (never written)",
    "inherit": "revision",
}
SKIPPED_TYPES = {
    "page": "page: only posts become releases",
    "attachment": "attachment: media, brought in with the posts that use it",
}
UNCATEGORIZED = re.compile(r"^uncategori[sz]ed(-[a-z]{2,3}(-[a-z]{2,4})?)?$")


class WordPressImport(ImagesFromUploads, OldAddresses):
    """One run over an export (see the module's docstring); images and old addresses in their mixins."""

    def __init__(
        self,
        path,
        *,
        categories=(),
        uploads=None,
        issuer=None,
        dry_run=False,
        time_zone=None,
        on_start=None,
        on_line=None,
    ):
        self.path = str(path)
        self.categories = {unquote(c).strip().lower() for c in categories if c.strip()}
        self.uploads = Path(uploads).resolve() if uploads else None
        self.issuer_name = (issuer or "").strip()
        self.dry_run = dry_run
        self.time_zone = ZoneInfo(time_zone or settings.TIME_ZONE)
        self.report = Report(path=self.path, dry_run=dry_run, on_line=on_line)
        self.on_start = on_start
        self.topics = {}  # lowercased name -> Topic, filled as items commit
        self.saved_files = []  # storage names written by this run (removed again if it rolls back)

    # --- the run -------------------------------------------------------------------------

    def run(self):
        report = self.report
        try:
            self.read_through()
        except WxrError as exc:
            report.error = str(exc)
            return report
        if self.uploads and not self.uploads.is_dir():
            report.error = f"--uploads {self.uploads} is not a folder"
            return report
        unknown = self.unknown_categories()
        if unknown:
            report.error = f"no category {', '.join(sorted(unknown))} in this export"
            return report
        try:
            with transaction.atomic():
                self.issuer = self.find_issuer()
                if self.on_start is not None:
                    self.on_start(report)
                for record in WxrReader(self.path):
                    report.add(self.import_record(record))
                link_translations(self.site_key)
                if self.dry_run:
                    transaction.set_rollback(True)
        except WxrError as exc:  # the file changed since it was read through
            self.remove_saved_files()
            report.counts.clear()
            report.error = str(exc)
            return report
        except BaseException:
            self.remove_saved_files()
            raise
        if report.changed and not self.dry_run:
            refresh_search_terms()
        return report

    def read_through(self):
        """First pass: the whole file is well-formed, its site, attachments and categories."""
        reader = WxrReader(self.path)
        self.attachments = {}
        self.category_names = set()
        for record in reader:
            self.report.items += 1
            if isinstance(record, Item):
                self.report.comments += record.comment_count
                self.category_names |= {n.lower() for t in record.categories for n in (t.slug, t.name)}
                if record.post_type == "attachment":
                    attachment = record.as_attachment()  # kept small: a large export has thousands
                    self.attachments[record.post_id] = (
                        attachment.file or attachment.url,
                        attachment.alt or record.title,
                    )
        self.site = self.report.site = reader.site
        self.report.control_bytes_dropped = reader.control_bytes_dropped
        address = urlsplit(self.site.base_blog_url or self.site.link or "")
        self.site_key = (address.netloc + address.path).lower().strip("/") or "unknown-site"
        self.site_hosts = {
            urlsplit(url).netloc.lower() for url in (self.site.base_blog_url, self.site.base_site_url, self.site.link)
        } - {""}
        self.base_path = (address.path or "/").rstrip("/") + "/"

    def unknown_categories(self):
        declared = [term for (domain, _), term in self.site.terms.items() if domain == "category"]
        known = self.category_names | {n.lower() for term in declared for n in (term.slug, term.name)}
        return self.categories - known

    def find_issuer(self):
        name = self.issuer_name or markdown.plain_text(self.site.title) or self.site_key
        organizations = Organization.objects.all()
        found = organizations.filter(slug=name).first() or organizations.filter(name__iexact=name).first()
        if found is None:
            found = Organization.objects.create(name=name[:200], slug=unique_slug(Organization, slugify(name)[:190]))
            self.report.issuer_created = True
        self.report.issuer = found.name
        return found

    def remove_saved_files(self):
        for name in self.saved_files:
            default_storage.delete(name)
        self.saved_files = []

    # --- one item ------------------------------------------------------------------------

    def import_record(self, record):
        if isinstance(record, BrokenItem):
            return Line(record.position, record.post_id, "", record.title, "failed", f"broken item: {record.reason}")
        line = Line(record.position, str(record.post_id), record.post_type, record.title, "skipped")
        line.reason = self.exclusion(record)
        if line.reason:
            return line
        pending_topics = {}
        files_before = len(self.saved_files)
        try:
            with transaction.atomic():
                self.write(record, line, pending_topics)
        except Exception as exc:  # any failure of one item is that item's: reported, rolled back alone
            for name in self.saved_files[files_before:]:
                default_storage.delete(name)
            del self.saved_files[files_before:]
            outcome = "skipped" if isinstance(exc, ItemSkipped) else "failed"
            message = str(exc) if isinstance(exc, (ItemFailed, ItemSkipped)) else f"{type(exc).__name__}: {exc}"
            return Line(line.position, line.post_id, line.post_type, line.title, outcome, message.strip()[:300])
        self.topics.update(pending_topics)
        return line

    def exclusion(self, item):
        """Why an item is not imported, or "" when it is."""
        if item.post_type != "post":
            return SKIPPED_TYPES.get(item.post_type, f"{item.post_type}: only posts become releases")
        if item.status in SKIPPED_STATUSES:
            return SKIPPED_STATUSES[item.status]
        if item.status not in PUBLISHED_STATUSES | DRAFT_STATUSES:
            return f"status {item.status or '(none)'} is not imported"
        if item.password.strip():
            return "password-protected post"
        if self.categories:
            mine = {t.slug.lower() for t in item.categories} | {t.name.lower() for t in item.categories}
            if not mine & self.categories:
                return "not in the categories chosen"
        return ""

    def write(self, item, line, pending_topics):
        post = self.existing_post(item)
        images = ImageCopies(self, item)
        values = self.values(item, images)
        snapshot = {**values, "issuer": self.issuer.pk}
        release = post.release if post else None
        if post is not None and post.snapshot == snapshot:
            line.outcome = "unchanged"
            line.permalink = release.get_absolute_url()
            line.old_addresses = values["old_addresses"] if release.status != Release.Status.DRAFT else []
            return
        if post is not None and release.modified_at > post.imported_at:
            raise ItemSkipped("edited in Pressroom since it was imported: left as it is")
        line.notes.extend(images.notes)
        with reversion.create_revision():
            if release is None:
                release = Release(issuer=self.issuer)
                line.outcome = "created"
            else:
                line.outcome = "updated"
            self.apply(release, item, values, line)
            publishing.save_release(release)
            self.attach_structure(release, values["structure"], line)
            release.topics.set(self.topic_objects(values["topics"], pending_topics))
            images.copy_inline()
            self.featured_image(release, item, values, post, line)
            verb = "Imported" if line.outcome == "created" else "Updated"
            reversion.set_comment(f"{verb} from WordPress: {self.site_key} post {item.post_id}")
        WordPressPost.objects.update_or_create(
            release=release,
            defaults={
                "site": self.site_key,
                "post_id": item.post_id,
                "guid": item.guid[:500],
                "link": item.link[:500],
                "language": item.language[:35],
                "translation_group": item.translation_group[:100],
                "snapshot": snapshot,
                "imported_at": timezone.now(),
            },
        )
        line.permalink = release.get_absolute_url()
        if release.status != Release.Status.DRAFT:
            line.old_addresses = self.register_old_addresses(release, values["old_addresses"], line)

    def existing_post(self, item):
        posts = WordPressPost.objects.select_related("release")
        return posts.filter(site=self.site_key, post_id=item.post_id).first() or (
            posts.filter(guid=item.guid).first() if item.guid else None
        )

    def values(self, item, images):
        """Everything the release will be given, as plain data: compared with the last import's."""
        converted = html_to_markdown(item.content, image_url=images.url_for)
        title = Truncator(markdown.plain_text(item.title)).chars(300)
        if not title:
            text = markdown.plain_text(markdown.render(converted.markdown))
            title = Truncator(text).words(12) or f"WordPress post {item.post_id}"
        body, draft = self.find_structure(title, converted.markdown, item)
        published = item.status in PUBLISHED_STATUSES
        date = self.post_date(item) if published else None
        if published and date is None:
            raise ItemFailed("published, but the export gives no date")
        topics = []
        for term in item.terms_in("category", "post_tag"):
            name = markdown.plain_text(term.name)[:100]
            if name and not UNCATEGORIZED.match(term.slug.lower()) and name.lower() not in map(str.lower, topics):
                topics.append(name)
        return {
            "title": title,
            "slug": self.slug_base(item, title),
            "body": body,
            "structure": structure_of(draft),
            "summary": markdown.plain_text(item.excerpt),
            "status": "published" if published else "draft",
            "date": date.isoformat() if date else None,
            "topics": topics,
            "source_url": item.link[:500] if published and item.link.startswith(("http://", "https://")) else "",
            "featured": self.featured_source(item),
            "old_addresses": self.old_addresses(item) if published else [],
            "images": images.names(),
        }

    def find_structure(self, title, body, item):
        """(body, Draft or None): the text structure parser (releases.importers.text) reads the
        post as a release as written: its title, then its text. When it finds quotes,
        signatories, an About or a press contact, the release takes them, and the parser's
        body, where each quote's place is [[quote N]] and the parts it took are gone. A body
        with images or code keeps its converted text (the parser reads text: it would drop
        them), as does one where nothing is found."""
        if "![" in body or "```" in body or not body.strip():
            return body, None
        language = item.language if item.language in ("en", "es") else None
        parsed = parse_release(f"{title}\n\n{body}", format="markdown", language_hint=language)
        if not (parsed.quotes or parsed.signatories or parsed.boilerplates or parsed.contacts):
            return body, None
        return parsed.body.strip(), draft_from_parse(parsed, issuer=self.issuer.name)

    def attach_structure(self, release, structure, line):
        """The quotes, signatories, resources and About the parser found (none: any left by an
        earlier import go), through the text importer's own saving (releases.importers.drafts)."""
        earlier = release.quotes.exists() or release.signatories.exists() or release.release_contacts.exists()
        if not structure and not earlier:
            return
        draft = Draft(title=release.title, issuer=self.issuer.name, **structure)
        saved = attach_parts(release, draft)
        parts = {
            f"{len(draft.quotes)} quotes": draft.quotes,
            f"{len(draft.signatories)} signatories": draft.signatories,
            "About": draft.boilerplates,
            "press contact": draft.media_contact,
        }
        if structure:
            line.notes.append("structure found: " + ", ".join(name for name, found in parts.items() if found))
        line.notes.extend(saved.notes)
        if saved.created:
            line.notes.append("new in the directory: " + ", ".join(str(record) for record in saved.created))

    def post_date(self, item):
        if item.date_gmt:
            return item.date_gmt
        if item.date_local:
            return timezone.make_aware(item.date_local, self.time_zone).astimezone(dt_timezone.utc)
        return None

    def apply(self, release, item, values, line):
        structure = values["structure"]
        release.title = values["title"]
        release.body = values["body"]
        release.subtitle = Truncator(structure.get("subtitle", "")).chars(500)
        release.dateline = Truncator(structure.get("dateline", "")).chars(120)
        release.unnamed_signatory_count = structure.get("unnamed_signatory_count", 0)
        release.summary = values["summary"]
        release.source_url = values["source_url"]
        release.issuer = self.issuer
        wanted = values["slug"]
        if not (release.slug == wanted or re.fullmatch(re.escape(wanted) + r"-\d+", release.slug or "")):
            release.slug = available_slug(wanted, release)
        if values["status"] == "published":
            date = datetime.fromisoformat(values["date"])
            if release.state == Release.State.WITHDRAWN:
                line.notes.append("withdrawn here: stays withdrawn")
            else:
                release.status = Release.Status.PUBLISHED
            release.publish_at = release.first_published_at = date
        elif release.state in (Release.State.PUBLISHED, Release.State.WITHDRAWN):
            # A permalink the public has seen never goes away: withdraw it here if need be.
            line.notes.append("a draft again in WordPress: stays published here")
        else:
            release.status = Release.Status.DRAFT
            release.publish_at = release.first_published_at = None

    def topic_objects(self, names, pending):
        topics = []
        for name in names:
            key = name.lower()
            topic = self.topics.get(key) or pending.get(key) or Topic.objects.filter(name__iexact=name).first()
            if topic is None:
                slug = slugify(name)[:90].strip("-")
                if len(slug.replace("-", "")) * 2 < len(re.sub(r"[\W_]+", "", name)):
                    slug = "topic"  # a name in another script: topic, topic-2, …
                topic = Topic.objects.create(name=name, slug=unique_slug(Topic, slug or "topic"))
            pending[key] = topic
            topics.append(topic)
        return topics


STRUCTURE_FIELDS = (
    "subtitle", "dateline", "quotes", "signatories", "unnamed_signatory_count", "resources", "boilerplates",
    "media_contact",
)  # fmt: skip


def structure_of(draft):
    """The parts of a Draft the import keeps, as plain data (compared between runs); {} for none."""
    if draft is None:
        return {}
    return {name: getattr(draft, name) for name in STRUCTURE_FIELDS}
