"""WordPress exports (WXR) read into plain records, and post HTML into Markdown.

The import command (releases.management.commands.import_wordpress) maps these
records onto releases; nothing here imports Django models.
"""

from releases.importers.wordpress.content import Converted, html_to_markdown, wpautop
from releases.importers.wordpress.reader import WxrError, WxrReader, attachments_by_id
from releases.importers.wordpress.records import (
    Attachment,
    Author,
    BrokenItem,
    Item,
    Language,
    Site,
    Term,
    decode_slug,
    permalink_path,
)

__all__ = [
    "Attachment",
    "Author",
    "BrokenItem",
    "Converted",
    "Item",
    "Language",
    "Site",
    "Term",
    "WxrError",
    "WxrReader",
    "attachments_by_id",
    "decode_slug",
    "html_to_markdown",
    "permalink_path",
    "wpautop",
]
