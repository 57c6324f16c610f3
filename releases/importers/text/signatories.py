"""Who signed: a list under a heading ("Co-signers", "Signed by:", "Firmantes"), a bulleted list
after a sentence that says so, or a sentence ("signed by A, the B, C and 57 more").

Names are split into organizations and individuals (a person's name, perhaps
with an affiliation: "Vichet Chhuon - University of Minnesota"); sub-headings
("Organizations", "Individuals") say so outright. "And 57 more", "plus 12
others", "and twelve other groups", "y otras 40 organizaciones" give the
unnamed count; numbers in words are read by text2num.
"""

import re
from dataclasses import dataclass, field

from releases.importers.text import names
from releases.importers.text.dates import words_to_digits

SIGNING = (
    r"co-?sign(?:ers|atories|ed)|sign(?:atories|atory|ers|ed\s+by|ed\s+on|atures)|endorse(?:rs|d\s+by|ments)|"
    r"co-?amici|amici(?:\s+curiae)?|supporting\s+organi[sz]ations|participating\s+organi[sz]ations|"
    r"(?:backed|supported|co-?signed|undersigned)\s+by|undersigned|"
    r"firmantes|firmad[ao]s?\s+por|suscrit[ao]s?\s+por|adhesiones|adheridas|respaldad[ao]s?\s+por|apoyad[ao]s?\s+por"
)
SIGNING_RE = re.compile(rf"\b(?:{SIGNING})\b", re.IGNORECASE)
# The words that bring a list in a sentence: "…signed by national groups including A, B".
LIST_LEAD = re.compile(
    rf"^.*\b(?:including|includes|include|among\s+(?:them|others)|such\s+as|incluyendo|entre\s+(?:ellas|ellos|las\s+que|los\s+que)|"
    rf"(?:{SIGNING})(?:\s+(?:are|were|include|included|incluyen|son))?)\s*:?\s+",
    re.IGNORECASE,
)
PARTIAL = re.compile(r"\b(?:including|among|such as|incluyendo|entre)\b", re.IGNORECASE)
UNNAMED = re.compile(
    r"(?:^|[,;]|\s)\s*(?:(?:and|&|y|e|plus|más)\s+|\+\s*)?(?:more\s+than\s+|over\s+|m[aá]s\s+de\s+)?"
    r"(?:(?P<n1>\d[\d,.]*)\s+(?:more|others?|additional|otr[ao]s|m[aá]s)|(?:otr[ao]s|other)\s+(?P<n2>\d[\d,.]*))"
    r"(?:\s+(?:other\s+)?(?:organi[sz]ations?|organizaciones|groups|grupos|entidades|colectivos|signatories|"
    r"signers|firmantes|co-?signers|advocates))?\s*[.!]?\s*$",
    re.IGNORECASE,
)
UNCOUNTED = re.compile(r"^(?:(?:and|&|y)\s+(?:many\s+)?(?:more|others|otr[ao]s(?:\s+m[aá]s)?)|among\s+others|etc)\.?$",
                       re.IGNORECASE)  # fmt: skip
SUBHEADING = re.compile(
    r"^(?P<kind>organi[sz]ations?|groups?|individuals?|individual\s+signatories|people|persons?|personas|"
    r"organizaciones|entidades|colectivos|particulares|a\s+t[ií]tulo\s+individual)\s*:?$",
    re.IGNORECASE,
)
INDIVIDUAL_KIND = re.compile(r"^(?:individual|people|person|personas|particulares|a\s+t)", re.IGNORECASE)
COMPANY_SUFFIX = re.compile(r"^(?:inc|incorporated|llc|ltd|l\.l\.c|corp|co|pllc|plc|p\.c|s\.a|s\.l)\.?$", re.I)
KEEP_PERIOD = re.compile(r"(?:\b(?:Inc|Ltd|Co|Corp|Jr|Sr|St|Assn|Assoc)|\b[A-Z]\.[A-Z])\.$")
AFFILIATION = re.compile(r"\s+[-\u2013\u2014]\s+|,\s+|\s+\((?=[^)]+\)$)")
STATED_TOTAL = re.compile(
    r"(?<![\d,.])(?P<n>\d{1,4})\s+(?:[\w’'&-]+\s+){0,12}?(?:organi[sz]ations?|groups|advocates|unions|"
    r"coalitions|signatories|signers|organizaciones|colectivos|entidades|grupos|firmantes)\b",
    re.IGNORECASE,
)


