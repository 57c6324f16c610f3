"""Press contacts: a label ("Media contact:", "For more information, contact:", "Contacto de prensa:")
and the lines after it, or lines that are each a name with a phone number or an e-mail address.

Each contact is a name (when one is printed), a title and an organization
(told apart by whether the words name a role), a phone and an e-mail. The
label stays as printed.
"""

import re

from releases.importers.text import names
from releases.importers.text.result import Contact
from releases.importers.text.words import ROLE_NOUN_RE

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(
    r"(?<![\w@/])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{1,4}(?:[\s.-]\d{1,4}){1,4}"
    r"(?:\s*(?:x|ext\.?|extension|ext)\s*\d{1,5})?(?:\s*\([a-z]{1,4}\))?(?![\w])",
    re.IGNORECASE,
)
FIELD_LABEL = re.compile(
    r"\b(?:tel|tel[eé]fono|phone|ph|t|m|mobile|m[oó]vil|cell|office|fax|e-?mail|correo|web)\s*[.:]\s*", re.IGNORECASE
)
LABEL = re.compile(
    r"^(?P<label>(?:[\w&/-]+\s+){0,4}?(?:contacts?|contactos?|inquiries|enquiries|consultas)\b"
    r"(?:\s+(?:de\s+prensa|para\s+(?:los\s+)?medios|info(?:rmation)?|us))?\s*:?"
    r"|(?:for\s+(?:more|further)\s+information|para\s+m[aá]s\s+informaci[oó]n|m[aá]s\s+informaci[oó]n)"
    r"[^:]{0,25}:)(?=\s|$)",
    re.IGNORECASE,
)


def phones_in(text):
    return [m.group().strip() for m in PHONE.finditer(text) if len(re.sub(r"\D", "", m.group())) >= 7]


def label_of(line):
    """The contact label a line starts with, and the rest of the line; or (None, line)."""
    match = LABEL.match(line.strip())
    if not match:
        return None, line
    label = match.group("label").strip()
    rest = line.strip()[match.end() :].strip()
    if not label.endswith(":") and rest and not (EMAIL.search(rest) or phones_in(rest)):
        return None, line  # "Contact the office to…" is a sentence, not a label
    return label, rest


def has_details(text):
    return bool(EMAIL.search(text) or phones_in(text))


def is_contact_block(block):
    """Short lines, at least one phone or e-mail, no sentence: a block of contact details."""
    if not has_details(block.text) or len(block.lines) > 12:
        return False
    for line in block.lines:
        if has_details(line):
            continue
        if len(line.split()) > 8 or re.search(r"[a-z]\.\s*$", line):
            return False
    return True


def is_contact_list(block):
    """Lines that are each a name and a phone or an e-mail: contacts printed without a label."""
    return len(block.lines) >= 1 and all(has_details(line) and len(line.split()) <= 16 for line in block.lines)


def parse(lines, label=None):
    """Contacts from lines after a label: one a line ("Name, Org, phone, email") or one a block."""
    contacts, entry = [], None
    for line in lines:
        line = line.strip()
        if not line:
            continue
        emails = EMAIL.findall(line)
        phones = phones_in(EMAIL.sub(" ", line))
        words = EMAIL.sub(" ", line)
        for phone in phones:
            words = words.replace(phone, " ")
        words = FIELD_LABEL.sub(" ", words)
        pieces = [p.strip(" :;,.|/–—-") for p in re.split(r",|;|\s[|/–—]\s", words)]
        pieces = [p for p in pieces if p and re.search(r"\w", p)]
        starts_new = entry is None or (pieces and (entry["emails"] or entry["phones"]))
        if starts_new:
            entry = {"pieces": [], "emails": [], "phones": []}
            contacts.append(entry)
        entry["pieces"] += pieces
        entry["emails"] += emails
        entry["phones"] += phones
    return [_contact(e, label) for e in contacts if e["pieces"] or e["emails"] or e["phones"]]


def _contact(entry, label):
    contact = Contact(label_as_printed=label)
    contact.email = entry["emails"][0] if entry["emails"] else None
    contact.phone = entry["phones"][0] if entry["phones"] else None
    pieces = list(entry["pieces"])
    if pieces:
        first = pieces[0]
        if names.is_person_name(first):
            contact.name = names.strip_honorific(first)
            pieces = pieces[1:]
        else:
            split = names.trailing_name(first)
            if split and split[0]:
                contact.name = split[1]
                pieces[0] = split[0]
            elif split:
                contact.name, pieces = split[1], pieces[1:]
    for piece in pieces:
        if any(ROLE_NOUN_RE.match(w.strip(",.")) for w in piece.split()) and not contact.title:
            contact.title = piece
        elif not contact.organization:
            contact.organization = piece
    return contact
