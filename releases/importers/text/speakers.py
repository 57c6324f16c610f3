"""Speakers named elsewhere in the text: a pronoun ("she said") is the person quoted before; a
surname alone ("said Madden") is the person of that name first mentioned in full, with the title
printed beside that mention; and a release titled "Statement of Governor Jane Doe on …" is one
statement by that person.
"""

import re

from releases.importers.text import attribution, names

STATEMENT_TITLE = re.compile(
    r"^(?:joint\s+)?(?:statement|declaraci[oó]n|comunicado)\s+(?:of|from|by|de|del)\s+(?P<who>.+?)"
    r"(?:\s+(?:on|about|regarding|in\s+response\s+to|following|after|sobre|ante|acerca\s+de|tras)\s+.+)?$"
    r"|^(?P<who2>.+?)['’]s\s+statement\s+(?:on|about|regarding)\s+.+$",
    re.IGNORECASE,
)
STATEMENT_INTRO = re.compile(
    r"^(?P<who>[^:]{2,160}?)\s+(?:issued|released|made|gave|delivered|shared|published|emiti[oó]|ha\s+emitido|"
    r"hizo\s+p[uú]blica|difundi[oó])\s+(?:the\s+following|this|a|la\s+siguiente|el\s+siguiente)\s+"
    r"(?:statement|declaraci[oó]n|comunicado)\b[^:]{0,80}:\s*$",
    re.IGNORECASE,
)


def statement_in_title(title):
    """The person a "Statement of …" title names, or None."""
    match = STATEMENT_TITLE.match((title or "").strip())
    if not match:
        return None
    found = attribution.parse_who(match.group("who") or match.group("who2"))
    return found if found and found.speaker else None


def statement_intro(paragraph, known=frozenset()):
    """ "Governor Jane Doe issued the following statement:" → the speaker, or None."""
    match = STATEMENT_INTRO.match(paragraph.strip())
    if not match:
        return None
    found = attribution.parse_who(match.group("who"), known)
    if found and found.speaker:
        found.printed = paragraph.strip()
        return found
    return None


def resolve(quotes, full_text):
    """Give every quote whose speaker is a pronoun or a surname the person it refers to."""
    for index, quote in enumerate(quotes):
        if quote.pending == "pronoun":
            earlier = [q for q in quotes[:index] if q.speaker]
            if earlier:
                copy_speaker(quote, earlier[-1], printed=quote.attribution_as_printed)
        elif quote.pending == "surname":
            surname = quote.speaker
            for q in quotes[:index]:
                if q.speaker and q.speaker.split()[-1] == surname and q.speaker != surname:
                    copy_speaker(quote, q, printed=quote.attribution_as_printed)
                    break
            else:
                full = full_name(full_text, surname)
                if full:
                    quote.speaker, (quote.title, quote.organization) = full[0], full[1]
                    quote.title_from_context = bool(full[1][0] or full[1][1])
        quote.pending = ""


def copy_speaker(quote, last, printed=""):
    quote.speaker, quote.title, quote.organization = last.speaker, last.title, last.organization
    quote.attribution = last.attribution
    quote.attribution_as_printed = printed or last.attribution_as_printed
    quote.pending = ""
    quote.tentative = False


def full_name(text, surname):
    """The first "First Last" in the text ending in the surname, and the title printed beside it.

    The name is the whole run of capitalized words before the surname on its line;
    a longer run (a title-case headline, "… Industry Veteran Timothy Madden") is passed over.
    """
    for match in re.finditer(rf"\b{re.escape(surname)}\b(?P<after>[^.;\n]{{0,200}})", text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[line_start : match.start()].split()
        run = []
        while before and names.is_name_word(before[-1]) and len(run) < 4:
            run.insert(0, before.pop())
        if not run or len(run) > 3 or (before and before[-1][:1].isupper() and not before[-1].endswith(".")):
            continue
        name = " ".join([*run, surname])
        if names.is_person_name(name):
            return names.strip_honorific(name), context_title(match.group("after"))
    return None


def context_title(after):
    """ ", legal director of X," or " as President of X" printed after a name."""
    match = re.match(r"^\s*,\s*(?P<app>[^,]{2,120}(?:,\s*(?:Inc|LLC|Ltd)\.?)?),", after) or re.match(
        r"^\s+as\s+(?:its\s+|the\s+)?(?P<app>.{2,150})", after
    )
    if not match:
        return None, None
    return attribution.appositive(match.group("app"))
