"""Quotes: words in quotation marks (or a statement without them) that the text gives to someone.

A quoted passage is a quote when the text says who said it: in the same
paragraph before or after it (attribution.py), in the paragraph after a
paragraph that is only the quote, or by carrying on from the quote before (a
second paragraph of the same speaker, "He continues", a passage printed with
only its closing mark). A passage in quotation marks that no one is said to
have said (a phrase cited from a ruling, a scare quote) stays in the text.
A quote's paragraph becomes "[[quote N]]" in the body; prose around it stays.
"""

import re
from dataclasses import dataclass

from releases.importers.text import attribution, speakers
from releases.importers.text.quotemarks import (
    blockquote_segments,
    join_halves,
    pieces,
    segments,
    tidy_quote,
    whole_paragraph,
    word_count,
)
from releases.importers.text.words import SPEECH_VERB

MIN_WORDS = 5  # fewer words in quotation marks is a cited phrase, not a quote
PRONOUN_LEAD = re.compile(rf"^(?:he|she|they|él|ella)\s+(?:{SPEECH_VERB})\s*[:,]?\s*$", re.IGNORECASE)
STATEMENT_LEAD = re.compile(r"^(?P<lead>[^:“”\"«»]{3,200}?):\s+(?=[A-ZÀ-Þ¿¡])")


@dataclass
class Quote:
    text: str
    speaker: str = None
    title: str = None
    organization: str = None
    attribution: str = None
    attribution_as_printed: str = ""
    marked_by_quotation_marks: bool = True
    continuation_of_previous: bool = False
    multi_paragraph: bool = False
    title_from_context: bool = False
    pending: str = ""  # "surname" or "pronoun": the speaker is named elsewhere in the text
    tentative: bool = False  # a passage left open, waiting for its end and attribution

    def take(self, found):
        self.tentative = False
        self.speaker, self.title, self.organization = found.speaker, found.title, found.organization
        self.attribution = found.attribution
        self.attribution_as_printed = found.printed
        self.pending = "surname" if found.surname_only else ("pronoun" if found.pronoun else "")


def find_quotes(blocks, full_text, known=frozenset(), statement=None):
    """The quotes, and for each block what stays of it: None (all of it) or a list of prose and quote numbers.

    `statement`: the speaker of a release titled "Statement of …", whose paragraphs are one quote.
    """
    finder = _Finder(blocks, full_text, known)
    if statement is not None:
        finder.statement = Quote(text="", marked_by_quotation_marks=False)
        finder.statement.take(statement)
    finder.run()
    return finder.quotes, finder.items


