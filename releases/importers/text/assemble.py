"""The parser's steps in order: top, closing matter, dateline and date, quotes, signatories
named in a sentence, and the body that is left, as Markdown with "[[quote N]]" marks."""

import re

from releases.importers.text import datelines, marks, names, sections, signatories, speakers
from releases.importers.text.blocks import escape, markdown_of
from releases.importers.text.dates import date_of_today
from releases.importers.text.header import read_header
from releases.importers.text.quotes import find_quotes
from releases.importers.text.result import ParsedRelease
from releases.importers.text.words import guess_language

DEFINED = re.compile(
    r"((?:[A-ZÀ-Þ][\w&’'.-]*)(?:\s+(?:of|for|and|the|on|in|&|de|del|la|y|[A-ZÀ-Þ][\w&’'.-]*)){0,10})\s+"
    r"\((?:the\s+)?[\"“]?([A-Z][A-Za-z0-9&.-]{1,12})[\"”]?\)"
)
STORY_PARAGRAPHS = 3  # where a date beside "today" is looked for


def assemble(blocks, language_hint=None):
    full_text = "\n\n".join(b.text for b in blocks)
    found = ParsedRelease(language=guess_language(full_text, language_hint))
    found.original_text = "\n\n".join("\n".join(b.lines) for b in blocks)
    language = found.language
    start = read_header(blocks, found, language)
    sections.find_sections(blocks, start, found, language)
    # Legal notices stay in the text (they are printed, and kept nowhere else); they only end an About.
    story = [b for b in blocks[start:] if not b.role or b.role in {"legal", "note"}]
    _dateline_and_date(story, found, language)
    known = _known_organizations(full_text, found)
    statement = speakers.statement_in_title(found.title)
    quotes, items = find_quotes(story, full_text, known, statement=statement)
    found.quotes = quotes
    _signatory_sentences(story, items, found, language)
    _resource_sentences(story, items, found)
    _stated_total(story, found, language)
    _check_boilerplates(found)
    found.body = _body(story, items)
    _notes(found)
    return found


def _dateline_and_date(story, found, language):
    first = next((b for b in story if b.kind == "p"), None)
    if first is not None:
        dateline = datelines.find(first.text, language)
        if dateline:
            found.dateline, found.dateline_raw = dateline.place, dateline.raw
            found.date = found.date or dateline.date
            first.lines[0] = (
                first.lines[0][len(dateline.raw) :].lstrip()
                if first.lines[0].startswith(dateline.raw)
                else first.lines[0]
            )
            if first.marks and first.marks[0].startswith(escape(dateline.raw)):
                first.marks[0] = first.marks[0][len(escape(dateline.raw)) :].lstrip()
    if not found.date:
        for block in [b for b in story if b.kind == "p"][:STORY_PARAGRAPHS]:
            today = date_of_today(block.text, language)
            if today:
                found.date = today.value
                found.unsure.append(f"The date ({today.printed}) is from the text: “{_around(block.text, today)}”.")
                break


def _known_organizations(full_text, found):
    known = set()
    for match in DEFINED.finditer(full_text):
        known.add(names.name_key(match.group(1)))
        known.add(names.name_key(match.group(2)))
    known |= {names.name_key(b.organization) for b in found.boilerplates}
    known |= {names.name_key(s) for s in found.signatories}
    return frozenset(k for k in known if k)


def _signatory_sentences(story, items, found, language):
    """ "The letter is signed by … including A, the B, … and 57 more." in a paragraph of the story."""
    for position, block in enumerate(story):
        if block.kind != "p" or any(isinstance(p, int) for p in items.get(position) or ()):
            continue
        kept, changed = [], False
        for sentence in names.sentences(block.text):
            if signatories.is_list_sentence(sentence, language):
                signed = signatories.from_sentence(sentence, language)
                if len(signed.organizations) + len(signed.individuals) >= 2:
                    sections._add_signed(found, signed)
                    found._partial_list = signed.partial
                    changed = True
                    continue
            kept.append(sentence)
        if changed:
            items[position] = [" ".join(kept)] if kept else []


def _resource_sentences(story, items, found):
    for position, block in enumerate(story):
        if block.kind != "p" or position in items:
            continue
        resource = marks.resource_from_sentence(block.text, " ".join(block.markdown_lines))
        if resource:
            found.related_resources.append(resource)
            items[position] = []


def _stated_total(story, found, language):
    """A partial list ("including …") under a stated total: the rest are unnamed."""
    if found.unnamed_signatory_count or not found.signatories or not getattr(found, "_partial_list", False):
        return
    lead = [b.text for b in story if b.kind == "p"][:2]
    total = signatories.stated_total([found.title, *lead], language)
    named = len(found.signatories) + len(found.individual_signatories)
    if total and total > named:
        found.signatory_total_stated = total
        found.unnamed_signatory_count = total - named
        found.unsure.append(f"{total - named} unnamed signatories worked out from the stated total of {total}.")


def _check_boilerplates(found):
    """An "X is a …" paragraph about a person quoted in the release is not a boilerplate."""
    people = {q.speaker for q in found.quotes if q.speaker} | {
        q.speaker.split()[-1] for q in found.quotes if q.speaker
    }
    found.boilerplates = [b for b in found.boilerplates if b.labelled or b.organization not in people]


def _body(story, items):
    out = []
    for position, block in enumerate(story):
        pieces = items.get(position)
        if pieces is None:
            out.append(markdown_of(block))
            continue
        for piece in pieces:
            out.append(f"[[quote {piece}]]" if isinstance(piece, int) else escape(piece))
    return "\n\n".join(p for p in out if p.strip()) + "\n"


def _notes(found):
    for number, quote in enumerate(found.quotes, start=1):
        if not quote.speaker and not quote.attribution:
            found.unsure.append(f"Quote {number}: no speaker found.")
        elif quote.title_from_context:
            found.unsure.append(f"Quote {number}: {quote.speaker}'s title is from elsewhere in the text.")
        elif quote.continuation_of_previous:
            found.unsure.append(f"Quote {number}: carries on quote {number - 1}; same speaker assumed.")
    if not found.dateline:
        found.unsure.append("No dateline found.")
    if len(found.boilerplates) > 1:
        found.unsure.append(f"{len(found.boilerplates)} About paragraphs: check which one is the issuer's.")


def _around(text, found):
    return text[max(0, found.start - 40) : found.end + 10].strip()
