"""A release's published versions as the public reads them (the changes page, /v/<n>/, citations),
and the word-level difference between two of them.

Versions are those releases.versions kept (what readers saw); the newest is the release as it is
now. Only for a release its permalink shows (the views load it through `at_permalink()`), and only
versions whose time has come.
"""

import difflib
from dataclasses import dataclass

from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from releases import versions as kept

PARAGRAPH = "\n\n"
# Unchanged paragraphs shown around a change; longer runs are folded into "… N unchanged paragraphs".
CONTEXT = 1
# Beyond this many words in the paragraphs that differ, they are compared whole (quadratic worst case).
WORD_LIMIT = 20_000
HIDDEN = '<span class="visually-hidden">{}</span>'


@dataclass
class Version:
    number: int
    published_at: object
    note: str = ""
    note_id: int | None = None
    title: str = ""
    subtitle: str = ""
    dateline: str = ""
    body_html: str = ""
    text: str = ""
    current: bool = False
    diff: str = ""
    added: int = 0
    removed: int = 0


def published_versions(release, now=None):
    """[Version, ...] oldest first; the last is the release as it is now (loaded with versions.with_text())."""
    now = now or timezone.now()
    rows = list(release.published_versions.select_related("change_note").filter(published_at__lte=now))
    live = kept.snapshot(release)
    found = [
        Version(
            number=row.number,
            published_at=row.published_at,
            note=row.change_note.note if row.change_note_id else "",
            note_id=row.change_note_id,
            title=row.title,
            subtitle=row.subtitle,
            dateline=row.dateline,
            body_html=row.body_html,
            text=row.text,
        )
        for row in rows
    ]
    if not found:
        found = [Version(number=1, published_at=release.first_published_at)]
    latest = found[-1]
    latest.__dict__.update(live, current=True)  # the newest version is the release as it is now
    return found


def earlier_notes(release, found):
    """Public change notes older than the kept versions (made before versions were kept): listed, no diff."""
    attached = {v.note_id for v in found}
    return [note for note in release.change_notes.all() if note.pk not in attached]


def with_diffs(found):
    """Each version from the second on gets `diff` (paragraphs of runs) and word counts, against the one before."""
    for before, after in zip(found, found[1:], strict=False):
        paragraphs, after.added, after.removed = diff(before.text, after.text)
        after.diff = diff_html(paragraphs) if after.added or after.removed else ""
    return found


def tokens(text):
    """Words, and a paragraph mark between paragraphs."""
    found = []
    for index, paragraph in enumerate(text.split(PARAGRAPH)):
        if index:
            found.append(PARAGRAPH)
        found.extend(paragraph.split())
    return found


def diff(old, new):
    """(paragraphs, added words, removed words): paragraphs of the new text (and removed ones),
    each a list of (kind, words) runs, kind "same", "added" or "removed"; long unchanged stretches
    folded to ("fold", count of paragraphs). Paragraphs are matched first, then the words of the
    paragraphs that differ, so the cost follows what changed, not the length of the release."""
    old_paragraphs, new_paragraphs = old.split(PARAGRAPH), new.split(PARAGRAPH)
    paragraphs, added, removed = [], 0, 0
    matcher = difflib.SequenceMatcher(None, old_paragraphs, new_paragraphs, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            paragraphs.extend([("same", paragraph)] for paragraph in new_paragraphs[j1:j2])
            continue
        found, plus, minus = word_diff(PARAGRAPH.join(old_paragraphs[i1:i2]), PARAGRAPH.join(new_paragraphs[j1:j2]))
        paragraphs.extend(found)
        added, removed = added + plus, removed + minus
    return fold([runs for runs in paragraphs if runs]), added, removed


def word_diff(old, new):
    """diff() of a stretch of paragraphs that differ, word by word (unfolded)."""
    a, b = tokens(old), tokens(new)
    if len(a) > WORD_LIMIT or len(b) > WORD_LIMIT:
        a, b = old.split(PARAGRAPH), new.split(PARAGRAPH)
        a = [token for paragraph in a for token in (paragraph, PARAGRAPH)][:-1]
        b = [token for paragraph in b for token in (paragraph, PARAGRAPH)][:-1]
    paragraphs, current = [], []
    added = removed = 0

    def push(kind, token):
        nonlocal current
        if token == PARAGRAPH:
            if kind != "removed":  # a paragraph break removed: the two paragraphs now read as one
                paragraphs.append(current)
                current = []
            return
        if current and current[-1][0] == kind:
            current[-1][1].append(token)
        else:
            current.append((kind, [token]))

    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            for token in b[j1:j2]:
                push("same", token)
            continue
        for token in a[i1:i2]:
            push("removed", token)
            removed += token != PARAGRAPH
        for token in b[j1:j2]:
            push("added", token)
            added += token != PARAGRAPH
    paragraphs.append(current)
    return [[(kind, " ".join(words)) for kind, words in runs] for runs in paragraphs if runs], added, removed


def fold(paragraphs):
    """Unchanged paragraphs more than CONTEXT away from a change become one ("fold", count)."""
    changed = [any(kind != "same" for kind, _ in runs) for runs in paragraphs]
    keep = [
        any(changed[j] for j in range(max(0, i - CONTEXT), min(len(paragraphs), i + CONTEXT + 1)))
        for i in range(len(paragraphs))
    ]
    found, skipped = [], 0
    for runs, shown in zip(paragraphs, keep, strict=True):
        if shown:
            if skipped:
                found.append([("fold", skipped)])
                skipped = 0
            found.append(runs)
        else:
            skipped += 1
    if skipped:
        found.append([("fold", skipped)])
    return found


def diff_html(paragraphs):
    """The diff as HTML: <p> per paragraph, <del>/<ins> with words for screen readers."""
    out = []
    for runs in paragraphs:
        if runs[0][0] == "fold":
            count = runs[0][1]
            folded = ngettext("%(count)s unchanged paragraph", "%(count)s unchanged paragraphs", count) % {
                "count": count
            }
            out.append(f'<p class="diff-fold">… {escape(folded)} …</p>')
            continue
        parts = []
        for kind, words in runs:
            if kind == "same":
                parts.append(escape(words))
            elif kind == "added":
                said = escape(gettext("[added: "))
                parts.append(f"<ins>{HIDDEN.format(said)}{escape(words)}{HIDDEN.format(']')}</ins>")
            else:
                said = escape(gettext("[removed: "))
                parts.append(f"<del>{HIDDEN.format(said)}{escape(words)}{HIDDEN.format(']')}</del>")
        out.append("<p>" + " ".join(parts) + "</p>")
    return mark_safe("\n".join(out))  # noqa: S308 (every word escaped above)