@dataclass
class Signed:
    organizations: list = field(default_factory=list)
    individuals: list = field(default_factory=list)  # {"name", "affiliation"}
    unnamed: int = 0
    partial: bool = False  # "including …": the list names only some
    split_at_and: tuple = ()  # the last item, cut in two at "and" ("A and B" as two names), for a reviewer


def is_heading(text):
    """A heading or lead line over a list of signatories ("Co-Signers to the Amicus Brief", "… are Co-Amici:")."""
    text = text.strip()
    if not SIGNING_RE.search(text):
        return False
    return text.endswith(":") or (len(text.split()) <= 16 and not re.search(r"[.!?]$", text))


def is_list_sentence(sentence, language="en"):
    """A sentence that says who signed and then names them: "… signed by A, the B, C and 57 more."

    The signing words come before the list, outside brackets, and the list's items are names
    (capitalized, not too long): "backed by Uint8Array), generators, Promises" is not a list of signers.
    """
    match = SIGNING_RE.search(re.sub(r"\([^)]*\)", "", sentence))
    if not match or sentence.count(",") < 1:
        return False
    lead = LIST_LEAD.match(sentence)
    if not lead:
        return False
    listed = words_to_digits(sentence[lead.end() :], language)
    unnamed = UNNAMED.search(listed)
    listed = listed[: unnamed.start()] if unnamed else listed
    items = [clean_name(i) for i in re.split(r"[,;]|\s(?:and|y|&)\s", listed)]
    items = [
        i for i in items if i and not UNCOUNTED.match(i) and not UNNAMED.search(words_to_digits(" " + i, language))
    ]
    named = [i for i in items if i[:1].isupper() or i[:1].isdigit()]
    return len(items) >= 2 and len(named) >= 0.8 * len(items) and all(len(i.split()) <= 14 for i in items)


def unnamed_in(text, language="en"):
    match = UNNAMED.search(words_to_digits(text, language))
    if not match:
        return None
    return int(re.sub(r"\D", "", match.group("n1") or match.group("n2")))


def from_lines(lines, language="en", kind=None):
    """A list one name a line, sub-headings and notes in parentheses allowed. `kind`
    ("organization") says what every name is, where the caller knows."""
    signed = Signed()
    for line in lines:
        line = line.strip()
        sub = SUBHEADING.match(line)
        if sub:
            kind = "individual" if INDIVIDUAL_KIND.match(sub.group("kind")) else "organization"
            continue
        if not line or (line.startswith("(") and line.endswith(")")) or UNCOUNTED.match(line):
            continue
        count = unnamed_in(line, language)
        if count is not None and not UNNAMED.sub("", words_to_digits(line, language)).strip(" ,;"):
            signed.unnamed = count
            continue
        _add(signed, line, kind)
    return signed


def from_sentence(sentence, language="en", is_known=None):
    """ "The letter is signed by … including A, the B, C and 57 more." → names, unnamed count.

    `is_known(name)`, when given, says whether a name is an organization already on file:
    the last item is cut at "and" only where that does not break a known name
    ("A, Center for Law and Social Policy" keeps the Center whole once it is known)."""
    signed = Signed(partial=bool(PARTIAL.search(sentence)))
    text = words_to_digits(sentence.strip(), language)
    match = UNNAMED.search(text)
    if match:
        signed.unnamed = int(re.sub(r"\D", "", match.group("n1") or match.group("n2")))
        text = text[: match.start()]
    lead = LIST_LEAD.match(text)
    if lead:
        text = text[lead.end() :]
    items = [item.strip() for item in re.split(r"[,;]", text.strip().rstrip("."))]
    items = _merge_suffixes([item for item in items if item])
    if items and not re.match(r"^(?:and|&|y)\s", items[-1], re.IGNORECASE) and (len(items) > 1 or is_known):
        # A lone "A and B" stays one name, unless a known name says where it divides.
        last = _split_last(items[-1], is_known, cut_by_default=len(items) > 1)
        if len(last) == 2:
            signed.split_at_and = tuple(clean_name(part) for part in last)
        items[-1:] = last
    for item in items:
        if not UNCOUNTED.match(item.strip()):
            _add(signed, item, "organization")
    return signed