class _Finder:
    def __init__(self, blocks, full_text, known):
        self.blocks, self.full_text, self.known = blocks, full_text, known
        self.quotes, self.items = [], {}
        self.open = None  # a quote whose closing mark is still to come
        self.lead = None  # (attribution, its paragraph, the prose before it) waiting for its quote
        self.last_position = -9  # the paragraph that last held a quote or its attribution
        self.statement = None  # a statement without quotation marks, paragraph after paragraph
        self.positions = {}  # id(quote) → the paragraphs it spans

    def run(self):
        for position, block in enumerate(self.blocks):
            if position in self.items:
                continue  # an attribution paragraph already read with its quote
            if block.kind in {"p", "quote"}:
                self.paragraph(position, block)
            else:
                self.open = self.lead = None
                if self.statement is not None and self.statement in self.quotes:
                    self.statement = None
        self.drop_tentative()
        speakers.resolve(self.quotes, self.full_text)
        for quote in self.quotes:  # "he said" with no one before, or a surname alone: no source
            if not (quote.speaker or quote.attribution) or not word_count(quote.text):
                quote.tentative = True
        self.drop_tentative()
        for quote in self.quotes:
            quote.text = tidy_quote(quote.text)

    def drop_tentative(self):
        """A passage left open that no one was said to have said goes back into the text as printed."""
        dropped = [q for q in self.quotes if q.tentative]
        if not dropped:
            return
        old = list(self.quotes)
        self.quotes = [q for q in old if not q.tentative]
        renumber = {old.index(q) + 1: n for n, q in enumerate(self.quotes, start=1)}
        as_text = {old.index(q) + 1: f"“{q.text}”" for q in dropped if q.text.strip()}
        for quote in dropped:
            for position in self.positions.get(id(quote), ()):
                pieces = self.items.get(position) or []
                if not any(isinstance(p, int) and p in renumber for p in pieces):
                    self.items[position] = None  # the paragraph as printed
        for position, pieces in self.items.items():
            if pieces is not None:
                pieces = [renumber.get(p, as_text.get(p)) if isinstance(p, int) else p for p in pieces]
                self.items[position] = [p for p in pieces if p is not None]

    def paragraph(self, position, block):
        text = block.text
        segs = segments(text)
        if block.kind == "quote" and not any(s.quoted for s in segs):
            segs = blockquote_segments(text)
        if not any(s.quoted for s in segs):
            self.unmarked(position, text)
            return
        plain = {i: s.text for i, s in enumerate(segs) if not s.quoted}
        out, current, whole = {}, None, whole_paragraph(segs)
        for i, seg in enumerate(segs):
            if not seg.quoted:
                continue
            before = plain.get(i - 1, "")
            if self.open is not None and i == 0 and not before.strip():
                current = self.open  # the quote goes on in this paragraph
                current.text += "\n\n" + seg.text.strip()
                current.multi_paragraph = True
                out[i] = "joined"
                self._after(current, plain, i)
                if current.tentative and seg.closed and whole:
                    found = self.next_paragraph_attribution(position)
                    if found is not None:
                        current.take(found)
            elif current is not None and not before.strip(" ,.;:\u2014\u2013-"):
                join_halves(current, seg.text)  # "…," said Name. "…": one quote around its attribution
                out[i] = "joined"
                self._after(current, plain, i)
            else:
                current = self.new_quote(position, seg, segs, plain, i, whole)
                if current is None:
                    out[i] = "cited"
                    continue
                if self.quotes and current is self.quotes[-1]:
                    out[i] = "joined"  # another paragraph of the quote before
                else:
                    self.quotes.append(current)
                    out[i] = len(self.quotes)
            self.open = None if seg.closed else current
            self.last_position = position
            self.positions.setdefault(id(current), []).append(position)
        self.statement = None
        self.items[position] = pieces(text, segs, plain, out)

    def new_quote(self, position, seg, segs, plain, i, whole):
        """A quoted passage that starts a quote, with its speaker; None for a cited phrase."""
        quote = Quote(text=seg.text.strip())
        if not word_count(quote.text):
            return None
        before = plain.get(i - 1, "")
        adjacent = self.quotes and position - 1 <= self.last_position
        lead, self.lead = self.lead, None  # a waiting attribution serves this passage or none
        found, prose = attribution.before_quote(before, self.known) if before.strip() else (None, before)
        if found and (found.speaker or found.attribution or found.pronoun):
            quote.take(found)
            if found.speaker or found.pronoun:
                plain[i - 1] = prose + " "  # a lead-in naming no one ("In the letter, …:") stays in the text
        elif not seg.opened and adjacent:
            quote.continuation_of_previous = True
            speakers.copy_speaker(quote, self.quotes[-1])
            if lead is not None and lead[0].pronoun:  # "He continues" / "She added" before it
                self.lead = lead
                self.use_lead(quote)
        elif lead is not None and i == 0 and not before.strip():
            self.lead = lead
            self.use_lead(quote)
        if not (quote.speaker or quote.attribution or quote.pending):
            if word_count(quote.text) < MIN_WORDS:
                return None
            found, consumed = attribution.after_quote(plain.get(i + 1, ""), self.known)
            if found is not None:
                plain[i + 1] = plain[i + 1][consumed:]
            elif whole:
                found = self.next_paragraph_attribution(position)
            if found is None:
                if whole and adjacent and not self.quotes[-1].tentative:
                    last = self.quotes[-1]  # another paragraph of the same speaker
                    last.text += "\n\n" + quote.text
                    last.multi_paragraph = True
                    return last
                if not seg.closed:
                    quote.tentative = True  # its end, and who said it, may come in the next paragraph
                    return quote
                return None
            quote.take(found)
        return quote

    def _after(self, quote, plain, i):
        if quote.speaker or quote.attribution or quote.pending or (i + 1) not in plain:
            return
        found, consumed = attribution.after_quote(plain[i + 1], self.known)
        if found is not None:
            quote.take(found)
            plain[i + 1] = plain[i + 1][consumed:]

    def use_lead(self, quote):
        found, position, prose = self.lead
        quote.take(found)
        self.positions.setdefault(id(quote), []).append(position)
        self.items[position] = [prose] if prose.strip() else []
        self.lead = None

    def unmarked(self, position, text):
        """A paragraph without quotation marks: a statement after "Name said:", or a lead for the next one."""
        self.open = None
        if self.statement is not None and not text.rstrip().endswith(":"):
            quote = self.statement  # "Statement of …", "… issued the following statement:": paragraph after paragraph
            if quote in self.quotes:
                quote.text += "\n\n" + text
                quote.multi_paragraph = True
                self.items[position] = []
                self.positions.setdefault(id(quote), []).append(position)
            else:
                quote.text = text
                self.add_alone(position, quote)
            return
        intro = speakers.statement_intro(text, self.known)
        if intro is not None:
            self.statement = Quote(text="", marked_by_quotation_marks=False)
            self.statement.take(intro)
            self.lead = (intro, position, "")  # or the statement is printed in quotation marks
            self.items[position] = []
            return
        if self.lead is not None and self.lead[0].speaker and position - 1 == self.lead[1]:
            quote = Quote(text=text, marked_by_quotation_marks=False)
            self.use_lead(quote)
            self.add_alone(position, quote)
            return
        self.lead = None
        if PRONOUN_LEAD.match(text.strip()):  # "She added" on its own: the next passage is hers
            self.lead = (attribution.Attribution(pronoun=True, printed=text.strip()), position, "")
            self.last_position = position
            return
        if text.rstrip().endswith(":"):
            found, prose = attribution.before_quote(text, self.known)
            if found and found.speaker:
                self.lead = (found, position, prose)
            return
        match = STATEMENT_LEAD.match(text)
        if match:
            found, prose = attribution.before_quote(match.group("lead") + ":", self.known)
            if found and found.speaker and not prose.strip():
                quote = Quote(text=text[match.end() :].strip(), marked_by_quotation_marks=False)
                quote.take(found)
                self.add_alone(position, quote)

    def add_alone(self, position, quote):
        self.quotes.append(quote)
        self.items[position] = [len(self.quotes)]
        self.last_position = position
        self.positions.setdefault(id(quote), []).append(position)

    def next_paragraph_attribution(self, position):
        """'"…"' alone, then 'said Name, Title. He continues': the attribution opens the next paragraph."""
        nxt = self.blocks[position + 1] if position + 1 < len(self.blocks) else None
        if nxt is None or nxt.kind not in {"p", "quote"} or any(s.quoted for s in segments(nxt.text)):
            return None
        found, consumed = attribution.after_quote(nxt.text, self.known)
        if found is None:
            return None
        rest = nxt.text[consumed:].strip()
        self.items[position + 1] = [rest] if rest else []
        if PRONOUN_LEAD.match(rest):  # "He continues": the next passage is his too
            self.lead = (attribution.Attribution(pronoun=True, printed=rest), position + 1, "")
        self.last_position = position + 1
        return found
