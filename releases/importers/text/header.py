"""The top of a release: its title, the deck under it, and the lines around them that are not
the story ("FOR IMMEDIATE RELEASE", a date line, a press contact, contacts listed one a line).

The title is the first line that is none of those (a rich source's first-level heading wins).
The deck is the block right after the title when it reads as a headline: no full stop, or one
short sentence followed by the lead, never a paragraph that opens with a dateline or says
"today" or "announced" (that is the lead itself). Bold, italic or a heading in a rich source
says so outright.
"""

import re

from releases.importers.text import contacts, datelines, marks
from releases.importers.text.blocks import Block
from releases.importers.text.dates import TODAY, is_date_line
from releases.importers.text.names import sentences

LEAD_WORDS = re.compile(r"\b(?:announced|announces|anunci[oó]|anuncia|presentó|presenta)\b", re.IGNORECASE)
BYLINE = re.compile(r"^(?:by|por)\s+[A-ZÀ-Þ][\w.'’-]+(?:\s+[A-ZÀ-Þ][\w.'’-]+){0,4}$")
DECK_WORDS = 40
DECK_SENTENCE_WORDS = 25


def read_header(blocks, found, language):
    """Set title, deck, label, date line and top contacts on `found`; return the index where the story starts."""
    _split_header_lines(blocks, language)
    i = _skip_header_items(blocks, 0, found, language)
    if i >= len(blocks):
        return i
    heading = next(
        (k for k in range(i, min(i + 3, len(blocks))) if blocks[k].kind == "heading" and blocks[k].level == 1), None
    )
    if heading is not None:
        for k in range(i, heading):
            blocks[k].role = blocks[k].role or "header"
        i = heading
    title = blocks[i]
    found.title = title.lines[0]
    title.role = "title"
    if len(title.lines) > 1 and title.kind != "heading":
        # Title and deck printed on consecutive lines: the rest of the block is read on its own.
        rest = Block(lines=title.lines[1:], marks=title.marks[1:] if title.marks else None, index=title.index)
        blocks.insert(i + 1, rest)
    elif title.kind == "heading":
        found.title = title.text
    i = _skip_header_items(blocks, i + 1, found, language)
    if i < len(blocks) and is_deck(blocks[i], blocks[i + 1] if i + 1 < len(blocks) else None, language):
        found.subtitle = blocks[i].text
        blocks[i].role = "deck"
        i = _skip_header_items(blocks, i + 1, found, language)
    return i


def _split_header_lines(blocks, language, reach=4):
    """Header lines typed without blank lines between them ("FOR IMMEDIATE RELEASE" / "Contact: …") stand apart."""
    i = 0
    while i < min(reach, len(blocks)):
        block = blocks[i]
        if len(block.lines) > 1 and block.kind == "p":
            first = block.lines[0]
            if (
                marks.release_label(first)
                or is_date_line(first, language)
                or contacts.label_of(first)[0]
                and contacts.has_details(first)
            ):
                marks_ = block.marks
                blocks[i : i + 1] = [
                    Block(lines=[first], marks=marks_[:1] if marks_ else None, index=block.index),
                    Block(lines=block.lines[1:], marks=marks_[1:] if marks_ else None, index=block.index),
                ]
        i += 1


def _skip_header_items(blocks, i, found, language):
    while i < len(blocks):
        block = blocks[i]
        text = block.text
        label = marks.release_label(text) if block.is_single_line() or len(text) < 120 else None
        if label:
            found.release_label = found.release_label or label[0]
            date = is_date_line(label[1], language) if label[1] else None
            if label[1] and not date and block.is_single_line():
                block.lines[0] = label[1]  # "PRESS RELEASE: Acme opens …": the rest is the title
                if block.marks:
                    block.marks[0] = label[1]
                return i
            if date and not found.date:
                found.date = date.value
            block.role = "header"
        elif is_date_line(text, language) and block.is_single_line():
            found.date = found.date or is_date_line(text, language).value
            block.role = "header"
        elif block.is_single_line() and BYLINE.match(text):
            block.role = "header"
        elif (
            contacts.label_of(block.lines[0])[0]
            and contacts.has_details(text)
            or (
                contacts.label_of(block.lines[0])[0]
                and i + 1 < len(blocks)
                and contacts.is_contact_block(blocks[i + 1])
            )
        ):
            label_text, rest = contacts.label_of(block.lines[0])
            lines = ([rest] if rest else []) + block.lines[1:]
            block.role = "contact"
            while i + 1 < len(blocks) and contacts.is_contact_block(blocks[i + 1]):
                i += 1
                blocks[i].role = "contact"
                lines += blocks[i].lines
            found.contacts += contacts.parse(lines, label_text)
        elif found.title and contacts.is_contact_list(block) and all(len(line) < 120 for line in block.lines):
            block.role = "contact"
            found.contacts += contacts.parse(block.lines, None)
        elif marks.end_mark(text):
            block.role = "end"
            found.end_mark = found.end_mark or marks.end_mark(text)
        elif marks.STRAY_MARK.match(text.strip()):
            block.role = "stray"
        else:
            return i
        i += 1
    return i


def is_deck(block, following, language):
    """Whether the block after the title is a deck rather than the lead."""
    if following is None or block.kind == "list" or len(block.lines) > 2:
        return False
    text = block.text
    words = len(text.split())
    if words > DECK_WORDS or datelines.find(text, language) or contacts.has_details(text):
        return False
    if block.kind == "heading" or block.emphasis:
        return True
    if TODAY.search(text) or LEAD_WORDS.search(text):
        return False
    if not re.search(r"[.!?…:]$", text.rstrip('"”’»)')):
        return True
    said = sentences(text)
    return (
        len(said) == 1
        and words <= DECK_SENTENCE_WORDS
        and following.kind == "p"
        and len(following.text.split()) > words
        and not marks.end_mark(following.text)
    )
