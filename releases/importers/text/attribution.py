"""Who said it: the words printed around a quote, read into speaker, title and organization.

The forms: '"…," said Name, Title of Org.'; 'Name, Title at Org, said: "…"';
'said Org Title Name'; '— Name, Title, Org' (no verb); '"…," Name said.';
'according to Name'; Spanish '«…», ha declarado Name, Title de Org'; a
pronoun ("she said") or a surname alone, which quotes.py resolves from the
text; and a document or a group ("In the letter, the groups state that:").
"""

import re
from dataclasses import dataclass

from releases.importers.text import names
from releases.importers.text.words import ACCORDING_TO, ROLE_NOUN_RE, ROLE_WORD_RE, SPEECH_VERB

VERB = rf"(?:{SPEECH_VERB})"
DASH_START = re.compile(r"^\s*(?:--|-|[\u2013\u2014\u2015])\s*(?=[A-ZÀ-Þ])")
# "…," said Name / «…» —dijo Name (a Spanish dialogue dash before the verb)
AFTER_VERB = re.compile(rf"^\s*[,.]?\s*[\u2014\u2013-]?\s*(?:{VERB}|{ACCORDING_TO})\b[\s,:]*", re.IGNORECASE)
WHO_THEN_VERB = re.compile(rf"^\s*[,.]?\s*(?P<who>[^.!?]{{1,160}}?)\s*,?\s+(?P<verb>{VERB})\b", re.IGNORECASE)
BEFORE = re.compile(
    rf"(?P<who>[^.!?:]{{1,200}}?)\s*,?\s+(?P<verb>{VERB})(?:\s+(?:in\s+a\s+statement|en\s+un\s+comunicado))?"
    r"(?:\s+(?:that|que))?\s*[,:]?\s*$",
    re.IGNORECASE,
)
VERB_THEN_WHO = re.compile(rf"^\s*(?:{VERB}|{ACCORDING_TO})\s+(?P<who>[^:]{{2,200}}?)\s*[,:]\s*$", re.IGNORECASE)
PRONOUN = re.compile(r"^(?:he|she|they|we|él|ella|ellos|ellas)$", re.IGNORECASE)
DOCUMENT = re.compile(
    r"\b(?:(?:the|its|their|our|this|el|la|su|sus|nuestra|nuestro|esta|este)\s+)(?P<doc>(?:open\s+|joint\s+)?"
    r"(?:letter|statement|report|brief|filing|petition|declaration|complaint|lawsuit|resolution|motion|"
    r"comments|testimony|memo|carta|comunicado|informe|declaración|denuncia|escrito|manifiesto|petición))\b",
    re.IGNORECASE,
)
LEADING_CLAUSE = re.compile(
    r"^(?:(?:in|on|at|during|after|before|en|durante|tras|ante)\b[^,]{0,80}|today|this\s+\w+|hoy|esta\s+\w+),\s*",
    re.IGNORECASE,
)
EVENTS = r"(?:press|news)\s+conference|rally|event|hearing|meeting|briefing|vigil|ceremony|march|protest|forum|summit"
TRAILING_CLAUSE = re.compile(
    rf",?\s+(?:in\s+a\s+(?:written\s+)?(?:statement|release|press\s+release|letter|news\s+release|video|post|interview)|"
    rf"on\s+\w+day|at\s+(?:a|the|today['’]s)\s+(?:{EVENTS})|en\s+(?:un|una)\s+(?:comunicado|rueda\s+de\s+prensa|"
    r"declaraci[oó]n|entrevista|acto))\b.*$|,\s*(?:who|which|quien|que)\b.*$",
    re.IGNORECASE,
)
SUFFIX_PART = re.compile(r"^(?:inc|llc|ltd|l\.l\.c|corp|co|plc|llp|gmbh|s\.a|s\.l|jr|sr|ph\.?d)\.?$", re.IGNORECASE)
PREPOSITIONS = ("at", "with", "from", "for", "of", "de", "del", "con", "en", "para")
STRONG = {"at", "with", "from", "con", "en"}  # "at Pfizer": any capitalized word after these is an organization
# A preposition before a capitalized name, perhaps past a few lower-case words ("of its subsidiary Acme").
PREP = re.compile(
    r"\s(at|with|from|for|of|de|del|con|en|para)\s+(?:(?:the|its|their|our|his|her|la|el|los|las|su|sus)\s+"
    r"(?:[a-z][\w-]*\s+){0,2})?(?=[A-ZÀ-Þ0-9])"
)


