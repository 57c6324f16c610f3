"""A paragraph cut into what is inside quotation marks and what is outside, and put back together
(the prose that stays around a quote, the halves of a quote split by its attribution).

Marks of every kind pair up: “…” and "…" (and the two mixed, as typed), «…»,
„…“ and „…”, ‹…›. A straight mark opens at the start or after a space or an
opening bracket, and closes otherwise. Single marks (‘…’) count only in a
paragraph with no double marks at all, where they are the outer marks
(British style), and then an apostrophe inside a word never closes.

A paragraph may open a quote and not close it (the quote goes on in the next
paragraph), or close one it never opened (the end of a quote that began in an
earlier paragraph, or one printed with only its closing mark).
"""

import re
from dataclasses import dataclass

DOUBLE_OPEN = {"\u201c": '\u201d\u201c"', "\u00ab": "\u00bb", "\u201e": "\u201c\u201d", "\u2039": "\u203a"}
DOUBLE_CLOSE = "\u201d\u00bb\u203a"
SINGLE_OPEN = {"\u2018": "\u2019", "'": "'"}
OPENING_CONTEXT = set(" \t\n([{\u2014\u2013-:/")
ANY_MARK = re.compile('[\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a"]')


@dataclass
class Segment:
    text: str
    quoted: bool
    opened: bool = True  # a quoted segment printed with its opening mark
    closed: bool = True  # ... and with its closing mark
    mark: str = ""  # the opening mark as printed
    start: int = 0
    end: int = 0


def segments(paragraph):
    """Outside and inside parts in order. The text of a quoted part excludes its marks."""
    if ANY_MARK.search(paragraph):
        return _scan(paragraph, DOUBLE_OPEN, DOUBLE_CLOSE, straight='"')
    if re.search(r"(?:^|[\s(:])[\u2018']", paragraph):
        return _scan(paragraph, SINGLE_OPEN, "\u2019", straight="'", word_apostrophes=True)
    return [Segment(paragraph, False, start=0, end=len(paragraph))] if paragraph else []


def _scan(text, openers, closers, straight, word_apostrophes=False):
    out = []
    inside, closes_with, depth, start, mark = False, "", 0, 0, ""
    for i, ch in enumerate(text):
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if word_apostrophes and before.isalnum() and after.isalnum():
            continue  # don’t, Let's
        if word_apostrophes and inside and ch in closers and _possessive(text, i):
            continue  # workers’ rights
        is_straight = ch == straight
        if not inside:
            opens = (ch in openers and not is_straight) or (is_straight and before in OPENING_CONTEXT)
            if opens:
                if i > start or out:
                    out.append(Segment(text[start:i], False, start=start, end=i))
                inside, closes_with, depth, start, mark = True, openers.get(ch, straight), 0, i + 1, ch
            elif (ch in closers or is_straight) and not any(s.quoted for s in out) and not word_apostrophes:
                # A closing mark with no opening one: everything so far was quoted.
                whole = text[:i]
                out = [Segment(whole, True, opened=False, start=0, end=i)] if whole.strip() else []
                start = i + 1
        else:
            if ch in openers and not is_straight and ch not in closes_with:
                depth += 1
            elif ch in closes_with or (is_straight and mark != straight) or ch in closers:
                if depth:
                    depth -= 1
                    continue
                out.append(Segment(text[start:i], True, mark=mark, start=start, end=i))
                inside, start = False, i + 1
    if inside:
        out.append(Segment(text[start:], True, closed=False, mark=mark, start=start, end=len(text)))
    elif start < len(text):
        out.append(Segment(text[start:], False, start=start, end=len(text)))
    return out


def _possessive(text, i):
    """A closing single mark followed by a lower-case word that is not a speech verb: an apostrophe."""
    from releases.importers.text.words import SPEECH_VERB_RE

    following = re.match(r"\s+([a-záéíóúñ]\w*(?:\s+\w+)?)", text[i + 1 :])
    return bool(following) and not SPEECH_VERB_RE.match(following.group(1))


def has_quote(paragraph):
    return any(s.quoted for s in segments(paragraph))


def word_count(text):
    return len(re.findall(r"\w+", text))


def pieces(text, segs, plain, out):
    """What stays of a paragraph: its prose (cited phrases kept with their marks) and its quotes' numbers."""
    items, prose = [], ""
    for i, seg in enumerate(segs):
        decision = out.get(i)
        if not seg.quoted:
            prose += plain[i]
        elif decision == "cited" or decision is None:
            prose += text[max(seg.start - (1 if seg.opened else 0), 0) : seg.end + (1 if seg.closed else 0)]
        elif isinstance(decision, int):
            items.append(prose)
            items.append(decision)
            prose = ""
    items.append(prose)
    return [
        p if isinstance(p, int) else p.strip() for p in items if isinstance(p, int) or p.strip(" ,.;:\u2014\u2013-")
    ]


def blockquote_segments(text):
    """A block quote printed without marks; a last line "— Name" is its attribution."""
    parts = re.split(r"\s(?=(?:--|[\u2013\u2014])\s*[A-ZÀ-Þ])", text, maxsplit=1)
    segs = [Segment(parts[0], True, start=0, end=len(parts[0]))]
    if len(parts) > 1:
        segs.append(Segment(" " + parts[1], False, start=len(parts[0]), end=len(text)))
    return segs


def whole_paragraph(segs):
    return all(s.quoted or not s.text.strip(" ,.;:") for s in segs)


def join_halves(quote, more):
    """The two halves of a quote split by its attribution: a new sentence gets its full stop."""
    more = more.strip()
    text = quote.text.rstrip()
    if more[:1].isupper() and text.endswith(","):
        text = text[:-1].rstrip() + "."
    elif more[:1].isupper() and not re.search(r"[.!?…:;—–-]$", text):
        text += "."
    quote.text = f"{text} {more}"


def tidy_quote(text):
    """The words only: a comma left by the attribution that followed becomes a full stop."""
    paragraphs = [p.strip() for p in text.split("\n\n")]
    last = paragraphs[-1].rstrip()
    if last.endswith(","):
        last = last[:-1].rstrip() + "."
    paragraphs[-1] = last
    return "\n\n".join(paragraphs)
