"""A press contact as a vCard 3.0 (RFC 2426), the version every address book imports."""

from django.utils.text import slugify

from releases.models import Contact


def escape(value):
    """A text value: backslash, comma, semicolon and line breaks escaped."""
    value = (value or "").replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return value.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def fold(line):
    """Lines of at most 75 octets, continued with CRLF and a space, never splitting a character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        limit = 75 if not out else 74  # a continuation line starts with a space
        if len(current) + len(encoded) > limit:
            out.append(current)
            current = b""
        current += encoded
    out.append(current)
    return b"\r\n ".join(out).decode()


def _names(name):
    """N: family;given;;; — a single word (or a desk's name) goes to given."""
    parts = name.split()
    if len(parts) >= 2 and name[0].isupper():
        return f"{escape(parts[-1])};{escape(' '.join(parts[:-1]))};;;"
    return f";{escape(name)};;;"


def vcard(contact: Contact):
    """The contact as vCard text (CRLF line ends)."""
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"N:{_names(contact.name)}", f"FN:{escape(contact.name)}"]
    if contact.organization_id:
        lines.append(f"ORG:{escape(contact.organization.name)}")
    if contact.role:
        lines.append(f"TITLE:{escape(contact.role)}")
    if contact.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{escape(contact.phone)}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=INTERNET,WORK:{escape(contact.email)}")
    if contact.organization_id and contact.organization.website:
        lines.append(f"URL:{escape(contact.organization.website)}")
    notes = []
    if contact.language_names:
        notes.append("Languages: " + ", ".join(contact.language_names))
    if contact.hours:
        notes.append(f"Hours: {contact.hours}")
    if contact.details:
        notes.append(contact.details)
    if notes:
        lines.append(f"NOTE:{escape(chr(10).join(notes))}")
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def filename(contact):
    return f"{slugify(contact.name) or 'contact'}.vcf"
