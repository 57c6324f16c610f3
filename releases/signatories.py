"""Paste signatories: turn a list of organizations, as printed in a letter, into signatories.

Editors paste what they have: one name per line, or a sentence such as
"United We Dream, the American Civil Liberties Union, … and 57 more." The
parser returns the names in order and the unnamed count; `attach` matches
them to existing organizations by `match_key` and creates the rest.
"""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max, Q, Value
from django.db.models.functions import Lower, Replace
from django.utils.text import slugify

from releases.models import Organization, Signatory, match_key

MAX_NAME_LENGTH = Organization._meta.get_field("name").max_length

# Curly double quotes become straight so they can be stripped; apostrophes stay as typed.
QUOTES = {"\u201c": '"', "\u201d": '"', "\u201e": '"'}
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
BULLET = re.compile(r"^\s*(?:[-*\u2022\u2023\u25aa\u25cf\u2013\u2014]|\d{1,3}[.)])\s+")
# "… and 57 more", "+57 others", "and 57 other organizations", "57 more groups"
UNNAMED = re.compile(
    r"(?:^|[,;]|\s)\s*(?:(?:and|&)\s+|\+\s*)?(?P<count>\d[\d,]*)\s+"
    r"(?:more|others?|additional)(?:\s+(?:organi[sz]ations?|groups|signatories|signers|signatures))?\s*[.!]?\s*$",
    re.IGNORECASE,
)
# "and more", "and others", "among others": no number to record.
UNCOUNTED = re.compile(r"^(?:(?:and|&)\s+(?:many\s+)?(?:more|others)|among\s+others|etc)\.?$", re.IGNORECASE)
# A lead-in before the list: "The letter is signed by … including United We Dream, …"
LEAD_IN = re.compile(
    r"^.*\b(?:including|signed\s+by|signatories\s+(?:are|were|include)|signers\s+(?:are|were|include)|"
    r"endorsed\s+by)\s*:?\s+",
    re.IGNORECASE,
)
COMPANY_SUFFIX = re.compile(r"^(?:inc|incorporated|llc|ltd|l\.l\.c|corp|co|pllc|plc|p\.c)\.?$", re.IGNORECASE)
KEEP_PERIOD = re.compile(r"(?:\b(?:Inc|Ltd|Co|Corp|Jr|Sr|St|Assn|Assoc)|\b[A-Z]\.[A-Z])\.$")


@dataclass
class Parsed:
    names: list = field(default_factory=list)
    unnamed_count: int | None = None


def _tidy(text):
    for curly, straight in QUOTES.items():
        text = text.replace(curly, straight)
    return SPACES.sub(" ", text)


def _clean_name(item):
    name = BULLET.sub("", item).strip(" \t,;")
    name = re.sub(r"^(?:and|&)\s+", "", name, flags=re.IGNORECASE)
    name = re.sub(r"^the\s+", "", name)  # lower-case "the" is running text; "The Advocates" is a name
    name = re.sub(r"\s*(?:\u2026|\.\.\.)$", "", name)
    if name[:1] in "\"'\u2018":
        name = name.strip("\"'\u2018\u2019")
    name = name.strip()
    if name.endswith(".") and not KEEP_PERIOD.search(name):
        name = name[:-1].rstrip()
    return name


def _split_and(item, known_keys):
    """'A and B' at the end of a list is two names, unless it is one known name."""
    if match_key(item) in known_keys:
        return [item]
    parts = re.split(r"\s+(?:and|&)\s+(?!.*\s(?:and|&)\s)", item, maxsplit=1, flags=re.IGNORECASE)
    return parts if len(parts) == 2 and all(p.strip() for p in parts) else [item]


def parse(text, known_keys=frozenset()):
    """Names in order (duplicates and blanks dropped) and the unnamed count, if any.

    `known_keys` holds the match keys of existing organizations, so that a known
    name with "and" in it ("Center for Law and Social Policy") is kept whole.
    """
    result = Parsed()
    lines = [line.strip() for line in _tidy(text or "").splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return result

    # One name per line, unless the lines are a wrapped sentence (each ending in a comma).
    wrapped = len(lines) == 1 or all(line.endswith((",", ";")) for line in lines[:-1])
    if wrapped:
        sentence = " ".join(lines)
        match = UNNAMED.search(sentence)
        if match:
            result.unnamed_count = int(match.group("count").replace(",", ""))
            sentence = sentence[: match.start()]
        items = [item.strip() for item in re.split(r"[,;]", sentence)]
        items = [item for item in items if item]
        if items:
            items[0] = LEAD_IN.sub("", items[0], count=1)
        # "Inc." after a comma belongs to the name before it.
        merged = []
        for item in items:
            if merged and COMPANY_SUFFIX.match(item):
                merged[-1] = f"{merged[-1]}, {item}"
            else:
                merged.append(item)
        items = merged
        if len(items) > 1 and not re.match(r"^(?:and|&)\s", items[-1], re.IGNORECASE):
            items[-1:] = _split_and(items[-1], known_keys)
    else:
        items = []
        for line in lines:
            match = UNNAMED.search(line)
            if match and not UNNAMED.sub("", line).strip(" ,;"):
                result.unnamed_count = int(match.group("count").replace(",", ""))
                continue
            if not line.endswith(":"):  # a heading such as "Signed:"
                items.append(line)

    seen = set()
    for item in items:
        if UNCOUNTED.match(item.strip(" ,;")):
            continue
        name = _clean_name(item)
        key = match_key(name)
        if not key or key in seen:
            continue
        seen.add(key)
        result.names.append(name)
    return result


def compact(key):
    """A match key without spaces, so "A.C.L.U." finds "ACLU"."""
    return key.replace(" ", "")


def known_keys_for(text):
    """Match keys of existing organizations that a paste might name whole."""
    candidates = {match_key(_clean_name(piece)) for piece in re.split(r"[,;\n]", _tidy(text or ""))}
    candidates.discard("")
    return frozenset(Organization.objects.filter(name_key__in=candidates).values_list("name_key", flat=True))


def unique_slug(name):
    base = slugify(name)[:180] or "organization"
    slug, n = base, 1
    while Organization.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@dataclass
class Attached:
    matched: list = field(default_factory=list)
    created: list = field(default_factory=list)
    already: list = field(default_factory=list)


@transaction.atomic
def attach(release, names):
    """Add organizations named in `names` as signatories, in order, after the existing ones."""
    outcome = Attached()
    keys = {match_key(name) for name in names}
    existing, by_compact = {}, {}
    found = (
        Organization.objects.annotate(compact_key=Replace("name_key", Value(" "), Value("")), lower_name=Lower("name"))
        .filter(
            Q(name_key__in=keys)
            | Q(compact_key__in={compact(key) for key in keys})
            # Rows written in bulk may carry a stale key; the name itself still matches.
            | Q(lower_name__in={name.lower() for name in names})
        )
        .order_by("pk")
    )
    for org in found:
        key = match_key(org.name)
        existing.setdefault(key, org)
        by_compact.setdefault(compact(key), org)
    signed = set(release.signatories.values_list("organization_id", flat=True))
    position = release.signatories.aggregate(top=Max("position"))["top"] or 0
    for name in names:
        key = match_key(name)
        org = existing.get(key) or by_compact.get(compact(key))
        if org is None:
            org = Organization.objects.create(name=name, slug=unique_slug(name))
            existing[key] = org
            outcome.created.append(org)
        elif org.pk in signed:
            outcome.already.append(org)
            continue
        else:
            outcome.matched.append(org)
        position += 1
        Signatory.objects.create(release=release, organization=org, position=position)
        signed.add(org.pk)
    return outcome
