"""The parts of a release that are not its story: contact blocks, signatory lists, related
resources, About boilerplates, end marks and source notes. Each is found by what a reader
sees (a label, a heading, a list), and its blocks are given a role so the body leaves them out.

About boilerplates are the release's closing matter: an "About X" heading counts only when
nothing but other closing matter follows it (an "About the study" heading in mid-text is the
story's own), and an unlabelled "X is a …" paragraph only in the closing run of paragraphs.
"""

import re

from releases.importers.text import boilerplate, contacts, marks, signatories
from releases.importers.text.blocks import bullet_text
from releases.importers.text.names import name_key
from releases.importers.text.result import Boilerplate

CLOSING = {"contact", "end", "stray", "source", "note", "legal", "resources", "signatories", "about"}
LIST_LINE_WORDS = 24  # a list line is a name, maybe with an affiliation: short


def find_sections(blocks, start, found, language):
    """Mark closing matter in blocks[start:]; record what it holds on `found` (a ParsedRelease)."""
    i = start
    while i < len(blocks):
        block = blocks[i]
        if block.role:
            i += 1
            continue
        i = (
            _contact(blocks, i, found)
            or _signatory_list(blocks, i, found, language)
            or _resources(blocks, i, found)
            or _simple(block, found)
            or i + 1
        )
    _about(blocks, start, found)


def _simple(block, found):
    text = block.text
    mark = marks.end_mark(text) if block.is_single_line() else None
    if mark:
        block.role = "end"
        found.end_mark = found.end_mark or mark
    elif block.is_single_line() and marks.STRAY_MARK.match(text.strip()):
        block.role = "stray"
        found.unsure.append(f"Dropped a stray mark: {text.strip()!r}.")
    elif marks.source_url(text) is not None and block.kind != "list":
        url = marks.source_url(text) or marks._link_in(" ".join(block.markdown_lines))
        if url:
            block.role = "source"
            found.source_url = found.source_url or url
        else:
            block.role = "note"  # a note naming no address stays in the text
    elif boilerplate.is_legal(text) and block.kind == "p" and len(text.split()) < 120:
        block.role = "legal"
    return None


def _contact(blocks, i, found):
    block = blocks[i]
    label, rest = contacts.label_of(block.lines[0])
    if label is None:
        return None
    lines = ([rest] if rest else []) + block.lines[1:]
    if not lines and not (i + 1 < len(blocks) and contacts.is_contact_block(blocks[i + 1])):
        return None
    if (
        lines
        and not contacts.has_details(" ".join(lines))
        and not (i + 1 < len(blocks) and contacts.is_contact_block(blocks[i + 1]))
    ):
        return None
    block.role = "contact"
    j = i + 1
    while j < len(blocks) and not blocks[j].role and contacts.is_contact_block(blocks[j]):
        if contacts.label_of(blocks[j].lines[0])[0]:
            break
        blocks[j].role = "contact"
        lines += [""] + blocks[j].lines
        j += 1
    found.contacts += contacts.parse(_entries(lines), label)
    return j


def _entries(lines):
    """A blank line between blocks ends a contact; contacts.parse also starts one after details."""
    out = []
    for line in lines:
        out.append(line)
    return [line for line in out if line]


def _signatory_list(blocks, i, found, language):
    block = blocks[i]
    head_lines = 0
    if block.kind in {"p", "heading"} and signatories.is_heading(block.lines[0]):
        head_lines = 1
    elif block.kind == "p" and block.text.endswith(":") and signatories.SIGNING_RE.search(block.text):
        head_lines = len(block.lines)
    if not head_lines:
        return None
    lines = list(block.lines[head_lines:]) if block.kind != "list" else list(block.lines)
    j = i + 1
    while j < len(blocks) and not blocks[j].role and _is_list_block(blocks[j]):
        lines += [bullet_text(line)[0] for line in blocks[j].lines]
        j += 1
    if len([line for line in lines if line.strip()]) < 2:
        return None
    signed = signatories.from_lines(lines, language)
    if len(signed.organizations) + len(signed.individuals) < 2:
        return None
    for k in range(i, j):
        blocks[k].role = "signatories"
    _add_signed(found, signed)
    found._signatory_lead = block.text
    return j


