"""Dates and numbers as printed, in English and Spanish.

Month names, weekdays and orders are dateparser's business (pinned in
requirements.txt); numbers in words ("Seventy", "sixty-four", "doce") are
text2num's. This module only decides where a date may stand: a year is found,
and the few words before it (or the token holding it, "2023-04-26") are handed
to dateparser, which must find a day, a month and the year.
"""

import functools
import re
from dataclasses import dataclass

YEAR = re.compile(r"(?<![\d/.-])(1[89]\d\d|20\d\d)(?![\d])")
SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "STRICT_PARSING": True,
    "PREFER_DATES_FROM": "past",
    "RETURN_AS_TIMEZONE_AWARE": False,
}
MAX_WORDS = 6  # "Wednesday, April 26, 2023", "martes 12 de noviembre de 2019"
TODAY = re.compile(r"\b(?:today|this morning|this afternoon|tonight|hoy|esta mañana|esta tarde)\b", re.IGNORECASE)


@dataclass
class FoundDate:
    value: object  # datetime.date
    start: int
    end: int
    printed: str


def languages(language):
    return [language, "en"] if language and language != "en" else ["en", "es"]


@functools.lru_cache(maxsize=512)
def _parse(words, langs):
    import dateparser

    try:
        parsed = dateparser.parse(words, languages=list(langs), settings=SETTINGS)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date() if parsed else None


def find_dates(text, language=None):
    """Every full date printed in `text` (day, month and year), in order."""
    found, langs = [], tuple(languages(language))
    tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]
    for index, (_, end, token) in enumerate(tokens):
        if not YEAR.search(token):
            continue
        best = None
        # The token alone ("2023-04-26", "26/04/2023"), then with up to MAX_WORDS words before it.
        for size in range(0, MAX_WORDS + 1):
            first = index - size
            if first < 0 or (found and tokens[first][0] < found[-1].end):
                break
            span = text[tokens[first][0] : end].strip(" ,.;:()[]")
            span = re.sub(r"^[(\[]", "", span)
            value = _parse(span, langs)
            if value:  # the fewest words that make a date: "on", "and" before it are not part of it
                best = FoundDate(value, tokens[first][0], end, span)
                break
        if best:
            found.append(best)
    return found


def first_date(text, language=None):
    dates = find_dates(text, language)
    return dates[0] if dates else None


def date_of_today(paragraph, language=None):
    """A date printed beside "today" or "hoy" ("published today (19 January 2023)", "Hoy 12 de noviembre de 2019")."""
    for found in find_dates(paragraph, language):
        for today in TODAY.finditer(paragraph):
            between = paragraph[today.end() : found.start] if today.end() <= found.start else ""
            after = paragraph[found.end : today.start()] if found.end <= today.start() else None
            if (between is not None and today.end() <= found.start and len(between.split()) <= 2) or (
                after is not None and len(after.split()) <= 1
            ):
                return found
    return None


def is_date_line(text, language=None):
    """A line that is a date and little else ("January 4, 2021 at 6am ET", "Feb 13th, 2019")."""
    if len(text) > 80:
        return None
    found = first_date(text, language)
    if not found:
        return None
    rest = (text[: found.start] + " " + text[found.end :]).strip(" ,.;:-–—|()")
    # What may stand beside the date: a time and its zone, a weekday (already in the span), a label.
    rest = re.sub(r"(?i)\b(?:at|a las|updated|actualizado|posted|published|publicado|date|fecha)\b:?", " ", rest)
    rest = re.sub(r"(?i)\b\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?|h)?(?!\w)", " ", rest)
    rest = re.sub(r"\b[A-Z]{2,4}\b", " ", rest)  # a time zone
    return found if len(rest.split()) <= 1 else None  # a weekday may stand before it


def words_to_digits(text, language="en"):
    """ "Seventy national groups" → "70 national groups", "y otras doce" → "y otras 12" (text2num)."""
    from text_to_num import alpha2digit

    try:
        return alpha2digit(text, language or "en")
    except (ValueError, TypeError):
        return text
