"""The dateline: where (and often when) a release was issued, printed before the lead's first word.

"WASHINGTON, DC –", "New York, NY—", "(Austin, Texas)—", "SACRAMENTO –",
"SAN FRANCISCO, Sept. 14, 2015 –", "NEW YORK, Jan. 5, 2020 /PRNewswire/ --",
"MADRID, 12 de noviembre de 2019.-": a short place (capitalized words, a
comma before a state or country), perhaps a date and a wire credit, then a dash.
"""

import re
from dataclasses import dataclass

from releases.importers.text.dates import first_date
from releases.importers.text.names import UPPER

DASH = r"(?:\s*(?:--|[\u2013\u2014\u2015])\s*|\s+-\s+|\.\s?[-\u2013\u2014]\s*)"
HEAD = re.compile(rf"^(?P<head>\(?[^()\u2013\u2014\u2015]{{2,90}}?\)?(?:\s*\([A-Z][\w ]{{0,20}}\))?){DASH}(?=\S)")
PLACE_WORD = re.compile(rf"^(?:[{UPPER}][\w.’'-]*,?|de|del|la|las|los|el|of|upon|on|am|sur|da|do|dos)$")
WIRE = re.compile(r"/[^/]{2,30}/|\((?:AP|Reuters|AFP|EFE|Europa Press|PRNewswire|Business Wire|[A-Z]{2,6})\)")


@dataclass
class Dateline:
    place: str
    raw: str  # as printed, through the dash
    date: object = None  # datetime.date, when one is printed in it
    date_printed: str = ""


def find(paragraph, language=None):
    """The dateline at the start of a paragraph, or None."""
    match = HEAD.match(paragraph)
    if not match:
        return None
    head = match.group("head")
    rest = paragraph[match.end() :]
    if not re.match(rf"[\"“‘«¿¡(]?[{UPPER}0-9]", rest):
        return None
    body = WIRE.sub(" ", head).strip()
    if body.startswith("(") and body.endswith(")"):
        body = body[1:-1].strip()
    found = first_date(body, language)
    place = body[: found.start] if found else body
    place = place.strip(" ,;")
    if paragraph[len(head) : len(head) + 1] == "." and not found and len(place.split()[-1]) <= 6:
        place += "."  # "RIVERSIDE, Calif. —": the full stop belongs to the abbreviation
    if place.endswith(".") and len(place.split()[-1]) > 6:
        place = place[:-1]  # "SACRAMENTO." ends a sentence; "Calif." and "D.C." are abbreviations
    if found and body[found.end :].strip(" ,.;()"):
        return None  # words after the date: not a dateline
    if not _is_place(place):
        return None
    raw = paragraph[: match.end()].rstrip()
    return Dateline(
        place=place, raw=raw, date=found.value if found else None, date_printed=found.printed if found else ""
    )


def _is_place(text):
    words = text.split()
    if not 1 <= len(words) <= 6 or len(text) > 50:
        return False
    if not all(PLACE_WORD.match(word) for word in words):
        return False
    # A place is one or two parts ("Washington, DC"); more commas is a list, not a place.
    return text.count(",") <= 2 and not re.search(r"\d", text)


def strip(paragraph, dateline):
    """The paragraph without its dateline."""
    return paragraph[len(dateline.raw) :].lstrip()
