"""People's names, organizations' names, sentences and the keys names are compared by."""

import re
import unicodedata

from releases.importers.text.words import HONORIFIC_RE, ORG_WORD_RE, ROLE_NOUN_RE, ROLE_WORD_RE

UPPER = "A-ZÀ-ÖØ-Þ"
# A capitalized word of a name: "Fung", "O’Brien", "Schlund-Vials", "McDonald", or an initial ("J.", "Y.K.").
NAME_WORD = re.compile(rf"^(?:[{UPPER}][a-zß-öø-ÿ'’]*(?:-[{UPPER}]?[a-zß-öø-ÿ'’]+)*|[{UPPER}]\.(?:[{UPPER}]\.)*|"
                       rf"(?:Mc|Mac|O['’]|D['’])[{UPPER}][a-zß-öø-ÿ]+)$")  # fmt: skip
INITIAL = re.compile(rf"^[{UPPER}]\.(?:[{UPPER}]\.)*$")
PARTICLES = {"de", "del", "della", "da", "das", "do", "dos", "du", "van", "von", "der", "den", "di", "la", "le",
             "bin", "ibn", "al", "el", "ter", "ten", "st."}  # fmt: skip
# Words after which a period does not end a sentence.
ABBREVIATIONS = re.compile(
    r"(?:\b(?:Dr|Dra|Mr|Mrs|Ms|Mx|Prof|Sr|Sra|Jr|St|Rev|Hon|Gov|Sen|Rep|Gen|Col|Capt|Lt|Sgt|Inc|Ltd|Co|Corp|"
    r"Bros|No|Nos|vs|etc|approx|Dept|Univ|Assn|Ave|Blvd|Mt|Ft|Fig|Vol|pp|Ph\.D|e\.g|i\.e|cf|Avda|Sres|Dña|Ud|"
    r"Uds|núm|pág)|\b[A-Z](?:\.[A-Z])*)\.$"
)
SENTENCE_END = re.compile(r"[.!?…]+[\"”’»)\]]*\s+(?=[\"“‘«(¿¡]?[" + UPPER + r"])")


def sentences(text):
    """Sentences of a paragraph, not broken after "Dr.", "Inc." or an initial."""
    out, start = [], 0
    for match in SENTENCE_END.finditer(text):
        before = text[start : match.start() + 1]
        if ABBREVIATIONS.search(before.rstrip('"”’»)]')) and match.group().strip()[:1] == ".":
            continue
        out.append(text[start : match.end()].strip())
        start = match.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def strip_accents(text):
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in text if not unicodedata.combining(c))


def name_key(name):
    """A name reduced for comparing: case, accents, punctuation, "&", a leading article ignored."""
    text = strip_accents(name).lower().replace("&", " and ")
    text = re.sub(r"[\u2019']s\b", "s", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^(?:the|el|la|los|las) ", "", text)


def words_of(text):
    return [w for w in re.split(r"\s+", text.strip()) if w]


def strip_honorific(name):
    words = words_of(name)
    while len(words) > 1 and HONORIFIC_RE.match(words[0]):
        words = words[1:]
    return " ".join(words)


def is_name_word(word):
    return bool(NAME_WORD.match(word)) and not word.isupper() or bool(INITIAL.match(word))


def is_person_name(text, allow_single=False):
    """Two to five capitalized words (initials and particles allowed), no role or organization word in them."""
    text = strip_honorific(text.strip(" ,.;:"))
    words = words_of(text)
    if not words or len(words) > 5 or (len(words) == 1 and not allow_single):
        return False
    if ORG_WORD_RE.search(text) or any(ROLE_NOUN_RE.match(w.strip(".,")) for w in words):
        return False
    if not is_name_word(words[0]) or INITIAL.match(words[-1]) or not is_name_word(words[-1]):
        return False
    return all(is_name_word(w) or w.lower() in PARTICLES for w in words)


def trailing_name(text):
    """("AALDEF executive director", "Margaret Fung") from "AALDEF executive director Margaret Fung".

    The name is the last two capitalized words, or three when the words before them
    then end in a role word (or the third is an initial or particle).
    """
    words = words_of(text.strip(" ,.;:"))
    for size in (4, 3, 2):
        if len(words) < size:
            continue
        name, prefix = words[-size:], words[:-size]
        if not is_person_name(" ".join(name)):
            continue
        if (
            size > 2
            and prefix
            and not _ends_in_role(prefix)
            and not (INITIAL.match(name[1]) or name[1].lower() in PARTICLES)
        ):
            continue
        if prefix and HONORIFIC_RE.match(prefix[-1]):
            prefix = prefix[:-1]
        return " ".join(prefix), " ".join(name)
    return None


def _ends_in_role(words):
    return bool(words) and bool(ROLE_WORD_RE.match(words[-1].strip(",")))


def is_acronym(word):
    if INITIAL.match(word):
        return False
    letters = re.sub(r"[^A-Za-z]", "", word)
    return len(letters) >= 2 and letters.isupper()


def looks_like_org(text):
    """An acronym, a word with a capital inside (openSUSE), a dotted name (Node.js) or an organization word."""
    text = text.strip(" ,.;:")
    if not text:
        return False
    if ORG_WORD_RE.search(text):
        return True
    return any(
        is_acronym(w) or re.search(r"[a-z][A-Z]", w) or (re.search(r"\w\.\w", w) and not INITIAL.match(w))
        for w in words_of(text)
    )


def capitalized(text):
    return bool(re.match(rf"^[\"“‘(]?[{UPPER}0-9]", text.strip()))