def _split_last(item, is_known=None, cut_by_default=True):
    """The last item of a list as one or two names: cut at its last "and", unless a known name says otherwise."""
    cut = [p for p in re.split(r"\s+(?:and|&|y)\s+(?!.*\s(?:and|&|y)\s)", item, maxsplit=1, flags=re.I) if p.strip()]
    if not cut_by_default:
        cut = [item]
    if is_known is None or not re.search(r"\s(?:and|&|y)\s", item, re.IGNORECASE):
        return cut
    if is_known(clean_name(item)):
        return [item]
    for match in re.finditer(r"\s+(?:and|&|y)\s+", item, re.IGNORECASE):
        left, right = item[: match.start()], item[match.end() :]
        if is_known(clean_name(right)) or is_known(clean_name(left)):
            return [left, right]
    return cut


SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def from_paste(text, language="en", is_known=None):
    """A list of organizations pasted by staff (the release form's "Paste signatories"): one
    name a line, or a sentence as printed ("A, the B, C and 57 more", the lines of a wrapped
    sentence each ending in a comma). Every name is an organization; headings ("Signed:") are
    skipped. `is_known` as for from_sentence."""
    lines = [SPACES.sub(" ", line).strip() for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return Signed()
    if len(lines) == 1 or all(line.endswith((",", ";")) for line in lines[:-1]):
        return from_sentence(" ".join(lines), language, is_known=is_known)
    return from_lines([line for line in lines if not line.endswith(":")], language, kind="organization")


def stated_total(texts, language="en"):
    """A count of signers printed in the title or the lead ("Seventy … organizations … endorsed")."""
    for text in texts:
        for match in STATED_TOTAL.finditer(words_to_digits(text or "", language)):
            return int(match.group("n"))
    return None


def _merge_suffixes(items):
    merged = []
    for item in items:
        if merged and COMPANY_SUFFIX.match(item):
            merged[-1] = f"{merged[-1]}, {item}"
        else:
            merged.append(item)
    return merged


def _add(signed, item, kind):
    name = clean_name(item)
    if not name or len(name) > 200:
        return
    parts = AFFILIATION.split(name, maxsplit=1)
    person = names.is_person_name(parts[0]) and not names.looks_like_org(parts[0])
    if kind == "individual" or (kind is None and person):
        affiliation = parts[1].strip(" ()") if len(parts) > 1 else None
        entry = {"name": names.strip_honorific(parts[0].strip()), "affiliation": affiliation}
        if entry["name"] not in [i["name"] for i in signed.individuals]:
            signed.individuals.append(entry)
        return
    if names.name_key(name) not in {names.name_key(o) for o in signed.organizations}:
        signed.organizations.append(name)


def clean_name(item):
    """A list item as a name: no bullet, no "and" or lower-case "the" before it, no full stop after it."""
    name = re.sub(r"^\s*(?:[-*\u2022\u25aa\u25cf]|\d{1,3}[.)])\s+", "", item).strip(" \t,;")
    name = re.sub(r"^(?:and|&|y)\s+", "", name, flags=re.IGNORECASE)
    name = re.sub(r"^(?:the|el|la|los|las)\s+", "", name)  # lower-case: running text; "The Advocates" is a name
    name = re.sub(r"\s*(?:\u2026|\.\.\.)$", "", name)
    if name[:1] in "\"'\u2018\u201c":
        name = name.strip("\"'\u2018\u2019\u201c\u201d")
    name = name.strip()
    if name.endswith(".") and not KEEP_PERIOD.search(name):
        name = name[:-1].rstrip()
    return name
