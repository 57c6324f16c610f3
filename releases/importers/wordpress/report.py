"""What an import run says about each item: created, updated, unchanged, skipped or failed."""

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Line:
    """One item's outcome: created, updated, unchanged, skipped or failed."""

    position: int
    post_id: str
    post_type: str
    title: str
    outcome: str
    reason: str = ""
    permalink: str = ""
    old_addresses: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def imported(self):
        return self.outcome in ("created", "updated", "unchanged")


@dataclass
class Report:
    """What a run did. Lines go to `on_line` as items are done (a large export's lines are
    not all kept in memory); the counts are kept."""

    path: str
    dry_run: bool = False
    error: str = ""  # the file could not be read through: nothing was imported
    site: object = None
    issuer: str = ""
    issuer_created: bool = False
    items: int = 0
    comments: int = 0
    control_bytes_dropped: int = 0
    counts: Counter = field(default_factory=Counter)  # outcome -> items
    not_imported: Counter = field(default_factory=Counter)  # reason -> items
    old_addresses: int = 0
    on_line: object = None

    def add(self, line):
        self.counts[line.outcome] += 1
        if line.imported:
            self.old_addresses += len(line.old_addresses)
        else:
            self.not_imported[line.reason] += 1
        if self.on_line is not None:
            self.on_line(line)

    @property
    def changed(self):
        return bool(self.counts["created"] or self.counts["updated"])


class ItemFailed(Exception):
    """An item that cannot become a release, and why (reported, the run goes on)."""


class ItemSkipped(Exception):
    """An item left as it is here, and why (reported)."""