@dataclass
class Attribution:
    speaker: str = None
    title: str = None
    organization: str = None
    attribution: str = None  # words with no one speaker: "The letter", "The coalition"
    printed: str = ""
    pronoun: bool = False  # "she said": someone named before
    surname_only: bool = False  # "said Madden": the full name is earlier in the text


def after_quote(text, known=frozenset()):
    """The attribution at the start of the text after a quote, and where it ends; or (None, 0)."""
    sentence = names.sentences(text.strip())
    if not sentence:
        return None, 0
    first = sentence[0]
    consumed = text.find(first) + len(first)
    first_printed = first.lstrip(" ,.;:")
    if DASH_START.match(first):
        phrase = DASH_START.sub("", first)
        return _with_printed(parse_who(phrase, known), first_printed), consumed
    match = AFTER_VERB.match(first)
    if match:
        who = first[match.end() :].strip(" .")
        found = parse_who(who, known) if who else None
        return (_with_printed(found, first_printed) if found else None), consumed
    match = WHO_THEN_VERB.match(first)
    if match and not first[match.end() :].strip(" .,;"):
        found = parse_who(match.group("who"), known)
        return (_with_printed(found, first_printed) if found else None), consumed
    return None, 0


def before_quote(text, known=frozenset()):
    """The attribution that ends the text before a quote ("Name, Title, said:"); and the prose before it."""
    stripped = text.rstrip()
    if not stripped:
        return None, text
    parts = names.sentences(stripped)
    last = parts[-1] if parts else stripped
    prose = stripped[: len(stripped) - len(last)].rstrip()
    match = VERB_THEN_WHO.match(last)
    who = match.group("who") if match else None
    if not who:
        match = BEFORE.match(last)
        who = match.group("who") if match else None
    if not who:
        return None, text
    found = parse_who(who, known)
    if not found:
        return None, text
    found.printed = last.strip()
    return found, prose


def parse_who(phrase, known=frozenset()):
    """Speaker, title and organization (or an attribution) from "Name, Title of Org" in any of its orders."""
    phrase = TRAILING_CLAUSE.sub("", phrase.strip(" ,.;:")).strip(" ,.;:")
    document = DOCUMENT.search(phrase)
    lead = LEADING_CLAUSE.match(phrase)
    if lead:
        phrase = phrase[lead.end() :]
    if not phrase:
        return None
    parts = _comma_parts(phrase)
    for i, part in enumerate(parts):
        if names.is_person_name(part):
            rest = ", ".join(parts[:i] + parts[i + 1 :])
            title, org = appositive(rest, known)
            return Attribution(names.strip_honorific(part), title, org, printed=phrase)
    found = names.trailing_name(parts[0])
    if found:
        prefix, name = found
        title, org = appositive(", ".join([prefix, *parts[1:]]).strip(" ,"), known)
        return Attribution(names.strip_honorific(name), title, org, printed=phrase)
    if len(parts) == 1 and PRONOUN.match(phrase):
        return Attribution(pronoun=True, printed=phrase)
    if len(parts) == 1 and names.is_person_name(phrase, allow_single=True) and not names.looks_like_org(phrase):
        return Attribution(speaker=phrase, surname_only=True, printed=phrase)
    if document:
        return Attribution(attribution=_capital(document.group(0).strip()), printed=phrase)
    subject = parts[0]
    if len(subject.split()) > 8 or not re.match(r"^(?:the|el|la|los|las|our|its|[A-ZÀ-Þ])", subject):
        return None
    org = subject if names.looks_like_org(subject) or subject[:1].isupper() else None
    return Attribution(attribution=_capital(subject), organization=org if org and org[:1].isupper() else None,
                       printed=phrase)  # fmt: skip


