"""A release as written becomes a structured draft.

    from releases.importers.text import parse_release

    parsed = parse_release(text_or_html)              # plain text, or HTML (found by its tags)
    parsed = parse_release(data, filename="x.docx")   # bytes of an upload: .docx, .md, .html, .txt
    parsed.title, parsed.subtitle, parsed.dateline, parsed.date, parsed.body (Markdown with [[quote N]])
    parsed.quotes[0].speaker / .title / .organization / .attribution, parsed.signatories,
    parsed.unnamed_signatory_count, parsed.boilerplates, parsed.contacts, parsed.related_resources
    parsed.to_expected_dict()  # the field names of shared/samples/releases/*.json's "expected"

Pure Python: no Django models are imported here, so the WordPress importer and the
evaluation (bench/eval_import.py) call it as is. The rules, one module each:
sources (input → blocks), header (title, deck, labels), sections (contacts,
signatory lists, resources, About, end marks), datelines and dates, quotes and
attribution, signatories, assemble (the order of the steps).
"""

from releases.importers.text.assemble import assemble
from releases.importers.text.result import Boilerplate, Contact, ParsedRelease, Resource
from releases.importers.text.sources import FORMATS, detect_format, to_blocks

__all__ = ["Boilerplate", "Contact", "ParsedRelease", "Resource", "SourceError", "parse_release"]

MAX_SOURCE_BYTES = 5 * 1024 * 1024


class SourceError(ValueError):
    """The source cannot be read (too large, an unknown format, a broken .docx)."""


def parse_release(source, *, language_hint=None, format=None, filename=None):
    """Parse one release. `source` is text (plain, Markdown or HTML) or the bytes of an uploaded file.

    `format` is one of "text", "html", "markdown", "docx"; left out, it follows the
    file name's extension, then the bytes (a .docx is a ZIP), then the text (HTML tags).
    `language_hint` ("en", "es") overrides the guess from the text's commonest words.
    """
    if source is None:
        source = ""
    if len(source) > MAX_SOURCE_BYTES:
        raise SourceError(f"The release is larger than {MAX_SOURCE_BYTES // (1024 * 1024)} MB.")
    fmt = format or detect_format(source, filename)
    if fmt not in FORMATS:
        raise SourceError(f"Unknown format {fmt!r}; expected one of {', '.join(FORMATS)}.")
    try:
        blocks = to_blocks(source, fmt)
    except Exception as error:  # a corrupt .docx raises from inside zipfile or mammoth
        if fmt == "docx":
            raise SourceError(f"The Word file could not be read ({error.__class__.__name__}).") from error
        raise
    return assemble(blocks, language_hint=language_hint)
