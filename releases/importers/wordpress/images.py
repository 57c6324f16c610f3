"""A post's images, from the `wp-content/uploads` folder given with --uploads (never from the
network): the featured image into the release's image field, inline images copied into the media
storage under wordpress/<site>/. Metadata stripped and renditions made, as for every upload."""

import re
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage

from releases import markdown, publishing
from releases.importers.wordpress.report import ItemFailed
from releases.media import renditions
from releases.media.images import validate_image

RESIZED = re.compile(r"-(\d+x\d+|scaled|rotated)(?=\.[A-Za-z0-9]+$)")
UPLOADS_MARKERS = ("/wp-content/uploads/", "/files/")


class ImagesFromUploads:
    """The import run's part that finds a post's images under --uploads (self.uploads,
    self.site_hosts, self.attachments, self.dry_run, self.saved_files are the run's)."""

    def uploads_file(self, url_or_path):
        """(file under --uploads, its path there) for an upload's URL or relative path, or (None, path)."""
        relative = self.uploads_relative(url_or_path)
        if relative is None or self.uploads is None:
            return None, relative
        for candidate in dict.fromkeys([relative, RESIZED.sub("", relative)]):
            path = (self.uploads / candidate).resolve()
            if path.is_relative_to(self.uploads) and path.is_file():
                return path, candidate
        return None, relative

    def uploads_relative(self, url_or_path):
        """The path under wp-content/uploads of a URL on the old site ("2025/08/a.jpg"); None elsewhere."""
        if "://" not in url_or_path and not url_or_path.startswith("/"):
            relative = url_or_path
        else:
            parts = urlsplit(url_or_path)
            if parts.netloc and parts.netloc.lower() not in self.site_hosts:
                return None
            path = unquote(parts.path)
            marker = next((m for m in UPLOADS_MARKERS if m in path), None)
            if marker is None:
                return None
            relative = path.split(marker, 1)[1]
        relative = str(PurePosixPath(relative))
        if relative.startswith(("/", "..")) or "/../" in relative or relative in (".", ""):
            return None
        return relative

    def featured_source(self, item):
        thumbnail = item.thumbnail_id
        if not thumbnail:
            return None
        if thumbnail not in self.attachments:
            return {"missing": f"attachment {thumbnail} is not in the export"}
        source, alt = self.attachments[thumbnail]
        path, relative = self.uploads_file(source)
        return {"path": relative or source, "found": path is not None, "alt": markdown.plain_text(alt)[:300]}

    def featured_image(self, release, item, values, post, line):
        featured = values["featured"]
        if not featured:
            return
        if "missing" in featured:
            line.notes.append(f"featured image left out: {featured['missing']}")
            return
        if not featured["found"]:
            where = "not in --uploads" if self.uploads else "no --uploads given"
            line.notes.append(f"featured image left out ({where}): {featured['path']}")
            return
        before = post.snapshot.get("featured") if post else None
        if release.featured_image and before == featured:
            return
        path, _ = self.uploads_file(featured["path"])
        if self.dry_run:
            return
        try:
            with path.open("rb") as source:
                stripped = renditions.strip_metadata(File(source, name=path.name))
        except ValidationError as exc:
            line.notes.append(f"featured image left out ({' '.join(exc.messages)}): {featured['path']}")
            return
        release.featured_image.save(path.name, stripped, save=False)
        self.saved_files.append(release.featured_image.name)
        release.featured_image_alt = featured["alt"] or release.title[:300]
        publishing.save_release(release)
        self.saved_files.extend(renditions.generate_safely(release.featured_image))


class ImageCopies:
    """A post's inline images: where each goes in the media storage, copied when the post is written."""

    def __init__(self, run, item):
        self.run = run
        self.item = item
        self.copies = {}  # storage name -> file under --uploads
        self.notes = []

    def url_for(self, src):
        run = self.run
        path, relative = run.uploads_file(src)
        if relative is None:
            self.notes.append(f"image left out (not one of the site's uploads): {src[:120]}")
            return None
        if path is None:
            where = "not in --uploads" if run.uploads else "no --uploads given"
            self.notes.append(f"image left out ({where}): {relative}")
            return None
        try:
            with path.open("rb") as source:
                validate_image(File(source, name=path.name))
        except ValidationError as exc:
            self.notes.append(f"image left out ({' '.join(exc.messages)}): {relative}")
            return None
        name = f"wordpress/{run.site_key.replace('/', '_')}/{relative}"
        self.copies[name] = path
        return default_storage.url(name)

    def names(self):
        return sorted(self.copies)

    def copy_inline(self):
        """Copy each image not yet in the storage (metadata stripped, as every upload is)."""
        if self.run.dry_run:
            return
        for name, path in self.copies.items():
            if default_storage.exists(name):
                continue
            try:
                with path.open("rb") as source:
                    stripped = renditions.strip_metadata(File(source, name=path.name))
            except ValidationError as exc:
                raise ItemFailed(f"image {name} is not usable: {' '.join(exc.messages)}") from exc
            saved = default_storage.save(name, stripped)
            self.run.saved_files.append(saved)