def appositive(text, known=frozenset()):
    """(title, organization) from what is printed beside a name."""
    text = re.sub(r"^(?:the|a|an|el|la|los|las|un|una)\s+", "", (text or "").strip(" ,.;:"))
    # "the union's legal director": the body is named elsewhere; the title is what follows.
    text = re.sub(r"^[a-z][\w-]*['’]s?\s+(?=\w)", "", text) if re.match(r"^[a-z][\w-]*['’]s?\s", text) else text
    if not text:
        return None, None
    chosen = _organization_after_preposition(text, known)
    if chosen:
        prep_start, org, rest = chosen
        before = text[:prep_start].strip(" ,")
        if rest.strip() and not rest.lstrip().startswith((",", "(")):
            return text, org  # "worker with Cognizant and member of AWU-CWA": a title naming several bodies
        return (before or None), org
    parts = _comma_parts(text)
    if len(parts) > 1 and not _has_role(parts[-1]) and names.capitalized(parts[-1]):
        return ", ".join(parts[:-1]), _org_name(parts[-1])
    return _split_org_title(text, known)


def _organization_after_preposition(text, known):
    best = None
    for match in PREP.finditer(" " + text):
        prep = match.group(1).lower()
        start = match.end() - 1
        phrase, rest = _org_phrase(text[start:])
        org = _org_name(phrase)
        if not org or not (prep in STRONG or _evident_org(org, known)):
            continue
        rank = PREPOSITIONS.index(prep) if prep in PREPOSITIONS else 99
        if best is None or rank < best[0]:
            best = (rank, match.start(), org, rest)
    return best[1:] if best else None


def _org_phrase(text):
    """The organization's name at the start of the text: up to a comma, "and <a role>", or the end."""
    end = len(text)
    for match in re.finditer(
        r",(?P<suffix>\s*[\w.]+)?|;|\s\(|\s(?:and|y|&)\s+(?P<next>[\w-]+)|\s(?:who|which|quien)\b", text
    ):
        if match.group("suffix") and SUFFIX_PART.match(match.group("suffix").strip()):
            continue  # "Company, LLC"
        following = match.group("next")
        if following and following[:1].isupper() and not ROLE_NOUN_RE.match(following):
            continue  # "Wellcome Sanger Institute and Open Targets": one name
        end = match.start()
        break
    return text[:end].strip(), text[end:]


def _evident_org(org, known):
    return (
        names.looks_like_org(org)
        or len([w for w in org.split() if w[:1].isupper()]) >= 2
        or names.name_key(org) in known
    )


def _split_org_title(text, known):
    """ "AALDEF executive director" → (executive director, AALDEF); "Software Engineer" stays a title."""
    words = text.split()
    cut = len(words)
    while cut > 0 and (
        ROLE_WORD_RE.match(words[cut - 1].strip(",")) or words[cut - 1].lower() in {"of", "and", "&", "y"}
    ):
        cut -= 1
    if cut == len(words) or not any(ROLE_NOUN_RE.match(w.strip(",")) for w in words[cut:]):
        if _has_role(text):
            lead = _leading_org(words, known)
            return text, lead
        return (None, _org_name(text)) if names.capitalized(text) else (text, None)
    leading = " ".join(words[:cut])
    if leading and (names.looks_like_org(leading) or names.name_key(leading) in known):
        return " ".join(words[cut:]), _org_name(leading)
    return text, None


def _leading_org(words, known):
    lead = []
    for word in words:
        if ROLE_WORD_RE.match(word) or not word[:1].isupper():
            break
        lead.append(word)
    text = " ".join(lead)
    return _org_name(text) if lead and (names.looks_like_org(text) or names.name_key(text) in known) else None


def _has_role(text):
    return any(ROLE_NOUN_RE.match(w.strip(",.")) for w in text.split())


def _org_name(text):
    text = re.sub(r"^(?:the|el|la|los|las)\s+", "", (text or "").strip(" ,.;:"))
    return text or None


def _comma_parts(text):
    parts = []
    for part in (p.strip() for p in text.split(",")):
        if parts and SUFFIX_PART.match(part):
            parts[-1] = f"{parts[-1]}, {part}"
        elif part:
            parts.append(part)
    return parts


def _capital(text):
    return text[:1].upper() + text[1:]


def _with_printed(found, printed):
    if found:
        found.printed = printed.strip()
    return found