def _is_list_block(block):
    if block.kind == "list":
        return True
    if block.kind != "p":
        return block.kind == "heading" and bool(signatories.SUBHEADING.match(block.text))
    return all(
        len(line.split()) <= LIST_LINE_WORDS and not re.search(r"[a-z]{3,}\.\s*$", line) for line in block.lines
    )


def _add_signed(found, signed):
    keys = {name_key(n) for n in found.signatories}
    for name in signed.organizations:
        if name_key(name) not in keys:
            found.signatories.append(name)
            keys.add(name_key(name))
    found.individual_signatories += signed.individuals
    found.unnamed_signatory_count = found.unnamed_signatory_count or signed.unnamed


def _resources(blocks, i, found):
    block = blocks[i]
    if not (block.is_single_line() and marks.RESOURCES_HEADING.match(block.text.strip())):
        return None
    j = i + 1
    items = []
    while j < len(blocks) and not blocks[j].role and blocks[j].kind == "list":
        items += list(zip(blocks[j].lines, blocks[j].markdown_lines, strict=False))
        j += 1
    if not items:
        return None
    for k in range(i, j):
        blocks[k].role = "resources"
    found.related_resources += [marks.resource_from_item(text, md) for text, md in items]
    return j


def _about(blocks, start, found):
    """Labelled About sections in the closing matter, then unlabelled ones before them, from the end."""
    tail = len(blocks)
    while tail > start and (
        blocks[tail - 1].role in CLOSING
        or _about_at(blocks, tail - 1, start)
        or (tail < len(blocks) and blocks[tail].role in {"legal", "note"} and _starts_section(blocks[tail - 1]))
    ):
        tail -= 1
    sections = []
    i = tail
    while i < len(blocks):
        org, j = _labelled(blocks, i)
        if org:
            own = getattr(blocks[i], "_run_in_text", "")
            text = "\n\n".join([own] * bool(own) + [b.text for b in blocks[i + 1 : j]])
            sections.append(Boilerplate(org, text, labelled=True))
            for k in range(i, j):
                blocks[k].role = "about"
            i = j
            continue
        block = blocks[i]
        if not block.role and block.kind == "p" and boilerplate.identity_org(block.text):
            sections.append(Boilerplate(boilerplate.identity_org(block.text), block.text, labelled=False))
            block.role = "about"
        i += 1
    found.boilerplates += sections


def _about_at(blocks, i, start):
    """Whether block i begins, or belongs to, an About section or is an unlabelled boilerplate."""
    block = blocks[i]
    if block.role or block.kind not in {"p", "heading"}:
        return False
    if _labelled(blocks, i)[0] or boilerplate.identity_org(block.text):
        return True
    # A paragraph under an "About X" heading: look back for the heading over plain paragraphs.
    k = i - 1
    while k >= start and blocks[k].kind == "p" and not blocks[k].role and not _labelled(blocks, k)[0]:
        k -= 1
    return k >= start and bool(_labelled(blocks, k)[0]) and i - k <= 4


def _labelled(blocks, i):
    """(organization, end) of an "About X" section starting at block i, or (None, i)."""
    block = blocks[i]
    if block.role and block.role != "about" or block.kind not in {"p", "heading"}:
        return None, i
    org = boilerplate.heading_org(block.lines[0])
    if org and block.kind == "heading" and not block.is_single_line():
        org = None
    if org:
        j = i + 1
        while j < len(blocks) and blocks[j].kind == "p" and not blocks[j].role and not _starts_section(blocks[j]):
            j += 1
        if not block.is_single_line():  # the heading and its paragraph typed without a blank line between
            block._run_in_text = " ".join(block.lines[1:])
            return org, j
        return (org, j) if j > i + 1 else (None, i)
    run = boilerplate.run_in(block.text)
    if run and len(block.text.split()) > 12:
        block._run_in_text = run[1]
        return run[0], i + 1
    return None, i


def _starts_section(block):
    first = block.lines[0]
    heading = block.is_single_line() and len(first.split()) <= 8 and not re.search(r"[.!?,;:]$", first)
    return bool(
        heading
        or boilerplate.heading_org(first)
        or contacts.label_of(first)[0]
        or marks.end_mark(first)
        or boilerplate.is_legal(block.text)
        or marks.source_url(block.text) is not None
    )
