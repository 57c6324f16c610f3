"""The interface's translations: locale/<code>/LC_MESSAGES/django.po, compiled to .mo here.

The .po files are the source (in the repository); the .mo files are built from them
by `manage.py prepare` and the test set-up with this pure-Python compiler, so a
machine without GNU gettext (msgfmt) runs the site in every language all the same.
`manage.py makemessages -l <code>` (which does need GNU gettext) refreshes a .po
after the interface's words change. A .mo is rebuilt only when its .po is newer.
"""

import ast
import struct
from pathlib import Path

from django.conf import settings


def parse_po(text):
    """[(context or None, msgid, msgid_plural or None, [msgstr, …], fuzzy)] from a .po file's text.
    The header (msgid "") is included; obsolete (#~) entries are not."""
    entries, current, field = [], None, None

    def finish():
        if current and "msgid" in current:
            entries.append(
                (
                    current.get("msgctxt"),
                    current["msgid"],
                    current.get("msgid_plural"),
                    [current[key] for key in sorted(k for k in current if k.startswith("msgstr"))],
                    current.get("fuzzy", False),
                )
            )

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            finish()
            current, field = None, None
            continue
        if line.startswith("#~"):
            continue
        if current is None:
            current = {}
        if line.startswith("#,"):
            current["fuzzy"] = "fuzzy" in line
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            current[field] += ast.literal_eval(line)
            continue
        keyword, _, rest = line.partition(" ")
        if keyword.startswith("msgstr["):
            keyword = f"msgstr{int(keyword[7:-1]):03d}"
        elif keyword == "msgstr":
            keyword = "msgstr000"
        elif keyword in ("msgid", "msgid_plural", "msgctxt") and keyword in current and keyword == "msgid":
            finish()
            current = {}
        field = keyword
        current[field] = ast.literal_eval(rest)
    finish()
    return entries


def mo_bytes(entries):
    """A GNU .mo catalog (little-endian, no hash table) of the translated, non-fuzzy entries."""
    pairs = {}
    for context, msgid, plural, msgstrs, fuzzy in entries:
        if msgid and (fuzzy or not any(msgstrs)):
            continue  # untranslated: other catalogs (Django's own) or the English text answer
        key = msgid if plural is None else f"{msgid}\0{plural}"
        if context:
            key = f"{context}\x04{key}"
        pairs[key.encode()] = "\0".join(msgstrs).encode()
    keys = sorted(pairs)
    header_size, count = 7 * 4, len(keys)
    ids_offset = header_size
    strs_offset = ids_offset + count * 8
    data_offset = strs_offset + count * 8
    ids, strs, data = b"", b"", b""
    for key in keys:
        ids += struct.pack("<2I", len(key), data_offset + len(data))
        data += key + b"\0"
    for key in keys:
        value = pairs[key]
        strs += struct.pack("<2I", len(value), data_offset + len(data))
        data += value + b"\0"
    header = struct.pack("<7I", 0x950412DE, 0, count, ids_offset, strs_offset, 0, data_offset)
    return header + ids + strs + data


def compile_all(force=False):
    """Compile every locale/*/LC_MESSAGES/*.po under LOCALE_PATHS whose .mo is missing or older.
    Returns the .mo paths written."""
    written = []
    for root in settings.LOCALE_PATHS:
        for po in sorted(Path(root).glob("*/LC_MESSAGES/*.po")):
            mo = po.with_suffix(".mo")
            if not force and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
                continue
            mo.write_bytes(mo_bytes(parse_po(po.read_text(encoding="utf-8"))))
            written.append(mo)
    return written
