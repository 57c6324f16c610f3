"""Paragraphs as the parser sees them: blocks of lines, with what the source said about them.

Plain text becomes blocks at blank lines, keeping the line breaks inside a
block (a list of co-signers is one name a line; a contact block is name,
phone, email). Rich sources (HTML, Markdown, .docx; see sources.py) say more:
a heading, a list item, a block quote, a paragraph wholly in bold.
"""

import re
from dataclasses import dataclass, field

# Spaces of every width become one space; invisible characters go.
SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")
# A dash is a bullet only when it is a hyphen: "— Name, Title" after a quote is an attribution.
# A number in brackets is an item only with one or two digits: "(212) 966-5932" is a phone number.
BULLET = re.compile(r"^\s*(?:[\u2022\u2023\u25aa\u25cf\u25e6\u2043\u2219\u00b7*+\-]|\d{1,3}[.)]|\(\d{1,2}\))\s+")
NUMBERED = re.compile(r"^\s*(?:\d{1,3}[.)]|\(\d{1,2}\))\s+")


@dataclass
class Block:
    """One paragraph, heading or list as printed.

    `lines` are plain text (what the rules read); `marks` holds the same lines as
    Markdown (links and emphasis kept) when the source was rich, else None.
    """

    lines: list
    kind: str = "p"  # "p", "heading", "list" (each line an item) or "quote" (a block quote)
    level: int = 0  # heading level
    emphasis: bool = False  # wholly bold or italic in the source
    ordered: bool = False  # a numbered list
    marks: list = None
    index: int = 0  # position in the document
    role: str = ""  # what the parser decided it is
    notes: list = field(default_factory=list)

    @property
    def text(self):
        return " ".join(line for line in self.lines if line)

    @property
    def markdown_lines(self):
        return self.marks if self.marks is not None else [escape(line) for line in self.lines]

    def is_single_line(self):
        return len(self.lines) == 1


def tidy(text):
    """One space between words, no invisible characters, Unix line ends; quotes and dashes as printed."""
    text = INVISIBLE.sub("", (text or "").replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    return "\n".join(SPACES.sub(" ", line).strip() for line in text.split("\n"))


def from_plain_text(text):
    """Blocks at blank lines; lines that start with a bullet or a number form a list block."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", tidy(text)):
        lines = [line for line in chunk.split("\n") if line.strip()]
        run, run_is_list = [], None
        for line in lines:
            item, is_item = bullet_text(line)
            if run and is_item != run_is_list:
                blocks.append(_block(run, run_is_list))
                run = []
            run.append(line)
            run_is_list = is_item
        if run:
            blocks.append(_block(run, run_is_list))
    return number(blocks)


def _block(lines, is_list):
    if not is_list:
        return Block(lines=lines)
    return Block(lines=[bullet_text(line)[0] for line in lines], kind="list", ordered=bool(NUMBERED.match(lines[0])))


def number(blocks):
    for index, block in enumerate(blocks):
        block.index = index
    return blocks


def bullet_text(line):
    """The line without its bullet or number, and whether it had one ("* * *" is an end mark, not an item)."""
    if re.fullmatch(r"\s*(?:[*\-_#]\s*){2,}", line):
        return line, False
    stripped = BULLET.sub("", line, count=1)
    return stripped, stripped != line


def escape(line):
    """Plain text made safe to read back as Markdown with the same words."""
    line = re.sub(r"([\\`*_\[\]<>])", r"\\\1", line)
    line = re.sub(r"^(#{1,6}\s|>\s?|=+\s*$)", r"\\\1", line)
    return re.sub(r"^(\d{1,3})([.)]\s)", r"\1\\\2", line)


def markdown_of(block, lines=None):
    """A block as Markdown: a list as items, a heading as a heading, else a paragraph with its line breaks."""
    lines = block.markdown_lines if lines is None else lines
    if block.kind == "list":
        prefix = "1. " if block.ordered else "- "
        return "\n".join(prefix + line for line in lines)
    if block.kind == "heading":
        return "## " + " ".join(lines)
    return "  \n".join(lines) if len(lines) > 1 and _is_line_list(block.lines) else " ".join(lines)


def _is_line_list(lines):
    """Lines that stand on their own (a list of names, an address), not a wrapped paragraph."""
    return all(len(line) < 100 and not line.endswith((",", ";")) for line in lines[:-1])
